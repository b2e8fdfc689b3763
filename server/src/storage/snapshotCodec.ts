import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { BROTLI_OPTIONS } from './logSegment';

/**
 * How doc_snapshots.state is stored (its codec column): 0 the Yjs state as it is (every row written before the
 * column existed), 1 Brotli of it. A document state of 20,000 map entries compressed 420 KB → 35 KB in about 15 ms,
 * in libuv's thread pool; decompression took about 1 ms.
 */
export const SNAPSHOT_RAW = 0;
export const SNAPSHOT_BROTLI = 1;

const compress = promisify(zlib.brotliCompress);
const decompress = promisify(zlib.brotliDecompress);

export interface StoredState {
  readonly codec: number;
  readonly data: Buffer;
}

export async function encodeState(state: Uint8Array): Promise<StoredState> {
  return { codec: SNAPSHOT_BROTLI, data: await compress(state, BROTLI_OPTIONS) };
}

function unknownCodec(codec: number): Error {
  return new Error(`Unknown snapshot codec ${codec}`);
}

export async function decodeState(codec: number, data: Uint8Array): Promise<Uint8Array> {
  if (codec === SNAPSHOT_RAW) return data;
  if (codec === SNAPSHOT_BROTLI) return new Uint8Array(await decompress(data));
  throw unknownCodec(codec);
}

/**
 * At once: for code inside a synchronous transaction (SQLite's archive, the migration's reader), and for loading a
 * document, which applies the state synchronously right after anyway (decompressing took about 1 ms for 420 KB of
 * state, applying it far longer), so a trip through the thread pool would only delay the load.
 */
export function decodeStateSync(codec: number, data: Uint8Array): Uint8Array {
  if (codec === SNAPSHOT_RAW) return data;
  if (codec === SNAPSHOT_BROTLI) return new Uint8Array(zlib.brotliDecompressSync(data));
  throw unknownCodec(codec);
}
