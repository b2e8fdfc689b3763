import { describe, expect, it } from 'vitest';
import type { DocumentDump } from '../parts/boardArchive';
import type { Storage, StoredUpdate } from '../types';
import { BOARD, bytes, FACILITATOR, NOW, RECORD, seedBoard } from './fixtures';

const plain = (updates: readonly StoredUpdate[]) =>
  updates.map((u) => [u.seq, u.participantId, [...u.update], u.at] as const);

/** Times that go back and stand still, as real clocks do; authors alternate with none. */
async function appendRun(storage: Storage, docKey: string, count: number, from: number): Promise<number[]> {
  const updates = Array.from({ length: count }, (_, i) => ({
    participantId: i % 3 === 0 ? null : FACILITATOR,
    update: i % 7 === 0 ? new Uint8Array() : bytes((from + i) % 256, i % 5),
    at: NOW + from + (i % 4 === 0 ? -i : i),
  }));
  const seqs: number[] = [];
  for (let i = 0; i < updates.length; i += 25) {
    seqs.push(...(await storage.log.appendUpdates(docKey, updates.slice(i, i + 25))));
  }
  return seqs;
}

/** Everything the log answers about a document: every afterSeq, untilAt boundaries, counts, the load. */
async function everyRead(storage: Storage, docKey: string): Promise<unknown> {
  const all = await storage.log.listUpdates(docKey, 0);
  const seqs = [0, ...all.map((u) => u.seq)];
  const times = [...new Set(all.map((u) => u.at))].sort((a, b) => a - b);
  const untilAts = [NOW - 1_000_000, ...times.flatMap((t) => [t - 1, t]), NOW + 1_000_000];
  const afterSeq = [];
  for (const seq of seqs) afterSeq.push(plain(await storage.log.listUpdates(docKey, seq)));
  const untilAt = [];
  for (const at of untilAts) {
    for (const seq of [0, seqs[Math.floor(seqs.length / 2)] ?? 0]) {
      untilAt.push(plain(await storage.log.listUpdates(docKey, seq, at)));
    }
  }
  const loaded = await storage.log.loadDocument(docKey);
  return {
    afterSeq,
    untilAt,
    count: await storage.log.countUpdates(docKey),
    loaded: {
      snapshot: loaded.snapshot && [...loaded.snapshot],
      seq: loaded.snapshotSeq,
      tail: plain(loaded.updates),
    },
    quarantined: await storage.log.listQuarantined(docKey),
  };
}

/** A document's dump with its bytes as plain arrays (a view of a Buffer and a Uint8Array compare alike). */
const dumped = (dump: DocumentDump | undefined) =>
  dump && {
    updates: dump.updates.map((u) => ({ ...u, data: [...u.data] })),
    snapshot: dump.snapshot && { ...dump.snapshot, state: [...dump.snapshot.state] },
    quarantined: dump.quarantined,
  };

