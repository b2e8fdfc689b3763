import { PARTICIPANT_COLUMNS, type ParticipantRow, toParticipant } from './rows';
import type { PersonRecord } from './types';

// What managing people reads, shared by both engines: participants plus their devices, last visit and removal.

export interface PersonRow extends ParticipantRow {
  devices: number;
  last_seen_at: number | null;
  removed_at: number | null;
  removed_by: string | null;
}

// Written with `?` placeholders (SQLite's); PostgreSQL numbers them with `dollarPlaceholders`.

/**
 * The board's people (one placeholder: the board id). The participant's columns come from PARTICIPANT_COLUMNS, so
 * whatever the participant record gains, this read gains too; the rest are subqueries, so no column name is
 * ambiguous.
 */
export const PEOPLE_QUERY = `SELECT ${PARTICIPANT_COLUMNS}, removed_at, removed_by,
     (SELECT count(*) FROM participant_tokens t WHERE t.participant_id = participants.id) AS devices,
     (SELECT v.last_seen_at FROM participant_visits v WHERE v.participant_id = participants.id) AS last_seen_at
   FROM participants WHERE board_id = ? ORDER BY created_at, id`;

/** The participant behind a device token, unless removed (one placeholder: the token's hash). */
export const PARTICIPANT_BY_TOKEN_QUERY = `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE removed_at IS NULL
     AND id = (SELECT participant_id FROM participant_tokens WHERE token_hash = ?)`;

/**
 * How many facilitators besides one participant can still moderate the board: not removed, holding a device (two
 * placeholders: the board id, the participant id). "At least one facilitator" means one of these.
 */
export const ACTIVE_FACILITATORS_BESIDES_QUERY = `SELECT count(*) AS n FROM participants f
   WHERE f.board_id = ? AND f.id <> ? AND f.role = 'facilitator' AND f.removed_at IS NULL
     AND EXISTS (SELECT 1 FROM participant_tokens t WHERE t.participant_id = f.id)`;

/**
 * What a removal forgets of the person's e-mail, in the removal's transaction (one placeholder each: the participant
 * id): the address, the only place it is stored, and every mail still queued to it. Sent and failed rows stay for
 * the facilitator's counts; they hold no address (claimDue reads it from mail_recipients).
 */
export const FORGET_MAIL_QUERIES = [
  'DELETE FROM mail_recipients WHERE participant_id = ?',
  `DELETE FROM mail_outbox WHERE recipient_id = ? AND status = 'queued'`,
] as const;

/** The participant if on the board and not erased, removed or not (two placeholders: participant id, board id). */
export const ERASABLE_QUERY = `SELECT ${PARTICIPANT_COLUMNS}, removed_at FROM participants
   WHERE id = ? AND board_id = ? AND erased_number IS NULL`;

/** The board's next pseudonym number (one placeholder: the board id). */
export const NEXT_PSEUDONYM_QUERY = `SELECT COALESCE(MAX(erased_number), 0) + 1 AS n FROM participants
   WHERE board_id = ?`;

/**
 * What an erasure deletes besides the name (one placeholder each: the participant id): every way in, the e-mail
 * address and all mail to it, the calendar feed, the visits. Attendance, stances and attributions stay: they hold
 * the id only, which now names the pseudonym.
 */
export const ERASE_QUERIES = [
  'DELETE FROM participant_tokens WHERE participant_id = ?',
  'DELETE FROM device_links WHERE participant_id = ?',
  'DELETE FROM mail_recipients WHERE participant_id = ?',
  'DELETE FROM mail_outbox WHERE recipient_id = ?',
  'DELETE FROM calendar_feeds WHERE participant_id = ?',
  'DELETE FROM participant_visits WHERE participant_id = ?',
] as const;

/**
 * Six placeholders: pseudonym, number, time, the same time as removal, remover, participant id (an earlier removal
 * keeps its time and remover).
 */
export const ERASE_NAME_QUERY = `UPDATE participants SET name = ?, erased_number = ?, erased_at = ?,
     removed_at = COALESCE(removed_at, ?), removed_by = COALESCE(removed_by, ?) WHERE id = ?`;

/** The same statement with PostgreSQL's numbered placeholders ($1, $2, …) for SQLite's `?`. */
export function dollarPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export const toPerson = (r: PersonRow): PersonRecord => ({
  participant: toParticipant(r),
  devices: Number(r.devices),
  lastSeenAt: r.last_seen_at,
  removedAt: r.removed_at,
  removedBy: r.removed_by,
});
