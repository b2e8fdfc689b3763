import { describe, expect, it } from 'vitest';
import type { MeetingRecord, Storage } from '../types';
import { BOARD, FACILITATOR, facilitatorOf, NOW, seedBoard } from './fixtures';

const meeting = (id: string, overrides: Partial<MeetingRecord> = {}): MeetingRecord => ({
  id,
  boardId: BOARD,
  title: 'Runder Tisch',
  start: NOW + 86_400_000,
  end: NOW + 86_400_000 + 7_200_000,
  timeZone: 'Europe/Berlin',
  place: 'Bürgerhaus',
  link: null,
  agenda: [
    { kind: 'item', text: 'Begrüßung' },
    { kind: 'goal', goalId: 'goal-1' },
  ],
  note: null,
  status: 'scheduled',
  sequence: 0,
  createdBy: FACILITATOR,
  createdAt: NOW,
  updatedAt: NOW,
  ...overrides,
});

/** The meetings part: meetings with their sequence, and calendar feeds. */
export function describeMeetings(ctx: { readonly storage: Storage }): void {
  describe('meetings: meetings and calendar feeds', () => {
    it('stores, lists by start and replaces a meeting only from the sequence before', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      await seedBoard(storage, 'board-2');
      const later = meeting('m-later', { start: NOW + 3 * 86_400_000, end: NOW + 3 * 86_400_000 + 1 });
      expect(await storage.meetings.createMeeting(later, 10)).toBe('created');
      expect(await storage.meetings.createMeeting(meeting('m-1'), 10)).toBe('created');
      const other = meeting('m-other', { boardId: 'board-2', createdBy: facilitatorOf('board-2') });
      expect(await storage.meetings.createMeeting(other, 10)).toBe('created');
      expect((await storage.meetings.listMeetings(BOARD)).map((m) => m.id)).toEqual(['m-1', 'm-later']);
      expect(await storage.meetings.getMeeting('m-1')).toEqual(meeting('m-1'));
      expect(await storage.meetings.createMeeting(meeting('m-3'), 2)).toBe('limit_reached');

      const changed = meeting('m-1', { title: 'Neu', sequence: 1, updatedAt: NOW + 5 });
      expect(await storage.meetings.updateMeeting(changed)).toBe(true);
      // A second change made from the same version finds the sequence moved.
      expect(await storage.meetings.updateMeeting(meeting('m-1', { title: 'Alt', sequence: 1 }))).toBe(false);
      expect(await storage.meetings.updateMeeting(meeting('m-1', { boardId: 'board-2', sequence: 2 }))).toBe(
        false,
      );
      expect(await storage.meetings.getMeeting('m-1')).toEqual(changed);
      expect(await storage.meetings.getMeeting('nope')).toBeNull();
    });

    it('keeps one feed per participant: set again replaces it, remove ends it', async () => {
      const { storage } = ctx;
      await seedBoard(storage);
      const feed = {
        participantId: FACILITATOR,
        boardId: BOARD,
        feedId: 'f1',
        secretHash: 'h1',
        createdAt: NOW,
      };
      await storage.meetings.setCalendarFeed(feed);
      expect(await storage.meetings.findCalendarFeed('f1')).toEqual(feed);
      const next = { ...feed, feedId: 'f2', secretHash: 'h2', createdAt: NOW + 1 };
      await storage.meetings.setCalendarFeed(next);
      expect(await storage.meetings.findCalendarFeed('f1')).toBeNull();
      expect(await storage.meetings.getCalendarFeedOf(FACILITATOR)).toEqual(next);
      expect(await storage.meetings.removeCalendarFeed(FACILITATOR)).toBe(true);
      expect(await storage.meetings.removeCalendarFeed(FACILITATOR)).toBe(false);
      expect(await storage.meetings.findCalendarFeed('f2')).toBeNull();
    });
  });
}
