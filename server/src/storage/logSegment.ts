import { promisify } from 'node:util';
import zlib from 'node:zlib';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { StoredUpdate } from './parts/log';

/**
 * A sealed log segment: a run of one document's log entries, in seq order, as one compressed blob. Every entry's
 * seq, author, time and bytes come back exactly (docs/scaling.md, "The audit log on disk").
 *
 * Layout: one format byte, then Brotli of a lib0 encoding laid out by column, so that like sits next to like for
 * the compressor: the count; the table of distinct authors; the first seq and the later seqs as deltas (> 0); each
 * entry's author as an index (0 = none, i = the table's i-th); the first time and the later times as signed deltas
 * (clocks go back); each update's bytes.
 */
export const SEGMENT_FORMAT = 1;

/**
 * Brotli quality 5: on the bench's cold log (segments of 500 map updates) it gave 75.5 KB for 20,000 updates at
 * 0.24 ms a segment; 9 gave 75.3 KB at 6.4 ms and 11 70.3 KB at 12.6 ms (docs/scaling.md).
 */
export const BROTLI_OPTIONS: zlib.BrotliOptions = {
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 },
};

const compress = promisify(zlib.brotliCompress);
const decompress = promisify(zlib.brotliDecompress);

/** A blob that is not a segment this code wrote: wrong format byte, broken compression or layout. */
export class SegmentCorrupt extends Error {
  constructor(detail: string) {
    super(`Corrupt log segment: ${detail}`);
    this.name = 'SegmentCorrupt';
  }
}

/** The layout, uncompressed. Exported for the tests; storage calls encodeSegment. */
export function packEntries(entries: readonly StoredUpdate[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  const authors = new Map<string, number>();
  for (const { participantId } of entries) {
    if (participantId !== null && !authors.has(participantId)) authors.set(participantId, authors.size + 1);
  }
  encoding.writeVarUint(encoder, authors.size);
  for (const author of authors.keys()) encoding.writeVarString(encoder, author);
  let previousSeq = 0;
  for (const [i, { seq }] of entries.entries()) {
    if (!Number.isSafeInteger(seq) || seq <= previousSeq) {
      throw new Error(`Log segment entries must have increasing positive seqs (entry ${i}: ${seq})`);
    }
    encoding.writeVarUint(encoder, seq - previousSeq);
    previousSeq = seq;
  }
  for (const { participantId } of entries) {
    encoding.writeVarUint(encoder, participantId === null ? 0 : (authors.get(participantId) ?? 0));
  }
  let previousAt = 0;
  for (const { at } of entries) {
    if (!Number.isSafeInteger(at)) throw new Error(`Log segment entry time is not an integer: ${at}`);
    encoding.writeVarInt(encoder, at - previousAt);
    previousAt = at;
  }
  for (const { update } of entries) encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** The inverse of packEntries; throws SegmentCorrupt on anything but a whole, well-formed layout. */
export function unpackEntries(packed: Uint8Array): StoredUpdate[] {
  try {
    return readLayout(decoding.createDecoder(packed));
  } catch (error) {
    if (error instanceof SegmentCorrupt) throw error;
    throw new SegmentCorrupt(error instanceof Error ? error.message : String(error));
  }
}

function readLayout(decoder: decoding.Decoder): StoredUpdate[] {
  const count = decoding.readVarUint(decoder);
  // Every entry takes at least four bytes (seq delta, author, time delta, update length).
  if (count * 4 > decoder.arr.length) throw new SegmentCorrupt(`count ${count} exceeds the data`);
  const authorCount = decoding.readVarUint(decoder);
  if (authorCount > count) throw new SegmentCorrupt(`${authorCount} authors for ${count} entries`);
  const authors: string[] = [];
  for (let i = 0; i < authorCount; i++) authors.push(decoding.readVarString(decoder));
  const seqs: number[] = [];
  let seq = 0;
  for (let i = 0; i < count; i++) {
    const delta = decoding.readVarUint(decoder);
    if (delta <= 0) throw new SegmentCorrupt(`seq does not increase at entry ${i}`);
    seq += delta;
    seqs.push(seq);
  }
  const authorOf: (string | null)[] = [];
  for (let i = 0; i < count; i++) {
    const index = decoding.readVarUint(decoder);
    if (index > authorCount) throw new SegmentCorrupt(`author ${index} of ${authorCount} at entry ${i}`);
    authorOf.push(index === 0 ? null : (authors[index - 1] ?? null));
  }
  const ats: number[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    at += decoding.readVarInt(decoder);
    ats.push(at);
  }
  const entries: StoredUpdate[] = [];
  for (let i = 0; i < count; i++) {
    // A copy: the entry must not keep the whole decompressed segment alive.
    const update = decoding.readVarUint8Array(decoder).slice();
    entries.push({ seq: seqs[i] ?? 0, participantId: authorOf[i] ?? null, update, at: ats[i] ?? 0 });
  }
  if (decoding.hasContent(decoder)) throw new SegmentCorrupt('trailing bytes after the last entry');
  return entries;
}

/** Compresses off the event loop (zlib's asynchronous API runs in libuv's thread pool). */
export async function encodeSegment(entries: readonly StoredUpdate[]): Promise<Buffer> {
  const compressed = await compress(packEntries(entries), BROTLI_OPTIONS);
  return Buffer.concat([Buffer.of(SEGMENT_FORMAT), compressed]);
}

function compressedPart(blob: Uint8Array): Uint8Array {
  if (blob.byteLength < 2) throw new SegmentCorrupt(`${blob.byteLength} bytes`);
  if (blob[0] !== SEGMENT_FORMAT) throw new SegmentCorrupt(`unknown format ${blob[0]}`);
  return blob.subarray(1);
}

const decompressed = (error: unknown): SegmentCorrupt =>
  new SegmentCorrupt(`decompression failed (${error instanceof Error ? error.message : String(error)})`);

/** Decodes a segment off the event loop. */
export async function decodeSegment(blob: Uint8Array): Promise<StoredUpdate[]> {
  const part = compressedPart(blob);
  let packed: Buffer;
  try {
    packed = await decompress(part);
  } catch (error) {
    throw decompressed(error);
  }
  return unpackEntries(packed);
}

/** Decodes a segment at once: for code inside a synchronous transaction (SQLite's archive, the migration). */
export function decodeSegmentSync(blob: Uint8Array): StoredUpdate[] {
  const part = compressedPart(blob);
  let packed: Buffer;
  try {
    packed = zlib.brotliDecompressSync(part);
  } catch (error) {
    throw decompressed(error);
  }
  return unpackEntries(packed);
}
