import {
  CalendarFeedCreated,
  CalendarFeedStatus,
  CalendarQuery,
  CreateMeetingRequest,
  IdSchema,
  MeetingSchema,
  MeetingsResponse,
  UpdateMeetingRequest,
} from '@common-ground/shared/api';
import { z } from 'zod';
import { toMeeting } from '../../calendar/projection';
import { EXPORT_TAGS } from '../../exports/catalogues';
import { authenticateForBoard } from '../auth';
import { sendCalendar } from '../calendarFile';
import type { AppDeps } from '../deps';
import { exportLocale } from '../exportLanguage';
import { linkOrigin } from '../linkOrigin';
import { refusalsAsHttp } from '../refusals';
import { HttpError } from '../respond';
import { type Router, route } from '../router';

const LIST = route('GET', '/api/boards/:boardId/meetings', {
  summary: 'The board’s meetings by start, cancelled ones included',
  auth: 'participant',
  response: MeetingsResponse,
});
const CREATE = route('POST', '/api/boards/:boardId/meetings', {
  summary: 'Schedule a meeting: time (and time zone), place or video link, title, agenda, note',
  auth: 'facilitator',
  body: CreateMeetingRequest,
  status: 201,
  response: MeetingSchema,
  errors: [409],
});
const MEETING_FILE = route('GET', '/api/boards/:boardId/meetings/:meetingId.ics', {
  summary: 'One meeting as an iCalendar file (RFC 5545) in the requester’s language',
  auth: 'participant',
  query: CalendarQuery,
  response: z.string(),
  calendar: true,
});
const GET = route('GET', '/api/boards/:boardId/meetings/:meetingId', {
  summary: 'One meeting',
  auth: 'participant',
  response: MeetingSchema,
});
const UPDATE = route('PUT', '/api/boards/:boardId/meetings/:meetingId', {
  summary: 'Change a meeting (the fields given); it keeps its id and its sequence goes up by one',
  auth: 'facilitator',
  body: UpdateMeetingRequest,
  response: MeetingSchema,
  errors: [409],
});
const CANCEL = route('POST', '/api/boards/:boardId/meetings/:meetingId/cancel', {
  summary: 'Cancel a meeting: it stays, with status cancelled (calendars that have it learn so)',
  auth: 'facilitator',
  response: MeetingSchema,
});
const DEADLINE_FILE = route('GET', '/api/boards/:boardId/rounds/:roundId/deadline.ics', {
  summary: 'A round’s deadline as an iCalendar file, with a reminder a day before',
  auth: 'participant',
  query: CalendarQuery,
  response: z.string(),
  calendar: true,
});
const FEED_STATUS = route('GET', '/api/boards/:boardId/me/calendar-feed', {
  summary: 'Whether I have a calendar feed (its secret address is shown only when it is made)',
  auth: 'participant',
  response: CalendarFeedStatus,
});
const CREATE_FEED = route('POST', '/api/boards/:boardId/me/calendar-feed', {
  summary: 'Make my secret calendar feed address (an earlier one stops working)',
  auth: 'participant',
  query: CalendarQuery,
  status: 201,
  response: CalendarFeedCreated,
});
const DELETE_FEED = route('DELETE', '/api/boards/:boardId/me/calendar-feed', {
  summary: 'End my calendar feed: its address answers 404 from now on',
  auth: 'participant',
  status: 204,
  response: z.undefined(),
});

function idParam(params: Readonly<Record<string, string>>, name: string, what: string): string {
  const id = params[name] ?? '';
  if (!IdSchema.safeParse(id).success) throw new HttpError(404, 'not_found', `No such ${what} on this board`);
  return id;
}

/** Meetings (the facilitator writes, every participant reads), their calendar files and the personal feed. */
export function registerMeetingRoutes(
  router: Router,
  { storage, meetings, calendar, config }: AppDeps,
): void {
  router.add(LIST, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    await authenticateForBoard(req, storage, boardId);
    send({ meetings: (await meetings.list(boardId)).map(toMeeting) });
  });

  router.add(CREATE, async ({ req, params, body, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    if (me.role !== 'facilitator')
      throw new HttpError(403, 'forbidden', 'Only the facilitator schedules meetings');
    const request = await body();
    send(await refusalsAsHttp(() => meetings.create(boardId, me, request)));
  });

  // Before GET: a meeting's path with `.ics` is its file, not a meeting id.
  router.add(MEETING_FILE, async ({ req, res, params, query }) => {
    const boardId = params.boardId ?? '';
    await authenticateForBoard(req, storage, boardId);
    const meetingId = idParam(params, 'meetingId', 'meeting');
    const locale = exportLocale(query().lang, req);
    const file = await refusalsAsHttp(() =>
      calendar.meetingFile(boardId, meetingId, locale, linkOrigin(req, config.publicUrl)),
    );
    sendCalendar(req, res, `meeting-${meetingId}.ics`, file, EXPORT_TAGS[locale]);
  });

  router.add(GET, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    await authenticateForBoard(req, storage, boardId);
    const meetingId = idParam(params, 'meetingId', 'meeting');
    send(toMeeting(await refusalsAsHttp(() => meetings.get(boardId, meetingId))));
  });

  router.add(UPDATE, async ({ req, params, body, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    if (me.role !== 'facilitator')
      throw new HttpError(403, 'forbidden', 'Only the facilitator changes meetings');
    const meetingId = idParam(params, 'meetingId', 'meeting');
    const change = await body();
    send(await refusalsAsHttp(() => meetings.update(boardId, me, meetingId, change)));
  });

  router.add(CANCEL, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    const meetingId = idParam(params, 'meetingId', 'meeting');
    send(await refusalsAsHttp(() => meetings.cancel(boardId, me, meetingId)));
  });

  router.add(DEADLINE_FILE, async ({ req, res, params, query }) => {
    const boardId = params.boardId ?? '';
    await authenticateForBoard(req, storage, boardId);
    const roundId = idParam(params, 'roundId', 'round');
    const locale = exportLocale(query().lang, req);
    const file = await refusalsAsHttp(() =>
      calendar.deadlineFile(boardId, roundId, locale, linkOrigin(req, config.publicUrl)),
    );
    sendCalendar(req, res, `round-${roundId}-deadline.ics`, file, EXPORT_TAGS[locale]);
  });

  router.add(FEED_STATUS, async ({ req, params, send }) => {
    const me = await authenticateForBoard(req, storage, params.boardId ?? '');
    send(await calendar.feedStatus(me));
  });

  router.add(CREATE_FEED, async ({ req, params, query, send }) => {
    const me = await authenticateForBoard(req, storage, params.boardId ?? '');
    const locale = exportLocale(query().lang, req);
    send(await calendar.createFeed(me, linkOrigin(req, config.publicUrl), locale));
  });

  router.add(DELETE_FEED, async ({ req, params, send }) => {
    const me = await authenticateForBoard(req, storage, params.boardId ?? '');
    await calendar.removeFeed(me);
    send(undefined);
  });
}