/** Sealed log segments (DocumentLog.sealThrough): the log reads the same before and after. */
export function describeSegments(ctx: { readonly storage: Storage }): void {
  describe('log: sealed segments', () => {
    it('seals up to a snapshot and every read answers exactly as before, twice over', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const first = await appendRun(storage, BOARD, 60, 0);
      await appendRun(storage, RECORD, 5, 0);
      await storage.log.quarantineUpdates(BOARD, [{ seq: first[10] ?? 0, reason: 'poisoned' }], NOW);
      const snapshotSeq = first[40] ?? 0;
      await storage.log.saveSnapshot(BOARD, snapshotSeq, bytes(9, 9, 9), NOW);
      const before = await everyRead(storage, BOARD);
      expect(await storage.log.sealThrough(BOARD, snapshotSeq)).toBe(42);
      expect(await everyRead(storage, BOARD)).toEqual(before);
      expect(await storage.log.sealThrough(BOARD, snapshotSeq)).toBe(0);

      const second = await appendRun(storage, BOARD, 30, 60);
      const lastSeq = second.at(-1) ?? 0;
      await storage.log.saveSnapshot(BOARD, lastSeq, bytes(8), NOW);
      const grown = await everyRead(storage, BOARD);
      expect(await storage.log.sealThrough(BOARD, lastSeq)).toBe(49);
      expect(await everyRead(storage, BOARD)).toEqual(grown);
      expect(await storage.log.countUpdates(BOARD)).toBe(91);
      expect((await storage.log.loadDocument(BOARD)).updates).toEqual([]);
      expect(await storage.retention.lastChange(BOARD)).toBe(NOW + 60 + 29);
    });

    it('quarantines an entry that lives in a segment, and refuses one that is not in the document’s log', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const seqs = await appendRun(storage, BOARD, 10, 0);
      const recordSeqs = await appendRun(storage, RECORD, 3, 0);
      const last = seqs.at(-1) ?? 0;
      await storage.log.saveSnapshot(BOARD, last, bytes(1), NOW);
      await storage.log.sealThrough(BOARD, last);
      const sealed = seqs[4] ?? 0;
      await storage.log.quarantineUpdates(BOARD, [{ seq: sealed, reason: 'throws' }], NOW + 5);
      expect((await storage.log.listUpdates(BOARD, 0)).map((u) => u.seq)).not.toContain(sealed);
      expect(await storage.log.listQuarantined(BOARD)).toEqual([
        { docKey: BOARD, seq: sealed, reason: 'throws', at: NOW + 5 },
      ]);
      expect(await storage.log.countUpdates(BOARD)).toBe(11);
      // SQLite numbers all documents together: the record's first entry lies inside the board's segment.
      const recordFirst =
        recordSeqs[0] === undefined ? 0 : ((await storage.log.listUpdates(RECORD, 0))[0]?.seq ?? 0);
      if (!seqs.includes(recordFirst) && recordFirst > 1 && recordFirst < last) {
        await expect(
          storage.log.quarantineUpdates(BOARD, [{ seq: recordFirst, reason: 'not ours' }], NOW),
        ).rejects.toThrow();
      }
      await expect(
        storage.log.quarantineUpdates(BOARD, [{ seq: last + 10_000, reason: 'not there' }], NOW),
      ).rejects.toThrow();
      expect(await storage.log.countQuarantined()).toBe(1);
    });

    it('compacts a record document with its segments', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const seqs = await appendRun(storage, RECORD, 20, 0);
      const middle = seqs[9] ?? 0;
      await storage.log.saveSnapshot(RECORD, middle, bytes(1), NOW);
      await storage.log.sealThrough(RECORD, middle);
      const last = seqs.at(-1) ?? 0;
      await storage.log.compactRecord(RECORD, last, bytes(7), NOW + 1);
      expect(await storage.log.countUpdates(RECORD)).toBe(0);
      expect(await storage.log.listUpdates(RECORD, 0)).toEqual([]);
      const loaded = await storage.log.loadDocument(RECORD);
      expect(loaded.snapshot && [...loaded.snapshot]).toEqual([7]);
    });

    it('purges a board’s segments with its log', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      for (const docKey of [BOARD, RECORD]) {
        const seqs = await appendRun(storage, docKey, 10, 0);
        const last = seqs.at(-1) ?? 0;
        await storage.log.saveSnapshot(docKey, last, bytes(1), NOW);
        await storage.log.sealThrough(docKey, last);
      }
      expect(await storage.lifecycle.purgeBoard(BOARD)).toBe(true);
      for (const docKey of [BOARD, RECORD]) {
        expect(await storage.log.countUpdates(docKey)).toBe(0);
        expect(await storage.log.listUpdates(docKey, 0)).toEqual([]);
      }
    });

    it('archives the same board after a seal: every entry, the snapshot and the quarantine', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const seqs = await appendRun(storage, BOARD, 30, 0);
      await storage.log.quarantineUpdates(BOARD, [{ seq: seqs[3] ?? 0, reason: 'bad' }], NOW);
      const through = seqs[19] ?? 0;
      await storage.log.saveSnapshot(BOARD, through, bytes(5, 5), NOW);
      const before = await storage.boardArchive.dumpBoard(BOARD);
      await storage.log.sealThrough(BOARD, through);
      const after = await storage.boardArchive.dumpBoard(BOARD);
      expect(dumped(after?.board)).toEqual(dumped(before?.board));
      expect(dumped(after?.record)).toEqual(dumped(before?.record));
      expect(after?.board.updates).toHaveLength(31);
      expect(after?.board.quarantined).toEqual([{ index: 4, reason: 'bad', at: NOW }]);
    });

    it('seals a participant’s flood of 10,000 tiny updates and reads it back exactly', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const flood = Array.from({ length: 10_000 }, (_, i) => ({
        participantId: FACILITATOR,
        update: bytes(i % 256, (i >> 8) % 256),
        at: NOW + i,
      }));
      const seqs: number[] = [];
      for (let i = 0; i < flood.length; i += 1000) {
        seqs.push(...(await storage.log.appendUpdates(BOARD, flood.slice(i, i + 1000))));
      }
      const last = seqs.at(-1) ?? 0;
      await storage.log.saveSnapshot(BOARD, last, bytes(1), NOW);
      const before = await storage.log.listUpdates(BOARD, 0);
      expect(await storage.log.sealThrough(BOARD, last)).toBe(10_001);
      expect(plain(await storage.log.listUpdates(BOARD, 0))).toEqual(plain(before));
      expect(plain(await storage.log.listUpdates(BOARD, seqs[4999] ?? 0, NOW + 7000))).toEqual(
        plain(before.filter((u) => u.seq > (seqs[4999] ?? 0) && u.at <= NOW + 7000)),
      );
    });

    it('seals a document once when asked twice at the same moment', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const seqs = await appendRun(storage, BOARD, 20, 0);
      const last = seqs.at(-1) ?? 0;
      await storage.log.saveSnapshot(BOARD, last, bytes(1), NOW);
      const moved = await Promise.all([
        storage.log.sealThrough(BOARD, last),
        storage.log.sealThrough(BOARD, last),
      ]);
      expect(moved.sort((a, b) => a - b)).toEqual([0, 21]);
      expect(await storage.log.countUpdates(BOARD)).toBe(21);
    });
  });
}
