import type { Role } from '@common-ground/shared/api';
import type { IdleBoard, InactiveParticipant } from './parts/retention';

// Written with `?` placeholders (SQLite's); PostgreSQL numbers them with `dollarPlaceholders`.

/** Not erased, last visit (or joining) before the placeholder. */
export const INACTIVE_QUERY = `SELECT p.id, p.board_id, p.role, p.retention_warned_at,
     COALESCE((SELECT v.last_seen_at FROM participant_visits v WHERE v.participant_id = p.id), p.created_at)
       AS last_active_at
   FROM participants p
   WHERE p.erased_number IS NULL
     AND COALESCE((SELECT v.last_seen_at FROM participant_visits v WHERE v.participant_id = p.id), p.created_at) < ?
   ORDER BY p.board_id, p.id`;

/** The same for one board (second placeholder: the board id). */
export const INACTIVE_ON_BOARD_QUERY = INACTIVE_QUERY.replace('ORDER BY', 'AND p.board_id = ? ORDER BY');

/**
 * The time of a board document's last logged entry: the last hot row, else the end of the last sealed segment
 * (hot rows always come after the segments).
 */
const LAST_ENTRY_AT = `COALESCE(
     (SELECT u.at FROM doc_updates u WHERE u.doc_key = b.id ORDER BY u.seq DESC LIMIT 1),
     (SELECT s.last_at FROM doc_update_segments s WHERE s.doc_key = b.id ORDER BY s.first_seq DESC LIMIT 1),
     b.created_at)`;

/** The board document's last logged change, or the board's creation (one placeholder: the board id). */
export const LAST_CHANGE_QUERY = `SELECT ${LAST_ENTRY_AT} AS at
   FROM boards b WHERE b.id = ?`;

export const MARK_WARNED_QUERY = 'UPDATE participants SET retention_warned_at = ? WHERE id = ?';

/** The last logged change of each board document (by the log's own index), or the board's creation. */
export const IDLE_BOARDS_QUERY = `SELECT id, last_change_at FROM (
     SELECT b.id, ${LAST_ENTRY_AT} AS last_change_at
     FROM boards b
   ) boards_with_changes WHERE last_change_at < ? ORDER BY id`;

export interface InactiveRow {
  readonly id: string;
  readonly board_id: string;
  readonly role: string;
  readonly retention_warned_at: number | null;
  readonly last_active_at: number;
}

export const inactiveOf = (r: InactiveRow): InactiveParticipant => ({
  participantId: r.id,
  boardId: r.board_id,
  role: r.role as Role,
  lastActiveAt: Number(r.last_active_at),
  warnedAt: r.retention_warned_at === null ? null : Number(r.retention_warned_at),
});

export const idleBoardOf = (r: { id: string; last_change_at: number }): IdleBoard => ({
  boardId: r.id,
  lastChangeAt: Number(r.last_change_at),
});
