import { z } from 'zod';
import { IdSchema } from './entities';

/**
 * Meetings the facilitator schedules (round tables, working groups), and the calendar files and feeds they travel
 * in. A meeting's times are instants (UTC ms) with the time zone they are meant in, so a calendar shows "10:00 in
 * Berlin" however the clocks change between now and then.
 */

/**
 * The time zones a meeting may be held in: those whose VTIMEZONE the server writes (the EU's summer-time rule,
 * CET/CEST). A board is a neighbourhood's; a zone outside this list would need rules of its own.
 */
export const MEETING_TIME_ZONES = [
  'Europe/Berlin',
  'Europe/Vienna',
  'Europe/Zurich',
  'Europe/Amsterdam',
  'Europe/Brussels',
  'Europe/Luxembourg',
  'Europe/Copenhagen',
  'Europe/Prague',
  'Europe/Warsaw',
] as const;
export const MeetingTimeZoneSchema = z.enum(MEETING_TIME_ZONES);
export type MeetingTimeZone = z.infer<typeof MeetingTimeZoneSchema>;
export const DEFAULT_MEETING_TIME_ZONE: MeetingTimeZone = 'Europe/Berlin';

export const MAX_MEETING_TITLE_CHARS = 200;
export const MAX_MEETING_PLACE_CHARS = 500;
export const MAX_MEETING_LINK_CHARS = 2000;
export const MAX_MEETING_NOTE_CHARS = 4000;
export const MAX_MEETING_AGENDA_ITEMS = 50;
export const MAX_AGENDA_TEXT_CHARS = 300;
/** A meeting longer than a week is no meeting; the cap also keeps a typo (a year too far) out. */
export const MAX_MEETING_DURATION_MS = 7 * 24 * 60 * 60 * 1000;
/** Years of fortnightly meetings; stops a script from flooding a board (and every participant's feed). */
export const MAX_MEETINGS_PER_BOARD = 500;

// A person's text on one line: control characters (CR, LF, tabs, …) become one space, so nothing they type can
// start a new line of a calendar file or a header; the calendar writer escapes what remains.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what goes
const ONE_LINE_CONTROLS = /[\u0000-\u001f\u007f\u2028\u2029]+/g;
const oneLine = (max: number) =>
  z
    .string()
    .max(max)
    .transform((text) => text.replace(ONE_LINE_CONTROLS, ' ').trim())
    .pipe(z.string().min(1));

/** Epoch ms within a Date's range, after 2000 (no meeting is scheduled in the past century). */
const InstantSchema = z
  .number()
  .int()
  .min(Date.UTC(2000, 0, 1))
  .max(Date.UTC(2200, 0, 1));

/** A video link: http(s) only, so a calendar never offers a `javascript:` or `file:` link to click. */
export const MeetingLinkSchema = z
  .string()
  .trim()
  .max(MAX_MEETING_LINK_CHARS)
  .pipe(z.url({ protocol: /^https?$/ }));

export const AgendaEntrySchema = z.discriminatedUnion('kind', [
  /** A goal of the board; its current title is shown wherever the agenda is. */
  z.strictObject({ kind: z.literal('goal'), goalId: IdSchema }),
  /** A free item ("Begrüßung", "Verschiedenes"). */
  z.strictObject({ kind: z.literal('item'), text: oneLine(MAX_AGENDA_TEXT_CHARS) }),
]);
export type AgendaEntry = z.infer<typeof AgendaEntrySchema>;

const MeetingFields = {
  title: oneLine(MAX_MEETING_TITLE_CHARS),
  start: InstantSchema,
  end: InstantSchema,
  timeZone: MeetingTimeZoneSchema,
  /** Where: an address or a room; one line. */
  place: oneLine(MAX_MEETING_PLACE_CHARS).nullable(),
  link: MeetingLinkSchema.nullable(),
  agenda: z.array(AgendaEntrySchema).max(MAX_MEETING_AGENDA_ITEMS),
  /** Anything else people should know; may have several lines. */
  note: z
    .string()
    .max(MAX_MEETING_NOTE_CHARS)
    .transform((text) => text.trim() || null)
    .nullable(),
};

