import type Database from 'better-sqlite3';
import { HIDDEN_COMMENT_COLUMNS, type HiddenCommentRow, toHiddenComment } from '../hiddenCommentRows';
import type { HiddenCommentRecord } from '../types';

/** Hidden comments: the part of SqliteStorage that keeps the facilitator's moderation of comments. */
export class SqliteHiddenCommentStore {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      // A hidden comment keeps its first hide; one shown again is hidden anew (same row, new author and time).
      hide: db.prepare<HiddenCommentRecord>(
        `INSERT INTO hidden_comments (board_id, comment_id, goal_id, hidden_by, hidden_at)
         VALUES (@boardId, @commentId, @goalId, @by, @at)
         ON CONFLICT (board_id, comment_id) DO UPDATE SET
           goal_id = excluded.goal_id, hidden_by = excluded.hidden_by, hidden_at = excluded.hidden_at,
           unhidden_by = NULL, unhidden_at = NULL
         WHERE hidden_comments.unhidden_at IS NOT NULL`,
      ),
      get: db.prepare<[string, string], HiddenCommentRow>(
        `SELECT ${HIDDEN_COMMENT_COLUMNS} FROM hidden_comments
         WHERE board_id = ? AND comment_id = ? AND unhidden_at IS NULL`,
      ),
      unhide: db.prepare<[string, number, string, string]>(
        `UPDATE hidden_comments SET unhidden_by = ?, unhidden_at = ?
         WHERE board_id = ? AND comment_id = ? AND unhidden_at IS NULL`,
      ),
      list: db.prepare<[string], HiddenCommentRow>(
        `SELECT ${HIDDEN_COMMENT_COLUMNS} FROM hidden_comments WHERE board_id = ? AND unhidden_at IS NULL
         ORDER BY hidden_at, comment_id`,
      ),
    };
  }

  hide(hide: HiddenCommentRecord): HiddenCommentRecord {
    return this.db.transaction(() => {
      this.s.hide.run(hide);
      const row = this.s.get.get(hide.boardId, hide.commentId);
      if (!row) throw new Error('hidden comment not stored');
      return toHiddenComment(row);
    })();
  }

  unhide(boardId: string, commentId: string, by: string, at: number): boolean {
    return this.s.unhide.run(by, at, boardId, commentId).changes > 0;
  }

  list(boardId: string): HiddenCommentRecord[] {
    return this.s.list.all(boardId).map(toHiddenComment);
  }
}
