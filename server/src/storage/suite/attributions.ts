import type { Attribution } from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import type { Storage } from '../types';
import { BOARD, FACILITATOR, facilitatorOf, NOW, seedBoard } from './fixtures';

const goal = (id: string, participantId: string, at = NOW): Attribution => ({
  kind: 'goal',
  id,
  goalId: id,
  participantId,
  at,
  contentHash: null,
});

const comment = (id: string, goalId: string, participantId: string, at = NOW): Attribution => ({
  kind: 'comment',
  id,
  goalId,
  participantId,
  at,
  contentHash: `hash-${id}`,
});

/** Who created goals and comments: first writer wins, per board, and the one-time backfill mark. */
export function describeAttributions(ctx: { readonly storage: Storage }): void {
  describe('attributions', () => {
    const seedPartnerPerson = async (storage: Storage): Promise<string> => {
      const person = await storage.accounts.createParticipant({
        id: 'person-b',
        boardId: BOARD,
        name: 'Ben',
        role: 'facilitator',
        partnerId: null,
        color: '#0f766e',
        tokenHash: 'hash-person-b',
        createdAt: NOW,
      });
      return person.id;
    };

    it('stores goal and comment attributions and lists them oldest first', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      expect(await storage.attributions.listAttributions(BOARD)).toEqual([]);
      const stored = await storage.attributions.addAttributions(BOARD, [
        comment('c1', 'g1', FACILITATOR, NOW + 1),
        goal('g1', FACILITATOR),
      ]);
      expect(stored).toEqual([comment('c1', 'g1', FACILITATOR, NOW + 1), goal('g1', FACILITATOR)]);
      expect(await storage.attributions.listAttributions(BOARD)).toEqual([
        goal('g1', FACILITATOR),
        comment('c1', 'g1', FACILITATOR, NOW + 1),
      ]);
    });

    it('keeps the first writer: a later claim of the same item returns the first attribution', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const other = await seedPartnerPerson(storage);
      await storage.attributions.addAttributions(BOARD, [
        goal('g1', FACILITATOR),
        comment('c1', 'g1', FACILITATOR, NOW + 1),
      ]);
      const hostile: Attribution = { ...comment('c1', 'g2', other, NOW + 9), contentHash: 'other words' };
      const again = await storage.attributions.addAttributions(BOARD, [goal('g1', other, NOW + 9), hostile]);
      expect(again).toEqual([goal('g1', FACILITATOR), comment('c1', 'g1', FACILITATOR, NOW + 1)]);
      expect(await storage.attributions.listAttributions(BOARD)).toEqual([
        goal('g1', FACILITATOR),
        comment('c1', 'g1', FACILITATOR, NOW + 1),
      ]);
    });

    it('stores one translation attribution per person and language, each person’s first write kept', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const other = await seedPartnerPerson(storage);
      const translation = (participantId: string, at: number, lang = 'tr'): Attribution => ({
        kind: 'translation',
        id: `g1:${lang}:${participantId}`,
        goalId: 'g1',
        participantId,
        at,
        contentHash: null,
      });
      await storage.attributions.addAttributions(BOARD, [translation(FACILITATOR, NOW + 1)]);
      await storage.attributions.addAttributions(BOARD, [
        translation(other, NOW + 2),
        translation(FACILITATOR, NOW + 3),
        translation(FACILITATOR, NOW + 4, 'en'),
      ]);
      expect(await storage.attributions.listAttributions(BOARD)).toEqual([
        translation(FACILITATOR, NOW + 1),
        translation(other, NOW + 2),
        translation(FACILITATOR, NOW + 4, 'en'),
      ]);
    });

    it('keeps a goal and a comment of the same id apart, and boards apart', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await seedBoard(storage, 'board-2');
      const elsewhere = facilitatorOf('board-2');
      await storage.attributions.addAttributions(BOARD, [
        goal('x1', FACILITATOR),
        comment('x1', 'g1', FACILITATOR),
      ]);
      expect(await storage.attributions.addAttributions('board-2', [goal('x1', elsewhere)])).toEqual([
        goal('x1', elsewhere),
      ]);
      expect(await storage.attributions.listAttributions(BOARD)).toHaveLength(2);
      expect(await storage.attributions.listAttributions('board-2')).toEqual([goal('x1', elsewhere)]);
    });

    it('marks the backfill once, with the attributions it found', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      expect(await storage.attributions.attributionBackfilledAt(BOARD)).toBeNull();
      await storage.attributions.addAttributions(BOARD, [goal('g1', FACILITATOR)], NOW + 5);
      expect(await storage.attributions.attributionBackfilledAt(BOARD)).toBe(NOW + 5);
      await storage.attributions.addAttributions(BOARD, [], NOW + 50);
      expect(await storage.attributions.attributionBackfilledAt(BOARD)).toBe(NOW + 5);
      expect(await storage.attributions.listAttributions(BOARD)).toEqual([goal('g1', FACILITATOR)]);
    });

    it('stores nothing of a batch that fails (an unknown participant)', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await expect(
        storage.attributions.addAttributions(BOARD, [goal('g1', FACILITATOR), goal('g2', 'nobody')], NOW),
      ).rejects.toThrow();
      expect(await storage.attributions.listAttributions(BOARD)).toEqual([]);
      expect(await storage.attributions.attributionBackfilledAt(BOARD)).toBeNull();
    });
  });
}