const endsAfterStart = (m: { start?: number; end?: number }) =>
  m.start === undefined ||
  m.end === undefined ||
  (m.end > m.start && m.end - m.start <= MAX_MEETING_DURATION_MS);
const ORDER_MESSAGE = { message: 'end must be after start, and at most 7 days later', path: ['end'] };

/** POST /api/boards/:boardId/meetings (facilitator). */
export const CreateMeetingRequest = z
  .strictObject({
    title: MeetingFields.title,
    start: MeetingFields.start,
    end: MeetingFields.end,
    timeZone: MeetingFields.timeZone.default(DEFAULT_MEETING_TIME_ZONE),
    place: MeetingFields.place.default(null),
    link: MeetingFields.link.default(null),
    agenda: MeetingFields.agenda.default([]),
    note: MeetingFields.note.default(null),
  })
  .refine(endsAfterStart, ORDER_MESSAGE);
export type CreateMeetingRequest = z.infer<typeof CreateMeetingRequest>;

/** PUT /api/boards/:boardId/meetings/:meetingId (facilitator): the fields to change, at least one. */
export const UpdateMeetingRequest = z
  .strictObject({
    title: MeetingFields.title.optional(),
    start: MeetingFields.start.optional(),
    end: MeetingFields.end.optional(),
    timeZone: MeetingFields.timeZone.optional(),
    place: MeetingFields.place.optional(),
    link: MeetingFields.link.optional(),
    agenda: MeetingFields.agenda.optional(),
    note: MeetingFields.note.optional(),
  })
  .refine((change) => Object.keys(change).length > 0, 'nothing to change')
  .refine(endsAfterStart, ORDER_MESSAGE);
export type UpdateMeetingRequest = z.infer<typeof UpdateMeetingRequest>;

export const MEETING_STATUSES = ['scheduled', 'cancelled'] as const;
export const MeetingStatusSchema = z.enum(MEETING_STATUSES);
export type MeetingStatus = z.infer<typeof MeetingStatusSchema>;

/** A meeting in every response, and in the record document's `meetings` map. */
export const MeetingSchema = z.object({
  id: IdSchema,
  title: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  timeZone: MeetingTimeZoneSchema,
  place: z.string().nullable(),
  link: z.string().nullable(),
  agenda: z.array(AgendaEntrySchema),
  note: z.string().nullable(),
  /** A cancelled meeting stays, marked: calendars that have it learn of the cancellation. */
  status: MeetingStatusSchema,
  /** 0 when scheduled; +1 with every change (the iCalendar SEQUENCE, so calendars replace their copy). */
  sequence: z.number().int().nonnegative(),
  createdBy: IdSchema,
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Meeting = z.infer<typeof MeetingSchema>;

/** GET /api/boards/:boardId/meetings: every meeting, cancelled ones included, by start. */
export const MeetingsResponse = z.object({ meetings: z.array(MeetingSchema) });
export type MeetingsResponse = z.infer<typeof MeetingsResponse>;

/** ?lang= of the calendar files: the file's texts in this language (else Accept-Language, else German). */
export const CalendarQuery = z.object({ lang: z.string().max(35).optional() });

/**
 * GET /api/boards/:boardId/me/calendar-feed: whether the caller has a feed. The secret address is shown once,
 * when it is made (POST); only its hash is stored.
 */
export const CalendarFeedStatus = z.object({ active: z.boolean(), createdAt: z.number().nullable() });
export type CalendarFeedStatus = z.infer<typeof CalendarFeedStatus>;

/** POST /api/boards/:boardId/me/calendar-feed: a new secret feed address (an earlier one stops working). */
export const CalendarFeedCreated = z.object({
  /** The address to subscribe to in a calendar app: `<origin>/cal/<token>.ics`. */
  url: z.string(),
  /** The same as a webcal:// address, which calendar apps open as a subscription. */
  webcalUrl: z.string(),
  createdAt: z.number(),
});
export type CalendarFeedCreated = z.infer<typeof CalendarFeedCreated>;

/** A feed token: a public lookup id (22 characters) and the secret (43), both base64url, written together. */
export const CALENDAR_FEED_TOKEN = /^([A-Za-z0-9_-]{22})([A-Za-z0-9_-]{43})$/;
