/**
 * How each SQLite table maps onto its PostgreSQL twin (storage/sqlite/migrations.ts and
 * storage/postgres/migrations.ts), in an order that satisfies the foreign keys. Every statement is written out:
 * SQL is never assembled from names. The SQLite query names each value as the PostgreSQL column; the rows then
 * travel as one JSON array, which json_populate_recordset turns into typed rows (JSON arrays into TEXT[], JSON
 * values into JSONB). The update log, snapshots and quarantined entries are not here: they are renumbered per
 * document (copy.ts).
 */
export interface TableMapping {
  readonly table: string;
  /** SQLite: every row, keys sorted bytewise as PostgreSQL sorts the copy (COLLATE "C"). */
  readonly read: string;
  /** Columns SQLite stores as 0/1. */
  readonly booleans: readonly string[];
  /** Columns SQLite stores as JSON text. */
  readonly json: readonly string[];
  /** PostgreSQL: inserts the rows given as a JSON array in $1. */
  readonly insert: string;
  /** PostgreSQL: every row of the copy, in the order of `read`. */
  readonly readCopy: string;
}

export const TABLES: readonly TableMapping[] = [
  {
    table: 'boards',
    read: 'SELECT id, title, created_at FROM boards ORDER BY id',
    booleans: [],
    json: [],
    insert: 'INSERT INTO boards SELECT * FROM json_populate_recordset(NULL::boards, $1)',
    readCopy: 'SELECT * FROM boards ORDER BY id',
  },
  {
    table: 'partners',
    read: `SELECT id, board_id, name, kind, created_at, confirmed_at, proposed_by, declined_at FROM partners
      ORDER BY id`,
    booleans: [],
    json: [],
    insert: 'INSERT INTO partners SELECT * FROM json_populate_recordset(NULL::partners, $1)',
    readCopy: 'SELECT * FROM partners ORDER BY id',
  },
  {
    table: 'participants',
    read: `SELECT id, board_id, partner_id, name, role, color, token_hash, created_at, removed_at, removed_by,
      confirmed_at, erased_number, erased_at, retention_warned_at FROM participants ORDER BY id`,
    booleans: [],
    json: [],
    insert: 'INSERT INTO participants SELECT * FROM json_populate_recordset(NULL::participants, $1)',
    readCopy: 'SELECT * FROM participants ORDER BY id',
  },
  {
    table: 'participant_tokens',
    read: 'SELECT token_hash, participant_id, created_at FROM participant_tokens ORDER BY token_hash',
    booleans: [],
    json: [],
    insert:
      'INSERT INTO participant_tokens SELECT * FROM json_populate_recordset(NULL::participant_tokens, $1)',
    readCopy: 'SELECT * FROM participant_tokens ORDER BY token_hash',
  },
  {
    table: 'device_links',
    read: `SELECT code_hash, board_id, participant_id, kind, expires_at, created_by, created_at, used_at
      FROM device_links ORDER BY code_hash`,
    booleans: [],
    json: [],
    insert: 'INSERT INTO device_links SELECT * FROM json_populate_recordset(NULL::device_links, $1)',
    readCopy: 'SELECT * FROM device_links ORDER BY code_hash',
  },
  {
    table: 'invites',
    read: `SELECT id, code_hash, board_id, role, max_uses, uses, expires_at, created_by, created_at, revoked_at,
      revoked_by, partner_id FROM invites ORDER BY id`,
    booleans: [],
    json: [],
    insert: 'INSERT INTO invites SELECT * FROM json_populate_recordset(NULL::invites, $1)',
    readCopy: 'SELECT * FROM invites ORDER BY id',
  },
  {
    table: 'rounds',
    read: `SELECT id, board_id, goal_id, number, opened_at, opened_by, deadline, visibility, auto_close,
      rule_json AS rule, wording_title, wording_description, wording_hash, eligible_json AS eligible_partner_ids
      FROM rounds ORDER BY id`,
    booleans: ['auto_close'],
    json: ['rule', 'eligible_partner_ids'],
    insert: 'INSERT INTO rounds SELECT * FROM json_populate_recordset(NULL::rounds, $1)',
    readCopy: 'SELECT * FROM rounds ORDER BY id',
  },
  {
    table: 'round_closures',
    read: `SELECT round_id, closed_at, outcome, reasons_json AS reasons, closed_by,
      agreed_structure_json AS agreed_structure FROM round_closures ORDER BY round_id`,
    booleans: [],
    json: ['reasons', 'agreed_structure'],
    insert: 'INSERT INTO round_closures SELECT * FROM json_populate_recordset(NULL::round_closures, $1)',
    readCopy: 'SELECT * FROM round_closures ORDER BY round_id',
  },
  {
    table: 'stances',
    read: `SELECT id, round_id, partner_id, stance, reason, provisional_until, recorded_by, by_facilitator, at
      FROM stances ORDER BY id`,
    booleans: ['by_facilitator'],
    json: [],
    insert: 'INSERT INTO stances SELECT * FROM json_populate_recordset(NULL::stances, $1)',
    readCopy: 'SELECT * FROM stances ORDER BY id',
  },
  {
    table: 'board_settings',
    read: `SELECT board_id, decision_rule_json AS decision_rule, updated_by, updated_at FROM board_settings
      ORDER BY board_id`,
    booleans: [],
    json: ['decision_rule'],
    insert: 'INSERT INTO board_settings SELECT * FROM json_populate_recordset(NULL::board_settings, $1)',
    readCopy: 'SELECT * FROM board_settings ORDER BY board_id',
  },
  {
    table: 'participant_visits',
    read: 'SELECT participant_id, last_seen_at FROM participant_visits ORDER BY participant_id',
    booleans: [],
    json: [],
    insert:
      'INSERT INTO participant_visits SELECT * FROM json_populate_recordset(NULL::participant_visits, $1)',
    readCopy: 'SELECT * FROM participant_visits ORDER BY participant_id',
  },
  {
    table: 'partner_profiles',
    read: `SELECT partner_id, profile_json AS profile, updated_by, updated_at FROM partner_profiles
      ORDER BY partner_id`,
    booleans: [],
    json: ['profile'],
    insert: 'INSERT INTO partner_profiles SELECT * FROM json_populate_recordset(NULL::partner_profiles, $1)',
    readCopy: 'SELECT * FROM partner_profiles ORDER BY partner_id',
  },
  {
    table: 'partner_relations',
    read: `SELECT id, board_id, from_partner, to_partner, kind, strength, note, created_by, created_at, removed_by,
      removed_at FROM partner_relations ORDER BY id`,
    booleans: [],
    json: [],
    insert:
      'INSERT INTO partner_relations SELECT * FROM json_populate_recordset(NULL::partner_relations, $1)',
    readCopy: 'SELECT * FROM partner_relations ORDER BY id',
  },
  {
    table: 'amendments',
    read: `SELECT id, board_id, goal_id, round_id, author_id, title, description, proposed_at, status, resolved_by,
      resolved_at FROM amendments ORDER BY id`,
    booleans: [],
    json: [],
    insert: 'INSERT INTO amendments SELECT * FROM json_populate_recordset(NULL::amendments, $1)',
    readCopy: 'SELECT * FROM amendments ORDER BY id',
  },
  {
    table: 'attributions',
    read: `SELECT board_id, kind, item_id, goal_id, participant_id, content_hash, at FROM attributions
      ORDER BY board_id, kind, item_id`,
    booleans: [],
    json: [],
    insert: 'INSERT INTO attributions SELECT * FROM json_populate_recordset(NULL::attributions, $1)',
    readCopy: 'SELECT * FROM attributions ORDER BY board_id, kind, item_id',
  },
  {
    table: 'attribution_backfills',
    read: 'SELECT board_id, at FROM attribution_backfills ORDER BY board_id',
    booleans: [],
    json: [],
    insert:
      'INSERT INTO attribution_backfills SELECT * FROM json_populate_recordset(NULL::attribution_backfills, $1)',
    readCopy: 'SELECT * FROM attribution_backfills ORDER BY board_id',
  },
  {
    table: 'hidden_comments',
    read: `SELECT board_id, comment_id, goal_id, hidden_by, hidden_at, unhidden_by, unhidden_at FROM hidden_comments
      ORDER BY board_id, comment_id`,
    booleans: [],
    json: [],
    insert: 'INSERT INTO hidden_comments SELECT * FROM json_populate_recordset(NULL::hidden_comments, $1)',
    readCopy: 'SELECT * FROM hidden_comments ORDER BY board_id, comment_id',
  },
  {
    table: 'meetings',
    read: `SELECT id, board_id, title, start_at, end_at, time_zone, place, link, agenda_json, note, status, sequence,
      created_by, created_at, updated_at FROM meetings ORDER BY id`,
    booleans: [],
    json: ['agenda_json'],
    insert: 'INSERT INTO meetings SELECT * FROM json_populate_recordset(NULL::meetings, $1)',
    readCopy: 'SELECT * FROM meetings ORDER BY id',
  },
  {
    table: 'calendar_feeds',
    read: `SELECT participant_id, board_id, feed_id, secret_hash, created_at FROM calendar_feeds
      ORDER BY participant_id`,
    booleans: [],
    json: [],
    insert: 'INSERT INTO calendar_feeds SELECT * FROM json_populate_recordset(NULL::calendar_feeds, $1)',
    readCopy: 'SELECT * FROM calendar_feeds ORDER BY participant_id',
  },
  {
    table: 'meeting_minutes',
    read: `SELECT meeting_id, board_id, version, draft_json, final_json, finalised_at, finalised_by, updated_at
      FROM meeting_minutes ORDER BY meeting_id`,
    booleans: [],
    json: ['draft_json', 'final_json'],
    insert: 'INSERT INTO meeting_minutes SELECT * FROM json_populate_recordset(NULL::meeting_minutes, $1)',
    readCopy: 'SELECT * FROM meeting_minutes ORDER BY meeting_id',
  },
  {
    table: 'meeting_minutes_comments',
    read: `SELECT id, meeting_id, board_id, participant_id, text, created_at FROM meeting_minutes_comments
      ORDER BY id`,
    booleans: [],
    json: [],
    insert:
      'INSERT INTO meeting_minutes_comments SELECT * FROM json_populate_recordset(NULL::meeting_minutes_comments, $1)',
    readCopy: 'SELECT * FROM meeting_minutes_comments ORDER BY id',
  },
  {
    table: 'meeting_attendance',
    read: `SELECT meeting_id, participant_id, first_seen_at FROM meeting_attendance
      ORDER BY meeting_id, participant_id`,
    booleans: [],
    json: [],
    insert:
      'INSERT INTO meeting_attendance SELECT * FROM json_populate_recordset(NULL::meeting_attendance, $1)',
    readCopy: 'SELECT * FROM meeting_attendance ORDER BY meeting_id, participant_id',
  },
  {
    table: 'board_lifecycle',
    read: `SELECT board_id, archived_at, archived_by, deletion_requested_at, deletion_requested_by, delete_after
      FROM board_lifecycle ORDER BY board_id`,
    booleans: [],
    json: [],
    insert: 'INSERT INTO board_lifecycle SELECT * FROM json_populate_recordset(NULL::board_lifecycle, $1)',
    readCopy: 'SELECT * FROM board_lifecycle ORDER BY board_id',
  },
  {
    table: 'board_privacy_notes',
    read: 'SELECT board_id, text, updated_by, updated_at FROM board_privacy_notes ORDER BY board_id',
    booleans: [],
    json: [],
    insert:
      'INSERT INTO board_privacy_notes SELECT * FROM json_populate_recordset(NULL::board_privacy_notes, $1)',
    readCopy: 'SELECT * FROM board_privacy_notes ORDER BY board_id',
  },
];

