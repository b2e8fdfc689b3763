import type { Pool } from 'pg';
import {
  CALENDAR_FEED_COLUMNS,
  type CalendarFeedRow,
  calendarFeedOf,
  MEETING_COLUMNS,
  type MeetingRow,
  meetingOf,
  meetingRow,
} from '../meetingRows';
import type { CalendarFeedRecord, MeetingRecord, MeetingStore } from '../parts/meetings';
import { findOne, inTransaction } from './db';

/** Meetings and calendar feeds: the meetings part of PostgresStorage. */
export class PostgresMeetingStore implements MeetingStore {
  constructor(private readonly pool: Pool) {}

  /** Locking the board row makes one board's creators take turns (on any instance), so the limit holds. */
  createMeeting(meeting: MeetingRecord, maxPerBoard: number): Promise<'created' | 'limit_reached'> {
    return inTransaction(this.pool, async (client): Promise<'created' | 'limit_reached'> => {
      await client.query('SELECT 1 FROM boards WHERE id = $1 FOR NO KEY UPDATE', [meeting.boardId]);
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM meetings WHERE board_id = $1',
        [meeting.boardId],
      );
      if ((rows[0]?.n ?? 0) >= maxPerBoard) return 'limit_reached';
      const r = meetingRow(meeting);
      await client.query(
        `INSERT INTO meetings (${MEETING_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13, $14, $15)`,
        [
          r.id,
          r.board_id,
          r.title,
          r.start_at,
          r.end_at,
          r.time_zone,
          r.place,
          r.link,
          r.agenda_json,
          r.note,
          r.status,
          r.sequence,
          r.created_by,
          r.created_at,
          r.updated_at,
        ],
      );
      return 'created';
    });
  }

  getMeeting(meetingId: string): Promise<MeetingRecord | null> {
    return findOne(
      this.pool,
      `SELECT ${MEETING_COLUMNS} FROM meetings WHERE id = $1`,
      [meetingId],
      (row: MeetingRow) => meetingOf(row),
    );
  }

  async listMeetings(boardId: string): Promise<MeetingRecord[]> {
    const { rows } = await this.pool.query<MeetingRow>(
      `SELECT ${MEETING_COLUMNS} FROM meetings WHERE board_id = $1 ORDER BY start_at, id`,
      [boardId],
    );
    return rows.map(meetingOf);
  }

  async updateMeeting(next: MeetingRecord): Promise<boolean> {
    const r = meetingRow(next);
    const { rowCount } = await this.pool.query(
      `UPDATE meetings SET title = $3, start_at = $4, end_at = $5, time_zone = $6, place = $7, link = $8,
         agenda_json = $9::jsonb, note = $10, status = $11, sequence = $12, updated_at = $13
       WHERE id = $1 AND board_id = $2 AND sequence = $12 - 1`,
      [
        r.id,
        r.board_id,
        r.title,
        r.start_at,
        r.end_at,
        r.time_zone,
        r.place,
        r.link,
        r.agenda_json,
        r.note,
        r.status,
        r.sequence,
        r.updated_at,
      ],
    );
    return rowCount === 1;
  }

  async setCalendarFeed(feed: CalendarFeedRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO calendar_feeds (participant_id, board_id, feed_id, secret_hash, created_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (participant_id) DO UPDATE SET feed_id = excluded.feed_id,
         secret_hash = excluded.secret_hash, created_at = excluded.created_at`,
      [feed.participantId, feed.boardId, feed.feedId, feed.secretHash, feed.createdAt],
    );
  }

  async removeCalendarFeed(participantId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM calendar_feeds WHERE participant_id = $1', [
      participantId,
    ]);
    return rowCount === 1;
  }

  findCalendarFeed(feedId: string): Promise<CalendarFeedRecord | null> {
    return findOne(
      this.pool,
      `SELECT ${CALENDAR_FEED_COLUMNS} FROM calendar_feeds WHERE feed_id = $1`,
      [feedId],
      (row: CalendarFeedRow) => calendarFeedOf(row),
    );
  }

  getCalendarFeedOf(participantId: string): Promise<CalendarFeedRecord | null> {
    return findOne(
      this.pool,
      `SELECT ${CALENDAR_FEED_COLUMNS} FROM calendar_feeds WHERE participant_id = $1`,
      [participantId],
      (row: CalendarFeedRow) => calendarFeedOf(row),
    );
  }
}
