import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  decodeSegment,
  decodeSegmentSync,
  encodeSegment,
  packEntries,
  SEGMENT_FORMAT,
  SegmentCorrupt,
  unpackEntries,
} from './logSegment';
import type { StoredUpdate } from './parts/log';

/** A small seeded generator (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomEntries(seed: number, count: number): StoredUpdate[] {
  const next = random(seed);
  const authors = [null, 'alice', 'bob', 'ß-ü-名前', 'x'.repeat(200)];
  let seq = Math.floor(next() * 1000);
  let at = 1_800_000_000_000;
  return Array.from({ length: count }, () => {
    seq += 1 + Math.floor(next() * 5);
    // Clocks go back and stand still too.
    at += Math.floor(next() * 4000) - 1000;
    const length = next() < 0.1 ? 0 : Math.floor(next() * 64);
    const update = new Uint8Array(length).map(() => Math.floor(next() * 256));
    return { seq, participantId: authors[Math.floor(next() * authors.length)] ?? null, update, at };
  });
}

const plain = (entries: readonly StoredUpdate[]) =>
  entries.map((e) => ({ seq: e.seq, participantId: e.participantId, at: e.at, update: [...e.update] }));

describe('log segments', () => {
  it('round-trips seeded random entries exactly: seqs, authors (and none), times going back, empty updates', async () => {
    for (const seed of [1, 2, 3, 42, 2026]) {
      const entries = randomEntries(seed, 300);
      const blob = await encodeSegment(entries);
      expect(blob[0]).toBe(SEGMENT_FORMAT);
      expect(plain(await decodeSegment(blob))).toEqual(plain(entries));
      expect(plain(decodeSegmentSync(blob))).toEqual(plain(entries));
    }
  });

  it('round-trips one entry, a large update, negative and huge times', async () => {
    const large = new Uint8Array(1024 * 1024).map((_, i) => (i * 7919) % 251);
    const entries: StoredUpdate[] = [
      { seq: 1, participantId: null, update: large, at: -5 },
      { seq: Number.MAX_SAFE_INTEGER - 1, participantId: 'p', update: new Uint8Array(), at: 2 ** 52 },
    ];
    expect(plain(await decodeSegment(await encodeSegment(entries)))).toEqual(plain(entries));
    const one = entries.slice(1);
    expect(plain(await decodeSegment(await encodeSegment(one)))).toEqual(plain(one));
  });

  it('returns updates that do not share the decompressed buffer', async () => {
    const [entry] = await decodeSegment(await encodeSegment(randomEntries(7, 1)));
    expect(entry?.update.byteOffset).toBe(0);
    expect(entry?.update.buffer.byteLength).toBe(entry?.update.byteLength);
  });

  it('refuses entries out of seq order when encoding', async () => {
    const [a, b] = randomEntries(9, 2);
    if (!a || !b) throw new Error('no entries');
    await expect(encodeSegment([b, a])).rejects.toThrow(/increasing/);
    await expect(encodeSegment([a, a])).rejects.toThrow(/increasing/);
  });

  it('says a blob is corrupt: empty, unknown format, broken compression, cut short', async () => {
    const blob = await encodeSegment(randomEntries(11, 50));
    const cases = [
      Buffer.alloc(0),
      Buffer.of(SEGMENT_FORMAT),
      Buffer.concat([Buffer.of(SEGMENT_FORMAT + 1), blob.subarray(1)]),
      Buffer.concat([Buffer.of(SEGMENT_FORMAT), Buffer.from('not brotli at all')]),
      blob.subarray(0, blob.length - 5),
    ];
    for (const bad of cases) {
      await expect(decodeSegment(bad)).rejects.toBeInstanceOf(SegmentCorrupt);
      expect(() => decodeSegmentSync(bad)).toThrow(SegmentCorrupt);
    }
  });

  it('says a well-compressed but malformed layout is corrupt', async () => {
    const packed = packEntries(randomEntries(13, 20));
    const layouts = [
      Buffer.concat([packed, Buffer.of(0)]), // trailing bytes
      packed.subarray(0, packed.length - 1), // cut short
      Buffer.of(200, 1), // a count the data cannot hold
      Buffer.of(1, 0, 1, 2, 0, 0), // author 2 of none
      Buffer.of(2, 0, 1, 0, 0, 0, 0, 0, 0, 0), // seq that does not increase
    ];
    for (const layout of layouts) {
      expect(() => unpackEntries(layout)).toThrow(SegmentCorrupt);
      const blob = Buffer.concat([Buffer.of(SEGMENT_FORMAT), zlib.brotliCompressSync(layout)]);
      await expect(decodeSegment(blob)).rejects.toBeInstanceOf(SegmentCorrupt);
    }
  });

  it('compresses a run of similar small updates far below their size', async () => {
    const entries = Array.from({ length: 500 }, (_, i) => ({
      seq: 1000 + i,
      participantId: 'participant-0123456789',
      update: new TextEncoder().encode(
        `\u0001\u0001\u00a4\u00f3\u0085\u0007${i}\u0000\u0028\u0001\u0007entries\u0002e${i}`,
      ),
      at: 1_800_000_000_000 + i * 3,
    }));
    const raw = entries.reduce((sum, e) => sum + e.update.byteLength + 8 + e.participantId.length, 0);
    const blob = await encodeSegment(entries);
    expect(blob.byteLength * 5).toBeLessThan(raw);
  });
});
