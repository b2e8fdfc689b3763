import type { BoardLifecycle } from '@common-ground/shared/api';

/**
 * A board's lifecycle (archived, deletion pending) and its removal. One row per board that was ever archived or
 * scheduled for deletion; no row = active. `purgeBoard` is the only way rows of the append-only tables (the
 * update log, rounds, closures, stances) are ever deleted: each engine opens that door for the one board inside
 * the purge's own transaction only (docs/privacy.md, "Deleting a board").
 */
export interface LifecycleStore {
  /** The board's lifecycle; null when the board is active (or unknown). */
  getLifecycle(boardId: string): Promise<BoardLifecycle | null>;
  /** Replaces the board's lifecycle; an all-null lifecycle makes it active again (the row goes). */
  setLifecycle(boardId: string, lifecycle: BoardLifecycle): Promise<void>;
  /** Boards whose deletion is due at `now` (deleteAfter ≤ now), oldest due first. */
  listDueDeletions(now: number): Promise<string[]>;
  /**
   * Removes the board and every row naming it (participants, tokens, invites, both documents' update logs and
   * snapshots, rounds, mails, meetings, minutes …) in one transaction; false if there was no such board.
   */
  purgeBoard(boardId: string): Promise<boolean>;
}

/**
 * Every table and how its rows name a board, in an order the foreign keys accept (children first). The purge
 * deletes exactly these; a test compares the list with the schema, so a new table cannot be forgotten. Written
 * out in full: SQL is never assembled from names given at run time, only from this constant.
 */
export const PURGE_STATEMENTS: readonly { readonly table: string; readonly where: string }[] = [
  { table: 'quarantined_updates', where: 'doc_key IN ($1, $2)' },
  { table: 'doc_snapshots', where: 'doc_key IN ($1, $2)' },
  { table: 'doc_updates', where: 'doc_key IN ($1, $2)' },
  { table: 'doc_update_segments', where: 'doc_key IN ($1, $2)' },
  { table: 'stances', where: 'round_id IN (SELECT id FROM rounds WHERE board_id = $1)' },
  { table: 'round_closures', where: 'round_id IN (SELECT id FROM rounds WHERE board_id = $1)' },
  { table: 'amendments', where: 'board_id = $1' },
  { table: 'rounds', where: 'board_id = $1' },
  { table: 'board_settings', where: 'board_id = $1' },
  {
    table: 'participant_visits',
    where: 'participant_id IN (SELECT id FROM participants WHERE board_id = $1)',
  },
  { table: 'partner_profiles', where: 'partner_id IN (SELECT id FROM partners WHERE board_id = $1)' },
  { table: 'partner_relations', where: 'board_id = $1' },
  { table: 'attributions', where: 'board_id = $1' },
  { table: 'attribution_backfills', where: 'board_id = $1' },
  {
    table: 'participant_tokens',
    where: 'participant_id IN (SELECT id FROM participants WHERE board_id = $1)',
  },
  { table: 'device_links', where: 'board_id = $1' },
  { table: 'hidden_comments', where: 'board_id = $1' },
  { table: 'mail_outbox', where: 'board_id = $1' },
  { table: 'mail_recipients', where: 'board_id = $1' },
  { table: 'mail_senders', where: 'board_id = $1' },
  { table: 'calendar_feeds', where: 'board_id = $1' },
  { table: 'meeting_attendance', where: 'meeting_id IN (SELECT id FROM meetings WHERE board_id = $1)' },
  { table: 'meeting_minutes_comments', where: 'board_id = $1' },
  { table: 'meeting_minutes', where: 'board_id = $1' },
  { table: 'meetings', where: 'board_id = $1' },
  { table: 'board_privacy_notes', where: 'board_id = $1' },
  { table: 'invites', where: 'board_id = $1' },
  { table: 'board_lifecycle', where: 'board_id = $1' },
  // Participants and organisations refer to each other (proposed_by, partner_id): the people go first.
  { table: 'participants', where: 'board_id = $1' },
  { table: 'partners', where: 'board_id = $1' },
  { table: 'boards', where: 'id = $1' },
];

/** Tables with no row of any board: the schema's own bookkeeping. */
export const PURGE_EXEMPT_TABLES: readonly string[] = ['schema_migrations', 'purge_permits'];
