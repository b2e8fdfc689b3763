import type { Meeting } from '@common-ground/shared/api';

/** Midnight after `now` on this device's clocks: a meeting that starts before it is today's or earlier. */
function endOfToday(now: number): number {
  const day = new Date(now);
  day.setHours(24, 0, 0, 0);
  return day.getTime();
}

/** A meeting has minutes once it started or is today (so they can be prepared), unless it was cancelled. */
export function hasMinutes(meeting: Pick<Meeting, 'start' | 'status'>, now: number): boolean {
  return meeting.status === 'scheduled' && meeting.start < endOfToday(now);
}

/** Meetings that have ended and were held (not cancelled), the latest first: where the minutes of the past are. */
export function pastMeetings(meetings: readonly Meeting[], now: number): Meeting[] {
  return meetings.filter((m) => m.status === 'scheduled' && m.end <= now).sort((a, b) => b.start - a.start);
}

export const minutesPath = (boardId: string, meetingId: string): string =>
  `/b/${encodeURIComponent(boardId)}/minutes/${encodeURIComponent(meetingId)}`;
