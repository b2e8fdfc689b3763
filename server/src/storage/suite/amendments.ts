import type { Amendment } from '@common-ground/shared/api';
import { describe, expect, it } from 'vitest';
import type { NewAmendment, Storage } from '../types';
import { addPartner, BOARD, FACILITATOR, facilitatorOf, NOW, openNewRound, seedBoard } from './fixtures';

const proposal = (id: string, overrides: Partial<NewAmendment> = {}): NewAmendment => ({
  id,
  boardId: BOARD,
  goalId: 'goal-1',
  roundId: 'r1',
  authorId: FACILITATOR,
  title: 'Neuer Titel',
  description: null,
  proposedAt: NOW + 1,
  ...overrides,
});

const proposed = (input: NewAmendment): Amendment => ({
  ...input,
  status: 'proposed',
  resolvedBy: null,
  resolvedAt: null,
});

/** Proposed amendments: one proposal per author and round, resolved once. */
export function describeAmendments(ctx: { readonly storage: Storage }): void {
  describe('amendments', () => {
    const seed = async () => {
      await seedBoard(ctx.storage);
      await addPartner(ctx.storage, 'partner-a');
      await openNewRound(ctx.storage, 'r1');
    };

    it('stores a proposal and lists the board’s amendments oldest first', async () => {
      const { storage } = ctx;
      await seed();
      await seedBoard(storage, 'board-2');
      await addPartner(storage, 'partner-other', 'board-2');
      await openNewRound(storage, 'r2', { boardId: 'board-2', openedBy: facilitatorOf('board-2') });
      const later = proposal('am-1', { proposedAt: NOW + 5 });
      const earlier = proposal('am-0', { roundId: 'r1', authorId: FACILITATOR, proposedAt: NOW + 2 });
      expect(await storage.amendments.proposeAmendment(later)).toEqual(proposed(later));
      const other = proposal('am-2', {
        boardId: 'board-2',
        roundId: 'r2',
        authorId: facilitatorOf('board-2'),
      });
      await storage.amendments.proposeAmendment(other);
      // Same author and round: the earlier-dated edit replaces the proposal (one per author and round).
      const replaced = await storage.amendments.proposeAmendment(earlier);
      expect(replaced).toEqual({ ...proposed(later), proposedAt: NOW + 2 });
      expect(await storage.amendments.listAmendments(BOARD)).toEqual([replaced]);
      expect(await storage.amendments.listAmendments('board-2')).toEqual([proposed(other)]);
      expect(await storage.amendments.getAmendment('am-0')).toBeNull();
    });

    it('a later refused edit keeps the texts of the fields it left alone', async () => {
      const { storage } = ctx;
      await seed();
      await storage.amendments.proposeAmendment(proposal('am-1', { title: 'Titel 1', description: null }));
      const merged = await storage.amendments.proposeAmendment(
        proposal('am-x', { title: null, description: 'Beschreibung 2', proposedAt: NOW + 9 }),
      );
      expect(merged).toMatchObject({ id: 'am-1', title: 'Titel 1', description: 'Beschreibung 2' });
      expect(merged.proposedAt).toBe(NOW + 9);
    });

    it('resolves a proposal once; a new refused edit afterwards starts a new proposal', async () => {
      const { storage } = ctx;
      await seed();
      await storage.amendments.proposeAmendment(proposal('am-1'));
      const adopted = await storage.amendments.resolveAmendment('am-1', {
        status: 'adopted',
        by: FACILITATOR,
        at: NOW + 7,
      });
      expect(adopted).toMatchObject({ status: 'adopted', resolvedBy: FACILITATOR, resolvedAt: NOW + 7 });
      expect(
        await storage.amendments.resolveAmendment('am-1', {
          status: 'dismissed',
          by: FACILITATOR,
          at: NOW + 8,
        }),
      ).toBeNull();
      expect(
        await storage.amendments.resolveAmendment('unknown', { status: 'adopted', by: FACILITATOR, at: NOW }),
      ).toBeNull();
      const next = await storage.amendments.proposeAmendment(proposal('am-2', { proposedAt: NOW + 9 }));
      expect(next.id).toBe('am-2');
      expect((await storage.amendments.listAmendments(BOARD)).map((a) => [a.id, a.status])).toEqual([
        ['am-1', 'adopted'],
        ['am-2', 'proposed'],
      ]);
    });

    it('keeps texts exactly, emoji and quotes included', async () => {
      const { storage } = ctx;
      await seed();
      const title = `👩‍👩‍👧 '); DROP TABLE amendments; -- "x"`;
      await storage.amendments.proposeAmendment(proposal('am-1', { title, description: '' }));
      expect(await storage.amendments.getAmendment('am-1')).toMatchObject({ title, description: '' });
    });
  });
}
