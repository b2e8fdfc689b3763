import type { Pool } from 'pg';
import { HIDDEN_COMMENT_COLUMNS, type HiddenCommentRow, toHiddenComment } from '../hiddenCommentRows';
import type { HiddenCommentRecord, ModerationStore } from '../parts/moderation';

/** Hidden comments: the part of PostgresStorage that keeps the facilitator's moderation of comments. */
export class PostgresModerationStore implements ModerationStore {
  constructor(private readonly pool: Pool) {}

  /**
   * One statement, so two instances hiding at once agree: a hidden comment keeps its first hide (the outer SELECT
   * sees the row as it was before the statement), one shown again is hidden anew.
   */
  async hideComment(h: HiddenCommentRecord): Promise<HiddenCommentRecord> {
    const { rows } = await this.pool.query<HiddenCommentRow>(
      `WITH hid AS (
         INSERT INTO hidden_comments (board_id, comment_id, goal_id, hidden_by, hidden_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (board_id, comment_id) DO UPDATE SET
           goal_id = excluded.goal_id, hidden_by = excluded.hidden_by, hidden_at = excluded.hidden_at,
           unhidden_by = NULL, unhidden_at = NULL
         WHERE hidden_comments.unhidden_at IS NOT NULL
         RETURNING ${HIDDEN_COMMENT_COLUMNS}
       )
       SELECT ${HIDDEN_COMMENT_COLUMNS} FROM hid
       UNION ALL
       SELECT ${HIDDEN_COMMENT_COLUMNS} FROM hidden_comments
       WHERE board_id = $1 AND comment_id = $2 AND unhidden_at IS NULL AND NOT EXISTS (SELECT 1 FROM hid)`,
      [h.boardId, h.commentId, h.goalId, h.by, h.at],
    );
    const row = rows[0];
    if (!row) throw new Error('hidden comment not stored');
    return toHiddenComment(row);
  }

  async unhideComment(boardId: string, commentId: string, by: string, at: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE hidden_comments SET unhidden_by = $1, unhidden_at = $2
       WHERE board_id = $3 AND comment_id = $4 AND unhidden_at IS NULL`,
      [by, at, boardId, commentId],
    );
    return (rowCount ?? 0) > 0;
  }

  async listHiddenComments(boardId: string): Promise<HiddenCommentRecord[]> {
    const { rows } = await this.pool.query<HiddenCommentRow>(
      `SELECT ${HIDDEN_COMMENT_COLUMNS} FROM hidden_comments WHERE board_id = $1 AND unhidden_at IS NULL
       ORDER BY hidden_at, comment_id`,
      [boardId],
    );
    return rows.map(toHiddenComment);
  }
}
