import type { MinutesComment, MinutesContent } from '@common-ground/shared/api';
import type { Pool, PoolClient } from 'pg';
import {
  commentOf,
  finalOf,
  MINUTES_COLUMNS,
  type MinutesCommentRow,
  type MinutesRow,
  minutesOf,
  refusalOf,
} from '../minutesRows';
import {
  EMPTY_MINUTES_DRAFT,
  type MinutesCommentRecord,
  type MinutesDraft,
  type MinutesRecord,
  type MinutesStore,
  type MinutesWrite,
} from '../parts/minutes';
import { findOne, inTransaction } from './db';

/** Minutes, their comments and meeting attendance: the minutes part of PostgresStorage. */
export class PostgresMinutesStore implements MinutesStore {
  constructor(private readonly pool: Pool) {}

  getMinutes(meetingId: string): Promise<MinutesRecord | null> {
    return findOne(
      this.pool,
      `SELECT ${MINUTES_COLUMNS} FROM meeting_minutes WHERE meeting_id = $1`,
      [meetingId],
      (row: MinutesRow) => minutesOf(row),
    );
  }

  saveDraft(
    meetingId: string,
    boardId: string,
    draft: MinutesDraft,
    expectedVersion: number,
    at: number,
  ): Promise<MinutesWrite> {
    return inTransaction(this.pool, async (client): Promise<MinutesWrite> => {
      const current = await lockedMinutes(client, meetingId);
      const refusal = refusalOf(current, expectedVersion);
      if (refusal) return refusal;
      if (current) {
        await client.query(
          `UPDATE meeting_minutes SET version = version + 1, draft_json = $2::jsonb, updated_at = $3
           WHERE meeting_id = $1`,
          [meetingId, JSON.stringify(draft), at],
        );
      } else {
        await client.query(
          `INSERT INTO meeting_minutes (meeting_id, board_id, version, draft_json, updated_at)
           VALUES ($1, $2, 1, $3::jsonb, $4)`,
          [meetingId, boardId, JSON.stringify(draft), at],
        );
      }
      return 'saved';
    });
  }

  finalise(
    meetingId: string,
    boardId: string,
    content: MinutesContent,
    expectedVersion: number,
    by: string,
    at: number,
  ): Promise<MinutesWrite> {
    return inTransaction(this.pool, async (client): Promise<MinutesWrite> => {
      const current = await lockedMinutes(client, meetingId);
      const refusal = refusalOf(current, expectedVersion);
      if (refusal) return refusal;
      await client.query(
        `INSERT INTO meeting_minutes (meeting_id, board_id, version, draft_json, final_json, finalised_at,
           finalised_by, updated_at)
         VALUES ($1, $2, 0, $3::jsonb, $4::jsonb, $5, $6, $5)
         ON CONFLICT (meeting_id) DO UPDATE SET final_json = excluded.final_json,
           finalised_at = excluded.finalised_at, finalised_by = excluded.finalised_by, updated_at = excluded.updated_at`,
        [meetingId, boardId, JSON.stringify(EMPTY_MINUTES_DRAFT), JSON.stringify(content), at, by],
      );
      return 'saved';
    });
  }

  async listFinal(boardId: string): Promise<MinutesContent[]> {
    const { rows } = await this.pool.query<{ final_json: unknown }>(
      `SELECT final_json FROM meeting_minutes WHERE board_id = $1 AND final_json IS NOT NULL ORDER BY meeting_id`,
      [boardId],
    );
    return rows.flatMap((r) => finalOf(r.final_json) ?? []);
  }

  addComment(comment: MinutesCommentRecord, max: number): Promise<'added' | 'final' | 'limit_reached'> {
    return inTransaction(this.pool, async (client): Promise<'added' | 'final' | 'limit_reached'> => {
      const current = await lockedMinutes(client, comment.meetingId);
      if (current && current.final_json !== null) return 'final';
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM meeting_minutes_comments WHERE meeting_id = $1',
        [comment.meetingId],
      );
      if ((rows[0]?.n ?? 0) >= max) return 'limit_reached';
      await client.query(
        `INSERT INTO meeting_minutes_comments (id, meeting_id, board_id, participant_id, text, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [comment.id, comment.meetingId, comment.boardId, comment.participantId, comment.text, comment.at],
      );
      return 'added';
    });
  }

  async listComments(meetingId: string): Promise<MinutesComment[]> {
    const { rows } = await this.pool.query<MinutesCommentRow>(
      `SELECT id, participant_id, text, created_at FROM meeting_minutes_comments WHERE meeting_id = $1
       ORDER BY created_at, id`,
      [meetingId],
    );
    return rows.map(commentOf);
  }

  async recordAttendance(meetingId: string, participantId: string, at: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO meeting_attendance (meeting_id, participant_id, first_seen_at) VALUES ($1, $2, $3)
       ON CONFLICT (meeting_id, participant_id) DO NOTHING`,
      [meetingId, participantId, at],
    );
  }

  async listAttendance(meetingId: string): Promise<{ participantId: string; firstSeenAt: number }[]> {
    const { rows } = await this.pool.query<{ participant_id: string; first_seen_at: string }>(
      `SELECT participant_id, first_seen_at FROM meeting_attendance WHERE meeting_id = $1
       ORDER BY first_seen_at, participant_id`,
      [meetingId],
    );
    return rows.map((r) => ({ participantId: r.participant_id, firstSeenAt: Number(r.first_seen_at) }));
  }
}

/**
 * The meeting's minutes row, after locking the meeting's row: writers of one meeting's minutes take turns on
 * every instance, including the first two, when no minutes row exists yet to lock.
 */
async function lockedMinutes(client: PoolClient, meetingId: string): Promise<MinutesRow | undefined> {
  await client.query('SELECT 1 FROM meetings WHERE id = $1 FOR NO KEY UPDATE', [meetingId]);
  const { rows } = await client.query<MinutesRow>(
    `SELECT ${MINUTES_COLUMNS} FROM meeting_minutes WHERE meeting_id = $1`,
    [meetingId],
  );
  return rows[0];
}
