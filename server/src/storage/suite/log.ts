import { describe, expect, it } from 'vitest';
import type { Storage, StoredUpdate } from '../types';
import { BOARD, bytes, FACILITATOR, NOW, RECORD, seedBoard } from './fixtures';

const content = (updates: readonly StoredUpdate[]) =>
  updates.map((u) => [u.participantId, [...u.update], u.at] as const);

const increasing = (seqs: readonly number[]) => seqs.every((seq, i) => i === 0 || seq > (seqs[i - 1] ?? 0));

/** The update log, snapshots and loading. */
export function describeLog(ctx: { readonly storage: Storage }, contiguousSeqs: boolean): void {
  describe('log: updates, snapshots, quarantine', () => {
    it('appends a batch and loads everything in order, as Uint8Array, with author and time', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const seqs = await storage.log.appendUpdates(BOARD, [
        { participantId: FACILITATOR, update: bytes(10, 11), at: NOW + 1 },
        { participantId: null, update: bytes(12), at: NOW + 2 },
      ]);
      const loaded = await storage.log.loadDocument(BOARD);
      expect(loaded.snapshot).toBeNull();
      expect(loaded.snapshotSeq).toBe(0);
      expect(content(loaded.updates)).toEqual([
        [null, [1], NOW],
        [FACILITATOR, [10, 11], NOW + 1],
        [null, [12], NOW + 2],
      ]);
      expect(loaded.updates.slice(1).map((u) => u.seq)).toEqual(seqs);
      expect(increasing(loaded.updates.map((u) => u.seq))).toBe(true);
      expect(loaded.updates[0]?.update).toBeInstanceOf(Uint8Array);
      if (contiguousSeqs) expect(seqs).toEqual([2, 3]);
    });

    it('numbers each document’s updates on their own', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const seqs = new Map<string, number[]>([
        [BOARD, []],
        [RECORD, []],
      ]);
      for (let i = 0; i < 6; i++) {
        const docKey = i % 3 === 0 ? RECORD : BOARD;
        const batch = Array.from({ length: (i % 2) + 1 }, () => ({
          participantId: null,
          update: bytes(i),
          at: NOW,
        }));
        seqs.get(docKey)?.push(...(await storage.log.appendUpdates(docKey, batch)));
      }
      for (const docKey of [BOARD, RECORD]) {
        const logged = (await storage.log.listUpdates(docKey, 0)).map((u) => u.seq);
        expect(logged.slice(1)).toEqual(seqs.get(docKey));
        expect(increasing(logged)).toBe(true);
        if (contiguousSeqs) expect(logged).toEqual(logged.map((_, i) => i + 1));
      }
      expect(await storage.log.countUpdates(BOARD)).toBe(1 + 6);
      expect(await storage.log.countUpdates(RECORD)).toBe(1 + 3);
    });

    it('appends nothing for an empty batch', async () => {
      await seedBoard(ctx.storage);
      expect(await ctx.storage.log.appendUpdates(BOARD, [])).toEqual([]);
      expect(await ctx.storage.log.countUpdates(BOARD)).toBe(1);
    });

    it('stores a batch all or nothing', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      // An engine that commits synchronously throws, one on the network rejects: async covers both.
      const failing = (async () =>
        storage.log.appendUpdates(BOARD, [
          { participantId: FACILITATOR, update: bytes(3), at: NOW },
          { participantId: 'participant-unknown', update: bytes(4), at: NOW },
        ]))();
      await expect(failing).rejects.toThrow();
      expect(await storage.log.countUpdates(BOARD)).toBe(1);
      const [next] = await storage.log.appendUpdates(BOARD, [
        { participantId: null, update: bytes(5), at: NOW },
      ]);
      if (contiguousSeqs) expect(next).toBe(2);
      expect(content(await storage.log.listUpdates(BOARD, 0))).toEqual([
        [null, [1], NOW],
        [null, [5], NOW],
      ]);
    });

    it('loads the latest snapshot plus the updates after it, and keeps the whole log', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const seqs = await storage.log.appendUpdates(
        BOARD,
        [3, 4, 5].map((n) => ({ participantId: null, update: bytes(n), at: NOW + n })),
      );
      await storage.log.saveSnapshot(BOARD, seqs[1] ?? 0, bytes(7, 7), NOW + 10);
      const loaded = await storage.log.loadDocument(BOARD);
      expect([...(loaded.snapshot ?? [])]).toEqual([7, 7]);
      expect(loaded.snapshot).toBeInstanceOf(Uint8Array);
      expect(loaded.snapshotSeq).toBe(seqs[1]);
      expect(content(loaded.updates)).toEqual([[null, [5], NOW + 5]]);
      expect(await storage.log.countUpdates(BOARD)).toBe(4);
      expect((await storage.log.loadDocument(RECORD)).snapshot).toBeNull();
    });

    it('never replaces a snapshot with an older one', async () => {
      const { storage } = ctx;
      await storage.log.saveSnapshot(BOARD, 5, bytes(5), NOW);
      await storage.log.saveSnapshot(BOARD, 4, bytes(4), NOW);
      expect(await storage.log.loadDocument(BOARD)).toMatchObject({ snapshotSeq: 5, snapshot: bytes(5) });
      await storage.log.saveSnapshot(BOARD, 6, bytes(6), NOW);
      expect(await storage.log.loadDocument(BOARD)).toMatchObject({ snapshotSeq: 6, snapshot: bytes(6) });
    });

    it('lists the updates after a seq and up to a time, whatever the snapshots', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const [a, b, c] = await storage.log.appendUpdates(
        BOARD,
        [10, 20, 30].map((n) => ({ participantId: FACILITATOR, update: bytes(n), at: NOW + n })),
      );
      await storage.log.saveSnapshot(BOARD, c ?? 0, bytes(9), NOW + 40);
      expect((await storage.log.listUpdates(BOARD, 0)).map((u) => u.seq).slice(1)).toEqual([a, b, c]);
      expect(content(await storage.log.listUpdates(BOARD, a ?? 0))).toEqual([
        [FACILITATOR, [20], NOW + 20],
        [FACILITATOR, [30], NOW + 30],
      ]);
      expect(content(await storage.log.listUpdates(BOARD, 0, NOW + 20))).toEqual([
        [null, [1], NOW],
        [FACILITATOR, [10], NOW + 10],
        [FACILITATOR, [20], NOW + 20],
      ]);
      expect(await storage.log.listUpdates(BOARD, c ?? 0)).toEqual([]);
      expect(await storage.log.listUpdates(BOARD, 0, NOW - 1)).toEqual([]);
    });

    it('skips a quarantined entry when loading, and still loads the snapshot and the other entries', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const [a, b, c, d] = await storage.log.appendUpdates(
        BOARD,
        [3, 4, 5, 6].map((n) => ({ participantId: FACILITATOR, update: bytes(n), at: NOW + n })),
      );
      await storage.log.saveSnapshot(BOARD, a ?? 0, bytes(9), NOW + 10);
      await storage.log.quarantineUpdates(
        BOARD,
        [{ seq: c ?? 0, reason: 'Unexpected end of array' }],
        NOW + 20,
      );
      const loaded = await storage.log.loadDocument(BOARD);
      expect(loaded).toMatchObject({ snapshot: bytes(9), snapshotSeq: a });
      expect(loaded.updates.map((u) => u.seq)).toEqual([b, d]);
      expect(content(loaded.updates)).toEqual([
        [FACILITATOR, [4], NOW + 4],
        [FACILITATOR, [6], NOW + 6],
      ]);
      // The other document's log and load are untouched.
      expect(content((await storage.log.loadDocument(RECORD)).updates)).toEqual([[null, [2], NOW]]);
    });

    it('skips quarantined entries when listing, also up to a time', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const [a, b, c] = await storage.log.appendUpdates(
        BOARD,
        [10, 20, 30].map((n) => ({ participantId: null, update: bytes(n), at: NOW + n })),
      );
      await storage.log.quarantineUpdates(
        BOARD,
        [
          { seq: a ?? 0, reason: 'throws' },
          { seq: c ?? 0, reason: 'leaves pending structs' },
        ],
        NOW + 40,
      );
      const all = await storage.log.listUpdates(BOARD, 0);
      expect(content(all)).toEqual([
        [null, [1], NOW],
        [null, [20], NOW + 20],
      ]);
      expect((await storage.log.listUpdates(BOARD, a ?? 0)).map((u) => u.seq)).toEqual([b]);
      expect((await storage.log.listUpdates(BOARD, 0, NOW + 10)).map((u) => u.seq)).toEqual([all[0]?.seq]);
      expect(await storage.log.listUpdates(BOARD, b ?? 0)).toEqual([]);
    });

    it('quarantines idempotently: the first reason and time stay, and the raw log count is unchanged', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const [seq = 0] = await storage.log.appendUpdates(BOARD, [
        { participantId: null, update: bytes(3), at: NOW },
      ]);
      await storage.log.quarantineUpdates(BOARD, [{ seq, reason: 'first' }], NOW + 1);
      await storage.log.quarantineUpdates(
        BOARD,
        [
          { seq, reason: 'second' },
          { seq, reason: 'third' },
        ],
        NOW + 2,
      );
      expect(await storage.log.listQuarantined(BOARD)).toEqual([
        { docKey: BOARD, seq, reason: 'first', at: NOW + 1 },
      ]);
      expect(await storage.log.countQuarantined()).toBe(1);
      expect(await storage.log.countUpdates(BOARD)).toBe(2);
      await storage.log.quarantineUpdates(BOARD, [], NOW + 3);
      expect(await storage.log.countQuarantined()).toBe(1);
    });

    it('lists quarantined entries oldest first, of one document or of all, and counts them', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      expect(await storage.log.listQuarantined()).toEqual([]);
      expect(await storage.log.countQuarantined()).toBe(0);
      const [b1 = 0, b2 = 0] = await storage.log.appendUpdates(
        BOARD,
        [3, 4].map((n) => ({ participantId: null, update: bytes(n), at: NOW })),
      );
      const [r1 = 0] = await storage.log.appendUpdates(RECORD, [
        { participantId: null, update: bytes(5), at: NOW },
      ]);
      await storage.log.quarantineUpdates(BOARD, [{ seq: b2, reason: 'b2' }], NOW + 1);
      await storage.log.quarantineUpdates(RECORD, [{ seq: r1, reason: 'r1' }], NOW + 2);
      await storage.log.quarantineUpdates(BOARD, [{ seq: b1, reason: 'b1' }], NOW + 3);
      expect(await storage.log.listQuarantined()).toEqual([
        { docKey: BOARD, seq: b2, reason: 'b2', at: NOW + 1 },
        { docKey: RECORD, seq: r1, reason: 'r1', at: NOW + 2 },
        { docKey: BOARD, seq: b1, reason: 'b1', at: NOW + 3 },
      ]);
      expect((await storage.log.listQuarantined(BOARD)).map((q) => q.reason)).toEqual(['b2', 'b1']);
      expect((await storage.log.listQuarantined(RECORD)).map((q) => q.reason)).toEqual(['r1']);
      expect(await storage.log.listQuarantined('board-unknown')).toEqual([]);
      expect(await storage.log.countQuarantined()).toBe(3);
      expect(await storage.log.countUpdates(BOARD)).toBe(3);
      expect(await storage.log.countUpdates(RECORD)).toBe(2);
    });

    it('cuts a reason to 500 characters without splitting one', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const [long = 0, emoji = 0, exact = 0] = await storage.log.appendUpdates(
        BOARD,
        [3, 4, 5].map((n) => ({ participantId: null, update: bytes(n), at: NOW })),
      );
      await storage.log.quarantineUpdates(
        BOARD,
        [
          { seq: long, reason: `${'x'.repeat(499)}yz` },
          { seq: emoji, reason: '🧱'.repeat(501) },
          { seq: exact, reason: 'e'.repeat(500) },
        ],
        NOW,
      );
      const reasons = new Map((await storage.log.listQuarantined(BOARD)).map((q) => [q.seq, q.reason]));
      expect(reasons.get(long)).toBe(`${'x'.repeat(499)}y`);
      expect(reasons.get(emoji)).toBe('🧱'.repeat(500));
      expect(reasons.get(exact)).toBe('e'.repeat(500));
    });

    it('refuses to quarantine an entry that is not in the document’s log, storing none of the batch', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const [seq = 0] = await storage.log.appendUpdates(BOARD, [
        { participantId: null, update: bytes(3), at: NOW },
      ]);
      // The record's last seq is past the board's log in either numbering.
      const recordSeqs = await storage.log.appendUpdates(
        RECORD,
        [4, 5].map((n) => ({ participantId: null, update: bytes(n), at: NOW })),
      );
      const recordSeq = recordSeqs.at(-1) ?? 0;
      for (const missing of [recordSeq, recordSeq + 100]) {
        const failing = storage.log.quarantineUpdates(
          BOARD,
          [
            { seq, reason: 'fine' },
            { seq: missing, reason: 'not on this document' },
          ],
          NOW,
        );
        await expect(failing).rejects.toThrow();
      }
      expect(await storage.log.countQuarantined()).toBe(0);
      expect(await storage.log.listUpdates(BOARD, 0)).toHaveLength(2);
    });

    it('loads an unknown document as empty', async () => {
      expect(await ctx.storage.log.loadDocument('board-unknown')).toEqual({
        snapshot: null,
        snapshotSeq: 0,
        updates: [],
      });
      expect(await ctx.storage.log.countUpdates('board-unknown')).toBe(0);
    });
  });
}
