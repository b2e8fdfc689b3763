import type { Amendment, AmendmentStatus } from '@common-ground/shared/api';

/** An amendments row as both engines select it (AMENDMENT_COLUMNS). */
export interface AmendmentRow {
  id: string;
  board_id: string;
  goal_id: string;
  round_id: string;
  author_id: string;
  title: string | null;
  description: string | null;
  proposed_at: number;
  status: string;
  resolved_by: string | null;
  resolved_at: number | null;
}

export const AMENDMENT_COLUMNS =
  'id, board_id, goal_id, round_id, author_id, title, description, proposed_at, status, resolved_by, resolved_at';

export const toAmendment = (r: AmendmentRow): Amendment => ({
  id: r.id,
  boardId: r.board_id,
  goalId: r.goal_id,
  roundId: r.round_id,
  authorId: r.author_id,
  title: r.title,
  description: r.description,
  proposedAt: r.proposed_at,
  status: r.status as AmendmentStatus,
  resolvedBy: r.resolved_by,
  resolvedAt: r.resolved_at,
});
