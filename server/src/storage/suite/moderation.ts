import { describe, expect, it } from 'vitest';
import type { HiddenCommentRecord, Storage } from '../types';
import { BOARD, FACILITATOR, facilitatorOf, NOW, seedBoard } from './fixtures';

const hide = (commentId: string, overrides: Partial<HiddenCommentRecord> = {}): HiddenCommentRecord => ({
  boardId: BOARD,
  goalId: 'goal-1',
  commentId,
  by: FACILITATOR,
  at: NOW + 1,
  ...overrides,
});

/** Hidden comments: a hide per comment, kept by the first facilitator, ended by showing it again. */
export function describeModeration(ctx: { readonly storage: Storage }): void {
  describe('moderation: hidden comments', () => {
    it('lists the board’s hidden comments, oldest hide first, each board its own', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await seedBoard(storage, 'board-2');
      expect(await storage.moderation.listHiddenComments(BOARD)).toEqual([]);
      const later = hide('c-later', { at: NOW + 5 });
      const earlier = hide('c-earlier', { at: NOW + 2 });
      const other = hide('c-other', { boardId: 'board-2', by: facilitatorOf('board-2') });
      expect(await storage.moderation.hideComment(later)).toEqual(later);
      await storage.moderation.hideComment(earlier);
      await storage.moderation.hideComment(other);
      expect(await storage.moderation.listHiddenComments(BOARD)).toEqual([earlier, later]);
      expect(await storage.moderation.listHiddenComments('board-2')).toEqual([other]);
    });

    it('keeps the first hide when hidden again, and hides anew once shown', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const first = hide('c-1');
      await storage.moderation.hideComment(first);
      expect(await storage.moderation.hideComment(hide('c-1', { at: NOW + 9 }))).toEqual(first);
      expect(await storage.moderation.unhideComment(BOARD, 'c-1', FACILITATOR, NOW + 10)).toBe(true);
      expect(await storage.moderation.listHiddenComments(BOARD)).toEqual([]);
      // Shown already, or never hidden: nothing to change.
      expect(await storage.moderation.unhideComment(BOARD, 'c-1', FACILITATOR, NOW + 11)).toBe(false);
      expect(await storage.moderation.unhideComment(BOARD, 'c-never', FACILITATOR, NOW + 11)).toBe(false);
      const again = hide('c-1', { at: NOW + 12 });
      expect(await storage.moderation.hideComment(again)).toEqual(again);
      expect(await storage.moderation.listHiddenComments(BOARD)).toEqual([again]);
    });

    it('shows a comment again only on its own board', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await seedBoard(storage, 'board-2');
      await storage.moderation.hideComment(hide('c-1'));
      expect(
        await storage.moderation.unhideComment('board-2', 'c-1', facilitatorOf('board-2'), NOW + 2),
      ).toBe(false);
      expect(await storage.moderation.listHiddenComments(BOARD)).toEqual([hide('c-1')]);
    });
  });
}
