import { describe, expect, it } from 'vitest';
import type { Storage, StoredUpdate } from '../types';
import { BOARD, bytes, FACILITATOR, NOW, RECORD, seedBoard } from './fixtures';

const content = (updates: readonly StoredUpdate[]) =>
  updates.map((u) => [u.participantId, [...u.update], u.at] as const);

const increasing = (seqs: readonly number[]) => seqs.every((seq, i) => i === 0 || seq > (seqs[i - 1] ?? 0));

/** The update log, snapshots and loading. */
export function describeDocuments(ctx: { readonly storage: Storage }, contiguousSeqs: boolean): void {
  describe('update log and snapshots', () => {
    it('appends a batch and loads everything in order, as Uint8Array, with author and time', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const seqs = await storage.appendUpdates(BOARD, [
        { participantId: FACILITATOR, update: bytes(10, 11), at: NOW + 1 },
        { participantId: null, update: bytes(12), at: NOW + 2 },
      ]);
      const loaded = await storage.loadDocument(BOARD);
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
        seqs.get(docKey)?.push(...(await storage.appendUpdates(docKey, batch)));
      }
      for (const docKey of [BOARD, RECORD]) {
        const logged = (await storage.listUpdates(docKey, 0)).map((u) => u.seq);
        expect(logged.slice(1)).toEqual(seqs.get(docKey));
        expect(increasing(logged)).toBe(true);
        if (contiguousSeqs) expect(logged).toEqual(logged.map((_, i) => i + 1));
      }
      expect(await storage.countUpdates(BOARD)).toBe(1 + 6);
      expect(await storage.countUpdates(RECORD)).toBe(1 + 3);
    });

    it('appends nothing for an empty batch', async () => {
      await seedBoard(ctx.storage);
      expect(await ctx.storage.appendUpdates(BOARD, [])).toEqual([]);
      expect(await ctx.storage.countUpdates(BOARD)).toBe(1);
    });

    it('stores a batch all or nothing', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const failing = storage.appendUpdates(BOARD, [
        { participantId: FACILITATOR, update: bytes(3), at: NOW },
        { participantId: 'participant-unknown', update: bytes(4), at: NOW },
      ]);
      await expect(failing).rejects.toThrow();
      expect(await storage.countUpdates(BOARD)).toBe(1);
      const [next] = await storage.appendUpdates(BOARD, [{ participantId: null, update: bytes(5), at: NOW }]);
      if (contiguousSeqs) expect(next).toBe(2);
      expect(content(await storage.listUpdates(BOARD, 0))).toEqual([
        [null, [1], NOW],
        [null, [5], NOW],
      ]);
    });

    it('loads the latest snapshot plus the updates after it, and keeps the whole log', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const seqs = await storage.appendUpdates(
        BOARD,
        [3, 4, 5].map((n) => ({ participantId: null, update: bytes(n), at: NOW + n })),
      );
      await storage.saveSnapshot(BOARD, seqs[1] ?? 0, bytes(7, 7), NOW + 10);
      const loaded = await storage.loadDocument(BOARD);
      expect([...(loaded.snapshot ?? [])]).toEqual([7, 7]);
      expect(loaded.snapshot).toBeInstanceOf(Uint8Array);
      expect(loaded.snapshotSeq).toBe(seqs[1]);
      expect(content(loaded.updates)).toEqual([[null, [5], NOW + 5]]);
      expect(await storage.countUpdates(BOARD)).toBe(4);
      expect((await storage.loadDocument(RECORD)).snapshot).toBeNull();
    });

    it('never replaces a snapshot with an older one', async () => {
      const { storage } = ctx;
      await storage.saveSnapshot(BOARD, 5, bytes(5), NOW);
      await storage.saveSnapshot(BOARD, 4, bytes(4), NOW);
      expect(await storage.loadDocument(BOARD)).toMatchObject({ snapshotSeq: 5, snapshot: bytes(5) });
      await storage.saveSnapshot(BOARD, 6, bytes(6), NOW);
      expect(await storage.loadDocument(BOARD)).toMatchObject({ snapshotSeq: 6, snapshot: bytes(6) });
    });

    it('lists the updates after a seq and up to a time, whatever the snapshots', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const [a, b, c] = await storage.appendUpdates(
        BOARD,
        [10, 20, 30].map((n) => ({ participantId: FACILITATOR, update: bytes(n), at: NOW + n })),
      );
      await storage.saveSnapshot(BOARD, c ?? 0, bytes(9), NOW + 40);
      expect((await storage.listUpdates(BOARD, 0)).map((u) => u.seq).slice(1)).toEqual([a, b, c]);
      expect(content(await storage.listUpdates(BOARD, a ?? 0))).toEqual([
        [FACILITATOR, [20], NOW + 20],
        [FACILITATOR, [30], NOW + 30],
      ]);
      expect(content(await storage.listUpdates(BOARD, 0, NOW + 20))).toEqual([
        [null, [1], NOW],
        [FACILITATOR, [10], NOW + 10],
        [FACILITATOR, [20], NOW + 20],
      ]);
      expect(await storage.listUpdates(BOARD, c ?? 0)).toEqual([]);
      expect(await storage.listUpdates(BOARD, 0, NOW - 1)).toEqual([]);
    });

    it('loads an unknown document as empty', async () => {
      expect(await ctx.storage.loadDocument('board-unknown')).toEqual({
        snapshot: null,
        snapshotSeq: 0,
        updates: [],
      });
      expect(await ctx.storage.countUpdates('board-unknown')).toBe(0);
    });
  });
}
