import {
  type AgendaEntry,
  AgendaEntrySchema,
  DEFAULT_MEETING_TIME_ZONE,
  MeetingTimeZoneSchema,
} from '@common-ground/shared/api';
import type { CalendarFeedRecord, MeetingRecord } from './parts/meetings';

/** The columns of meetings, in the order both engines insert them. */
export const MEETING_COLUMNS = `id, board_id, title, start_at, end_at, time_zone, place, link, agenda_json, note,
  status, sequence, created_by, created_at, updated_at`;

/** A meetings row; the agenda is JSON text in SQLite and JSONB (parsed) in PostgreSQL. */
export interface MeetingRow {
  readonly id: string;
  readonly board_id: string;
  readonly title: string;
  readonly start_at: number;
  readonly end_at: number;
  readonly time_zone: string;
  readonly place: string | null;
  readonly link: string | null;
  readonly agenda_json: unknown;
  readonly note: string | null;
  readonly status: string;
  readonly sequence: number;
  readonly created_by: string;
  readonly created_at: number;
  readonly updated_at: number;
}

export const CALENDAR_FEED_COLUMNS = 'participant_id, board_id, feed_id, secret_hash, created_at';

export interface CalendarFeedRow {
  readonly participant_id: string;
  readonly board_id: string;
  readonly feed_id: string;
  readonly secret_hash: string;
  readonly created_at: number;
}

/** The agenda as stored; an entry that does not parse (written by a future version) is left out. */
function agendaOf(value: unknown): AgendaEntry[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((entry) => {
    const result = AgendaEntrySchema.safeParse(entry);
    return result.success ? [result.data] : [];
  });
}

export function meetingOf(r: MeetingRow): MeetingRecord {
  const zone = MeetingTimeZoneSchema.safeParse(r.time_zone);
  return {
    id: r.id,
    boardId: r.board_id,
    title: r.title,
    start: Number(r.start_at),
    end: Number(r.end_at),
    timeZone: zone.success ? zone.data : DEFAULT_MEETING_TIME_ZONE,
    place: r.place,
    link: r.link,
    agenda: agendaOf(r.agenda_json),
    note: r.note,
    status: r.status === 'cancelled' ? 'cancelled' : 'scheduled',
    sequence: Number(r.sequence),
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

/** A meeting as a row; `agenda_json` is JSON text (PostgreSQL casts it to JSONB). */
export const meetingRow = (m: MeetingRecord): MeetingRow & { readonly agenda_json: string } => ({
  id: m.id,
  board_id: m.boardId,
  title: m.title,
  start_at: m.start,
  end_at: m.end,
  time_zone: m.timeZone,
  place: m.place,
  link: m.link,
  agenda_json: JSON.stringify(m.agenda),
  note: m.note,
  status: m.status,
  sequence: m.sequence,
  created_by: m.createdBy,
  created_at: m.createdAt,
  updated_at: m.updatedAt,
});

export const calendarFeedOf = (r: CalendarFeedRow): CalendarFeedRecord => ({
  participantId: r.participant_id,
  boardId: r.board_id,
  feedId: r.feed_id,
  secretHash: r.secret_hash,
  createdAt: Number(r.created_at),
});
