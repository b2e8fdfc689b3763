import {
  CalendarFeedCreated,
  CalendarFeedStatus,
  type CreateMeetingRequest,
  MeetingSchema,
  type UpdateMeetingRequest,
} from '@common-ground/shared/api';
import { request, send } from '../app/request';
import type { Locale } from '../i18n/languages';

const base = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`;
const lang = (locale: Locale) => `lang=${encodeURIComponent(locale)}`;

/** The meeting and calendar endpoints (docs/api.md, "Meetings and calendar files", "Calendar feed"). */
export const meetingsApi = {
  create: (boardId: string, token: string, body: CreateMeetingRequest) =>
    request(MeetingSchema, `${base(boardId)}/meetings`, { method: 'POST', token, body }),
  update: (boardId: string, token: string, meetingId: string, body: UpdateMeetingRequest) =>
    request(MeetingSchema, `${base(boardId)}/meetings/${encodeURIComponent(meetingId)}`, {
      method: 'PUT',
      token,
      body,
    }),
  cancel: (boardId: string, token: string, meetingId: string) =>
    request(MeetingSchema, `${base(boardId)}/meetings/${encodeURIComponent(meetingId)}/cancel`, {
      method: 'POST',
      token,
    }),
  meetingFile: (boardId: string, meetingId: string, locale: Locale) =>
    `${base(boardId)}/meetings/${encodeURIComponent(meetingId)}.ics?${lang(locale)}`,
  deadlineFile: (boardId: string, roundId: string, locale: Locale) =>
    `${base(boardId)}/rounds/${encodeURIComponent(roundId)}/deadline.ics?${lang(locale)}`,
  feedStatus: (boardId: string, token: string) =>
    request(CalendarFeedStatus, `${base(boardId)}/me/calendar-feed`, { token }),
  createFeed: (boardId: string, token: string, locale: Locale) =>
    request(CalendarFeedCreated, `${base(boardId)}/me/calendar-feed?${lang(locale)}`, {
      method: 'POST',
      token,
    }),
  // 204 without a body: `send` alone, since `request` would read one.
  removeFeed: async (boardId: string, token: string): Promise<void> => {
    await send(`${base(boardId)}/me/calendar-feed`, { method: 'DELETE', token });
  },
};

/**
 * A calendar file needs the token in a header, so a plain link cannot fetch it: it is fetched, then handed to the
 * browser as a download (the phone's calendar offers to add it from there).
 */
export async function downloadCalendarFile(path: string, token: string, fileName: string): Promise<void> {
  const blob = await (await send(path, { token })).blob();
  const url = URL.createObjectURL(new Blob([blob], { type: 'text/calendar' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; a minute is ample for slow phones before it is freed.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
