import type { MinutesContent } from '@common-ground/shared/api';
import { describe, expect, it } from 'vitest';
import { toMeeting } from '../../calendar/projection';
import { EMPTY_MINUTES_DRAFT, type MeetingRecord, type MinutesDraft, type Storage } from '../types';
import { BOARD, FACILITATOR, NOW, seedBoard } from './fixtures';

const MEETING = 'meeting-1';

const meeting: MeetingRecord = {
  id: MEETING,
  boardId: BOARD,
  title: 'Runder Tisch',
  start: NOW,
  end: NOW + 7_200_000,
  timeZone: 'Europe/Berlin',
  place: null,
  link: null,
  agenda: [],
  note: null,
  status: 'scheduled',
  sequence: 0,
  createdBy: FACILITATOR,
  createdAt: NOW,
  updatedAt: NOW,
};

const draft = (notes: string): MinutesDraft => ({ ...EMPTY_MINUTES_DRAFT, notes });

const content = (notes: string): MinutesContent => ({
  meetingId: MEETING,
  meeting: toMeeting(meeting),
  period: { from: NOW, to: NOW + 7_200_000 },
  attendees: [{ participantId: FACILITATOR, partnerId: null, source: 'presence' }],
  guests: [],
  partnerIds: [],
  goals: [],
  openObjections: [],
  nextSteps: [],
  notes,
  comments: [],
  finalisedAt: NOW + 1,
  finalisedBy: FACILITATOR,
});

async function seed(storage: Storage): Promise<void> {
  await seedBoard(storage);
  await storage.meetings.createMeeting(meeting, 10);
}

/** The minutes part: versioned drafts, frozen final minutes, comments and attendance. */
export function describeMinutes(ctx: { readonly storage: Storage }): void {
  describe('minutes: drafts, finalising, comments, attendance', () => {
    it('saves a draft only from the version it was edited at', async () => {
      const { storage } = ctx;
      await seed(storage);
      expect(await storage.minutes.getMinutes(MEETING)).toBeNull();
      expect(await storage.minutes.saveDraft(MEETING, BOARD, draft('a'), 1, NOW)).toBe('conflict');
      expect(await storage.minutes.saveDraft(MEETING, BOARD, draft('a'), 0, NOW)).toBe('saved');
      expect(await storage.minutes.saveDraft(MEETING, BOARD, draft('b'), 0, NOW + 1)).toBe('conflict');
      expect(await storage.minutes.saveDraft(MEETING, BOARD, draft('b'), 1, NOW + 1)).toBe('saved');
      const stored = await storage.minutes.getMinutes(MEETING);
      expect(stored).toMatchObject({ meetingId: MEETING, boardId: BOARD, version: 2, final: null });
      expect(stored?.draft.notes).toBe('b');
    });

    it('freezes finalised minutes: no draft, no second finalising, no comment', async () => {
      const { storage } = ctx;
      await seed(storage);
      await storage.minutes.saveDraft(MEETING, BOARD, draft('a'), 0, NOW);
      expect(await storage.minutes.finalise(MEETING, BOARD, content('x'), 0, FACILITATOR, NOW + 1)).toBe(
        'conflict',
      );
      expect(await storage.minutes.finalise(MEETING, BOARD, content('x'), 1, FACILITATOR, NOW + 1)).toBe(
        'saved',
      );
      expect(await storage.minutes.finalise(MEETING, BOARD, content('y'), 1, FACILITATOR, NOW + 2)).toBe(
        'final',
      );
      expect(await storage.minutes.saveDraft(MEETING, BOARD, draft('c'), 1, NOW + 2)).toBe('final');
      const comment = {
        id: 'c-1',
        meetingId: MEETING,
        boardId: BOARD,
        participantId: FACILITATOR,
        text: 'zu spät',
        at: NOW + 3,
      };
      expect(await storage.minutes.addComment(comment, 10)).toBe('final');
      expect((await storage.minutes.getMinutes(MEETING))?.final).toEqual(content('x'));
      expect(await storage.minutes.listFinal(BOARD)).toEqual([content('x')]);
      expect(await storage.minutes.listFinal('board-2')).toEqual([]);
    });

    it('finalises minutes nobody saved a draft of', async () => {
      const { storage } = ctx;
      await seed(storage);
      expect(await storage.minutes.finalise(MEETING, BOARD, content('x'), 0, FACILITATOR, NOW)).toBe('saved');
      expect(await storage.minutes.getMinutes(MEETING)).toMatchObject({ version: 0, final: content('x') });
    });

    it('keeps comments in order up to the limit', async () => {
      const { storage } = ctx;
      await seed(storage);
      const comment = (id: string, at: number) => ({
        id,
        meetingId: MEETING,
        boardId: BOARD,
        participantId: FACILITATOR,
        text: id,
        at,
      });
      expect(await storage.minutes.addComment(comment('c-2', NOW + 2), 2)).toBe('added');
      expect(await storage.minutes.addComment(comment('c-1', NOW + 1), 2)).toBe('added');
      expect(await storage.minutes.addComment(comment('c-3', NOW + 3), 2)).toBe('limit_reached');
      expect((await storage.minutes.listComments(MEETING)).map((c) => [c.id, c.at])).toEqual([
        ['c-1', NOW + 1],
        ['c-2', NOW + 2],
      ]);
    });

    it('records each attendee once, at the first time seen', async () => {
      const { storage } = ctx;
      await seed(storage);
      await storage.minutes.recordAttendance(MEETING, FACILITATOR, NOW + 5);
      await storage.minutes.recordAttendance(MEETING, FACILITATOR, NOW + 9);
      expect(await storage.minutes.listAttendance(MEETING)).toEqual([
        { participantId: FACILITATOR, firstSeenAt: NOW + 5 },
      ]);
    });
  });
}
