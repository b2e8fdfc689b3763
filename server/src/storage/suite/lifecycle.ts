import { ACTIVE_LIFECYCLE } from '@common-ground/shared/api';
import { describe, expect, it } from 'vitest';
import type { Storage } from '../types';
import {
  addPartner,
  BOARD,
  bytes,
  FACILITATOR,
  facilitatorOf,
  NOW,
  RECORD,
  seedBoard,
  seedClosedRound,
} from './fixtures';

const OTHER = 'board-2';
const DAY = 24 * 60 * 60 * 1000;

/** Rows of a board in the tables a purge empties, through the storage's own reads. */
async function rowsOf(storage: Storage, boardId: string) {
  return {
    board: await storage.accounts.getBoard(boardId),
    participants: (await storage.accounts.listParticipants(boardId)).length,
    partners: (await storage.partners.listPartners(boardId)).length,
    rounds: (await storage.rounds.listRounds(boardId)).length,
    invites: (await storage.accounts.listInvites(boardId)).length,
    meetings: (await storage.meetings.listMeetings(boardId)).length,
    updates: await storage.log.countUpdates(boardId),
    recordUpdates: await storage.log.countUpdates(`${boardId}/record`),
    lifecycle: await storage.lifecycle.getLifecycle(boardId),
  };
}

/** A board with a row in most tables: partners, a closed round with a stance, an invite, a meeting, a mail. */
async function seedFullBoard(storage: Storage, boardId: string): Promise<void> {
  await seedBoard(storage, boardId);
  await addPartner(storage, `${boardId}-partner`, boardId);
  if (boardId === BOARD) await seedClosedRound(storage, `${boardId}-partner`);
  const [seq = 0] = await storage.log.appendUpdates(boardId, [
    { update: bytes(3), participantId: facilitatorOf(boardId), at: NOW },
  ]);
  await storage.log.saveSnapshot(boardId, seq, bytes(9), NOW);
  await storage.log.quarantineUpdates(boardId, [{ seq, reason: 'test' }], NOW);
  await storage.accounts.createInvite({
    id: `${boardId}-invite`,
    boardId,
    role: 'partner',
    maxUses: null,
    uses: 0,
    expiresAt: NOW + DAY,
    createdBy: facilitatorOf(boardId),
    createdAt: NOW,
    revokedAt: null,
    revokedBy: null,
    codeHash: `${boardId}-code-hash`,
  });
  await storage.people.recordVisit(facilitatorOf(boardId), NOW + 1);
}

/** Archiving, deletion and the purge. */
export function describeLifecycle(ctx: { readonly storage: Storage }): void {
  describe('lifecycle: archive, deletion and the purge', () => {
    it('keeps a board active without a row, stores archive and deletion, and goes back to active', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      expect(await storage.lifecycle.getLifecycle(BOARD)).toBeNull();
      const archived = { ...ACTIVE_LIFECYCLE, archivedAt: NOW, archivedBy: FACILITATOR };
      await storage.lifecycle.setLifecycle(BOARD, archived);
      expect(await storage.lifecycle.getLifecycle(BOARD)).toEqual(archived);
      const pending = {
        ...archived,
        deletionRequestedAt: NOW + 1,
        deletionRequestedBy: FACILITATOR,
        deleteAfter: NOW + 30 * DAY,
      };
      await storage.lifecycle.setLifecycle(BOARD, pending);
      expect(await storage.lifecycle.getLifecycle(BOARD)).toEqual(pending);
      await storage.lifecycle.setLifecycle(BOARD, ACTIVE_LIFECYCLE);
      expect(await storage.lifecycle.getLifecycle(BOARD)).toBeNull();
    });

    it('lists the deletions that are due, oldest first, and none that are not', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await seedBoard(storage, OTHER);
      await seedBoard(storage, 'board-3');
      const pending = (deleteAfter: number) => ({
        ...ACTIVE_LIFECYCLE,
        deletionRequestedAt: NOW,
        deleteAfter,
      });
      await storage.lifecycle.setLifecycle(BOARD, pending(NOW + 2 * DAY));
      await storage.lifecycle.setLifecycle(OTHER, pending(NOW + DAY));
      await storage.lifecycle.setLifecycle('board-3', { ...ACTIVE_LIFECYCLE, archivedAt: NOW });
      expect(await storage.lifecycle.listDueDeletions(NOW)).toEqual([]);
      expect(await storage.lifecycle.listDueDeletions(NOW + DAY)).toEqual([OTHER]);
      expect(await storage.lifecycle.listDueDeletions(NOW + 3 * DAY)).toEqual([OTHER, BOARD]);
    });

    it('purges one board with its log, snapshots, rounds and invites, and leaves the other untouched', async () => {
      const { storage } = ctx;
      await seedFullBoard(storage, BOARD);
      await seedFullBoard(storage, OTHER);
      await storage.lifecycle.setLifecycle(BOARD, {
        ...ACTIVE_LIFECYCLE,
        deletionRequestedAt: NOW,
        deletionRequestedBy: FACILITATOR,
        deleteAfter: NOW + DAY,
      });
      const otherBefore = await rowsOf(storage, OTHER);
      expect((await rowsOf(storage, BOARD)).rounds).toBe(1);

      expect(await storage.lifecycle.purgeBoard(BOARD)).toBe(true);

      expect(await rowsOf(storage, BOARD)).toEqual({
        board: null,
        participants: 0,
        partners: 0,
        rounds: 0,
        invites: 0,
        meetings: 0,
        updates: 0,
        recordUpdates: 0,
        lifecycle: null,
      });
      expect((await storage.log.loadDocument(RECORD)).snapshot).toBeNull();
      expect((await storage.log.loadDocument(BOARD)).snapshot).toBeNull();
      expect(await storage.people.findParticipantByTokenHash(`hash-${FACILITATOR}`)).toBeNull();
      expect(await storage.accounts.findInviteByCodeHash(`${BOARD}-code-hash`)).toBeNull();
      expect(await storage.lifecycle.listDueDeletions(NOW + 2 * DAY)).toEqual([]);
      expect(await rowsOf(storage, OTHER)).toEqual(otherBefore);
      expect(await storage.people.findParticipantByTokenHash(`hash-${facilitatorOf(OTHER)}`)).not.toBeNull();
      // Twice, or a board that never was: nothing to do.
      expect(await storage.lifecycle.purgeBoard(BOARD)).toBe(false);
      expect(await storage.lifecycle.purgeBoard('no-such-board')).toBe(false);
      // The id is free again: a new board of that id starts empty.
      await seedBoard(storage, BOARD);
      expect((await rowsOf(storage, BOARD)).updates).toBe(1);
    });
  });
}
