import type { Role } from '@common-ground/shared/api';
import { describe, expect, it } from 'vitest';
import type { Storage } from '../types';
import { BOARD, bytes, FACILITATOR, NOW, RECORD, seedBoard } from './fixtures';

const pseudonym = (n: number) => `Pseudonym ${n}`;

async function addPerson(storage: Storage, id: string, role: Role, boardId = BOARD): Promise<void> {
  await storage.accounts.createParticipant({
    id,
    boardId,
    name: `Person ${id}`,
    role,
    partnerId: null,
    color: '#1d4ed8',
    tokenHash: `hash-${id}`,
    createdAt: NOW + 1,
  });
}

/** Erasure: the name replaced by a numbered pseudonym, access and personal rows gone; record logs compacted. */
export function describeErasure(ctx: { readonly storage: Storage }): void {
  describe('erasure: pseudonyms and the record log', () => {
    it('replaces the name, ends access and removes the person; numbers per board; twice finds nobody', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await seedBoard(storage, 'board-2');
      await addPerson(storage, 'p1', 'partner');
      await addPerson(storage, 'p2', 'partner');
      await addPerson(storage, 'q1', 'partner', 'board-2');
      await storage.people.recordVisit('p1', NOW + 2);
      await storage.meetings.setCalendarFeed({
        participantId: 'p1',
        boardId: BOARD,
        feedId: 'f'.repeat(22),
        secretHash: 'hash',
        createdAt: NOW,
      });

      const first = await storage.people.eraseParticipant(BOARD, 'p1', FACILITATOR, NOW + 3, pseudonym);
      expect(first).toMatchObject({ ok: true, participant: { id: 'p1', name: 'Pseudonym 1', erased: 1 } });
      expect(await storage.people.findParticipantByTokenHash('hash-p1')).toBeNull();
      expect(await storage.people.getLastVisit('p1')).toBeNull();
      expect(await storage.meetings.getCalendarFeedOf('p1')).toBeNull();
      const person = (await storage.people.listPeople(BOARD)).find((p) => p.participant.id === 'p1');
      expect(person).toMatchObject({
        participant: { name: 'Pseudonym 1', erased: 1 },
        devices: 0,
        removedAt: NOW + 3,
        removedBy: FACILITATOR,
      });

      // A person removed earlier can still be erased; the removal keeps its own time.
      await storage.people.removeParticipant(BOARD, 'p2', FACILITATOR, NOW + 4);
      const second = await storage.people.eraseParticipant(BOARD, 'p2', 'p2', NOW + 5, pseudonym);
      expect(second).toMatchObject({ ok: true, participant: { erased: 2 } });
      expect((await storage.people.listPeople(BOARD)).find((p) => p.participant.id === 'p2')?.removedAt).toBe(
        NOW + 4,
      );
      expect(await storage.people.eraseParticipant(BOARD, 'p1', FACILITATOR, NOW + 6, pseudonym)).toEqual({
        ok: false,
        reason: 'not_found',
      });
      expect(await storage.people.eraseParticipant(BOARD, 'q1', FACILITATOR, NOW + 6, pseudonym)).toEqual({
        ok: false,
        reason: 'not_found',
      });
      expect(await storage.people.eraseParticipant('board-2', 'q1', 'q1', NOW + 6, pseudonym)).toMatchObject({
        ok: true,
        participant: { erased: 1 },
      });
    });

    it('never erases the board’s last facilitator', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      expect(await storage.people.eraseParticipant(BOARD, FACILITATOR, FACILITATOR, NOW, pseudonym)).toEqual({
        ok: false,
        reason: 'last_facilitator',
      });
    });

    it('compacts a record document’s log into its snapshot, and refuses to compact a board document', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const appended = await storage.log.appendUpdates(RECORD, [
        { participantId: null, update: bytes(3), at: NOW + 1 },
        { participantId: null, update: bytes(4), at: NOW + 2 },
      ]);
      const last = appended.at(-1) ?? 0;
      await storage.log.compactRecord(RECORD, last, bytes(9, 9), NOW + 3);
      expect(await storage.log.countUpdates(RECORD)).toBe(0);
      const loaded = await storage.log.loadDocument(RECORD);
      expect(loaded).toMatchObject({ snapshot: bytes(9, 9), snapshotSeq: last, updates: [] });
      const later = await storage.log.appendUpdates(RECORD, [
        { participantId: null, update: bytes(5), at: NOW + 4 },
      ]);
      expect(later[0]).toBeGreaterThan(last);
      await expect(storage.log.compactRecord(BOARD, 1, bytes(1), NOW)).rejects.toThrow(/record/);
      expect(await storage.log.countUpdates(BOARD)).toBe(1);
    });
  });
}
