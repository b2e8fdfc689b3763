import type { BoardLifecycle } from '@common-ground/shared/api';

/** A board_lifecycle row as both engines read it. */
export interface LifecycleRow {
  readonly archived_at: number | null;
  readonly archived_by: string | null;
  readonly deletion_requested_at: number | null;
  readonly deletion_requested_by: string | null;
  readonly delete_after: number | null;
}

export const LIFECYCLE_COLUMNS =
  'archived_at, archived_by, deletion_requested_at, deletion_requested_by, delete_after';

export const lifecycleOf = (row: LifecycleRow): BoardLifecycle => ({
  archivedAt: row.archived_at,
  archivedBy: row.archived_by,
  deletionRequestedAt: row.deletion_requested_at,
  deletionRequestedBy: row.deletion_requested_by,
  deleteAfter: row.delete_after,
});

/** The row's values in LIFECYCLE_COLUMNS' order, after the board id. */
export const lifecycleValues = (boardId: string, l: BoardLifecycle) =>
  [boardId, l.archivedAt, l.archivedBy, l.deletionRequestedAt, l.deletionRequestedBy, l.deleteAfter] as const;

/** Nothing archived and nothing pending: the board is active and needs no row. */
export const isActive = (l: BoardLifecycle): boolean => l.archivedAt === null && l.deleteAfter === null;
