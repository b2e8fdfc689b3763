import type { HiddenCommentRecord } from './types';

/** A hidden_comments row as both engines select it (HIDDEN_COMMENT_COLUMNS). */
export interface HiddenCommentRow {
  board_id: string;
  comment_id: string;
  goal_id: string;
  hidden_by: string;
  hidden_at: number;
}

export const HIDDEN_COMMENT_COLUMNS = 'board_id, comment_id, goal_id, hidden_by, hidden_at';

export const toHiddenComment = (r: HiddenCommentRow): HiddenCommentRecord => ({
  boardId: r.board_id,
  goalId: r.goal_id,
  commentId: r.comment_id,
  by: r.hidden_by,
  at: r.hidden_at,
});
