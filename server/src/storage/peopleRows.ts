import { PARTICIPANT_COLUMNS, type ParticipantRow, toParticipant } from './rows';
import type { PersonRecord } from './types';

// What managing people reads, shared by both engines: participants plus their devices, last visit and removal.

export interface PersonRow extends ParticipantRow {
  devices: number;
  last_seen_at: number | null;
  removed_at: number | null;
  removed_by: string | null;
}

/**
 * The board's people (one `$1`/`?` placeholder: the board id). The participant's columns come from
 * PARTICIPANT_COLUMNS, so whatever the participant record gains, this read gains too; the rest are subqueries, so
 * no column name is ambiguous.
 */
export const peopleQuery = (placeholder: string): string =>
  `SELECT ${PARTICIPANT_COLUMNS}, removed_at, removed_by,
     (SELECT count(*) FROM participant_tokens t WHERE t.participant_id = participants.id) AS devices,
     (SELECT v.last_seen_at FROM participant_visits v WHERE v.participant_id = participants.id) AS last_seen_at
   FROM participants WHERE board_id = ${placeholder} ORDER BY created_at, id`;

/** The participant behind a device token, unless removed (one placeholder: the token's hash). */
export const participantByTokenQuery = (placeholder: string): string =>
  `SELECT ${PARTICIPANT_COLUMNS} FROM participants WHERE removed_at IS NULL
     AND id = (SELECT participant_id FROM participant_tokens WHERE token_hash = ${placeholder})`;

export const toPerson = (r: PersonRow): PersonRecord => ({
  participant: toParticipant(r),
  devices: Number(r.devices),
  lastSeenAt: r.last_seen_at,
  removedAt: r.removed_at,
  removedBy: r.removed_by,
});