/** The same count statement runs on both sides. */
export const COUNTS: readonly { readonly table: string; readonly sql: string }[] = [
  { table: 'boards', sql: 'SELECT count(*) AS n FROM boards' },
  { table: 'partners', sql: 'SELECT count(*) AS n FROM partners' },
  { table: 'participants', sql: 'SELECT count(*) AS n FROM participants' },
  { table: 'participant_tokens', sql: 'SELECT count(*) AS n FROM participant_tokens' },
  { table: 'device_links', sql: 'SELECT count(*) AS n FROM device_links' },
  { table: 'invites', sql: 'SELECT count(*) AS n FROM invites' },
  { table: 'rounds', sql: 'SELECT count(*) AS n FROM rounds' },
  { table: 'round_closures', sql: 'SELECT count(*) AS n FROM round_closures' },
  { table: 'stances', sql: 'SELECT count(*) AS n FROM stances' },
  { table: 'board_settings', sql: 'SELECT count(*) AS n FROM board_settings' },
  { table: 'participant_visits', sql: 'SELECT count(*) AS n FROM participant_visits' },
  { table: 'partner_profiles', sql: 'SELECT count(*) AS n FROM partner_profiles' },
  { table: 'partner_relations', sql: 'SELECT count(*) AS n FROM partner_relations' },
  { table: 'amendments', sql: 'SELECT count(*) AS n FROM amendments' },
  // Log entries, sealed or not: a source's segments arrive as rows (the copy appends; it never seals).
  {
    table: 'doc_updates',
    sql: `SELECT (SELECT count(*) FROM doc_updates)
      + (SELECT COALESCE(sum(n), 0) FROM doc_update_segments) AS n`,
  },
  { table: 'doc_snapshots', sql: 'SELECT count(*) AS n FROM doc_snapshots' },
  { table: 'quarantined_updates', sql: 'SELECT count(*) AS n FROM quarantined_updates' },
  { table: 'attributions', sql: 'SELECT count(*) AS n FROM attributions' },
  { table: 'attribution_backfills', sql: 'SELECT count(*) AS n FROM attribution_backfills' },
  { table: 'hidden_comments', sql: 'SELECT count(*) AS n FROM hidden_comments' },
  { table: 'meetings', sql: 'SELECT count(*) AS n FROM meetings' },
  { table: 'calendar_feeds', sql: 'SELECT count(*) AS n FROM calendar_feeds' },
  { table: 'meeting_minutes', sql: 'SELECT count(*) AS n FROM meeting_minutes' },
  { table: 'meeting_minutes_comments', sql: 'SELECT count(*) AS n FROM meeting_minutes_comments' },
  { table: 'meeting_attendance', sql: 'SELECT count(*) AS n FROM meeting_attendance' },
  { table: 'board_lifecycle', sql: 'SELECT count(*) AS n FROM board_lifecycle' },
  { table: 'board_privacy_notes', sql: 'SELECT count(*) AS n FROM board_privacy_notes' },
];

/** A SQLite row as PostgreSQL stores its copy: 0/1 as booleans, JSON text parsed (invalid JSON stops the copy). */
export function asPostgresRow(mapping: TableMapping, row: Record<string, unknown>): Record<string, unknown> {
  const converted: Record<string, unknown> = { ...row };
  for (const column of mapping.booleans) {
    const value = row[column];
    if (value !== null && value !== undefined) converted[column] = value === 1;
  }
  for (const column of mapping.json) {
    const value = row[column];
    if (typeof value !== 'string') continue;
    try {
      converted[column] = JSON.parse(value);
    } catch {
      throw new Error(`${mapping.table}: ${column} of ${JSON.stringify(Object.values(row)[0])} is not JSON`);
    }
  }
  return converted;
}
