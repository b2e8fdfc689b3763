import type Database from 'better-sqlite3';
import { HIDDEN_COMMENT_COLUMNS, type HiddenCommentRow, toHiddenComment } from '../hiddenCommentRows';
import type { HiddenCommentRecord, ModerationStore } from '../parts/moderation';

/** Hidden comments: the part of SqliteStorage that keeps the facilitator's moderation of comments. */
export class SqliteModerationStore implements ModerationStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
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

  async hideComment(hide: HiddenCommentRecord): Promise<HiddenCommentRecord> {
    return this.db.transaction(() => {
      this.statements.hide.run(hide);
      const row = this.statements.get.get(hide.boardId, hide.commentId);
      if (!row) throw new Error('hidden comment not stored');
      return toHiddenComment(row);
    })();
  }

  async unhideComment(boardId: string, commentId: string, by: string, at: number): Promise<boolean> {
    return this.statements.unhide.run(by, at, boardId, commentId).changes > 0;
  }

  async listHiddenComments(boardId: string): Promise<HiddenCommentRecord[]> {
    return this.statements.list.all(boardId).map(toHiddenComment);
  }
}
