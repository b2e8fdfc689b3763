import type Database from 'better-sqlite3';
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

/** Meetings and calendar feeds: the meetings part of SqliteStorage. */
export class SqliteMeetingStore implements MeetingStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      count: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM meetings WHERE board_id = ?'),
      insert: db.prepare(
        `INSERT INTO meetings (${MEETING_COLUMNS}) VALUES (@id, @board_id, @title, @start_at, @end_at, @time_zone,
           @place, @link, @agenda_json, @note, @status, @sequence, @created_by, @created_at, @updated_at)`,
      ),
      get: db.prepare<[string], MeetingRow>(`SELECT ${MEETING_COLUMNS} FROM meetings WHERE id = ?`),
      list: db.prepare<[string], MeetingRow>(
        `SELECT ${MEETING_COLUMNS} FROM meetings WHERE board_id = ? ORDER BY start_at, id`,
      ),
      update: db.prepare(
        `UPDATE meetings SET title = @title, start_at = @start_at, end_at = @end_at, time_zone = @time_zone,
           place = @place, link = @link, agenda_json = @agenda_json, note = @note, status = @status,
           sequence = @sequence, updated_at = @updated_at
         WHERE id = @id AND board_id = @board_id AND sequence = @sequence - 1`,
      ),
      setFeed: db.prepare<[string, string, string, string, number]>(
        `INSERT INTO calendar_feeds (participant_id, board_id, feed_id, secret_hash, created_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (participant_id) DO UPDATE SET feed_id = excluded.feed_id,
           secret_hash = excluded.secret_hash, created_at = excluded.created_at`,
      ),
      removeFeed: db.prepare<[string]>('DELETE FROM calendar_feeds WHERE participant_id = ?'),
      feedById: db.prepare<[string], CalendarFeedRow>(
        `SELECT ${CALENDAR_FEED_COLUMNS} FROM calendar_feeds WHERE feed_id = ?`,
      ),
      feedOf: db.prepare<[string], CalendarFeedRow>(
        `SELECT ${CALENDAR_FEED_COLUMNS} FROM calendar_feeds WHERE participant_id = ?`,
      ),
    };
  }

  async createMeeting(meeting: MeetingRecord, maxPerBoard: number): Promise<'created' | 'limit_reached'> {
    return this.db.transaction((): 'created' | 'limit_reached' => {
      if ((this.statements.count.get(meeting.boardId)?.n ?? 0) >= maxPerBoard) return 'limit_reached';
      this.statements.insert.run(meetingRow(meeting));
      return 'created';
    })();
  }

  async getMeeting(meetingId: string): Promise<MeetingRecord | null> {
    const row = this.statements.get.get(meetingId);
    return row ? meetingOf(row) : null;
  }

  async listMeetings(boardId: string): Promise<MeetingRecord[]> {
    return this.statements.list.all(boardId).map(meetingOf);
  }

  async updateMeeting(next: MeetingRecord): Promise<boolean> {
    return this.statements.update.run(meetingRow(next)).changes === 1;
  }

  async setCalendarFeed(feed: CalendarFeedRecord): Promise<void> {
    this.statements.setFeed.run(
      feed.participantId,
      feed.boardId,
      feed.feedId,
      feed.secretHash,
      feed.createdAt,
    );
  }

  async removeCalendarFeed(participantId: string): Promise<boolean> {
    return this.statements.removeFeed.run(participantId).changes === 1;
  }

  async findCalendarFeed(feedId: string): Promise<CalendarFeedRecord | null> {
    const row = this.statements.feedById.get(feedId);
    return row ? calendarFeedOf(row) : null;
  }

  async getCalendarFeedOf(participantId: string): Promise<CalendarFeedRecord | null> {
    const row = this.statements.feedOf.get(participantId);
    return row ? calendarFeedOf(row) : null;
  }
}
