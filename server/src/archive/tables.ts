/**
 * The tables a board archive carries, in an order that satisfies the foreign keys, with the columns it carries
 * (PostgreSQL's names; `sqlite` names the SQLite column where it differs). Rows travel engine-neutral: integers as
 * numbers, booleans as booleans, JSON columns as JSON values. The statements are built from these constants only,
 * never from input.
 *
 * Left out on purpose: participants.token_hash, participant_tokens, device_links, invites and calendar_feeds (ways
 * onto the board: the importer gets a new token, everyone else a re-entry link), mail_recipients and mail_outbox
 * (e-mail addresses and queued mails), doc_seqs (PostgreSQL's counters, rebuilt by the import).
 */
export interface ArchiveTable {
  readonly name: string;
  readonly columns: readonly string[];
  /** Archive (PostgreSQL) name → SQLite column, where they differ. */
  readonly sqlite?: Readonly<Record<string, string>>;
  readonly booleans?: readonly string[];
  readonly json?: readonly string[];
  /** How a row belongs to the board: its own board id, or the board's round, participant, partner or meeting. */
  readonly scope: 'board' | 'round' | 'participant' | 'partner' | 'meeting';
  readonly scopeColumn: string;
  readonly orderBy: string;
  /** An integer key the target numbers itself (stance ids are global counters): imported in order, without it. */
  readonly renumbered?: string;
}

export const ARCHIVE_TABLES: readonly ArchiveTable[] = [
  {
    name: 'boards',
    columns: ['id', 'title', 'created_at'],
    scope: 'board',
    scopeColumn: 'id',
    orderBy: 'id',
  },
  {
    name: 'partners',
    columns: ['id', 'board_id', 'name', 'kind', 'created_at', 'confirmed_at', 'proposed_by', 'declined_at'],
    scope: 'board',
    scopeColumn: 'board_id',
    orderBy: 'created_at, id',
  },
  {
    name: 'participants',
    columns: [
      'id',
      'board_id',
      'partner_id',
      'name',
      'role',
      'color',
      'created_at',
      'removed_at',
      'removed_by',
      'confirmed_at',
      'erased_number',
      'erased_at',
    ],
    scope: 'board',
    scopeColumn: 'board_id',
    // removed_by names an earlier participant (the facilitator who removed them): creation order keeps the key.
    orderBy: 'created_at, id',
  },
  {
    name: 'rounds',
    columns: [
      'id',
      'board_id',
      'goal_id',
      'number',
      'opened_at',
      'opened_by',
      'deadline',
      'visibility',
      'auto_close',
      'rule',
      'wording_title',
      'wording_description',
      'wording_hash',
      'eligible_partner_ids',
    ],
    sqlite: { rule: 'rule_json', eligible_partner_ids: 'eligible_json' },
    booleans: ['auto_close'],
    json: ['rule', 'eligible_partner_ids'],
    scope: 'board',
    scopeColumn: 'board_id',
    orderBy: 'opened_at, id',
  },
  {
    name: 'round_closures',
    columns: ['round_id', 'closed_at', 'outcome', 'reasons', 'closed_by', 'agreed_structure'],
    sqlite: { reasons: 'reasons_json', agreed_structure: 'agreed_structure_json' },
    json: ['reasons', 'agreed_structure'],
    scope: 'round',
    scopeColumn: 'round_id',
    orderBy: 'round_id',
  },
  {
    name: 'stances',
    columns: [
      'id',
      'round_id',
      'partner_id',
      'stance',
      'reason',
      'provisional_until',
      'recorded_by',
      'by_facilitator',
      'at',
    ],
    booleans: ['by_facilitator'],
    scope: 'round',
    scopeColumn: 'round_id',
    orderBy: 'id',
    renumbered: 'id',
  },
  {
    name: 'board_settings',
    columns: ['board_id', 'decision_rule', 'updated_by', 'updated_at'],
    sqlite: { decision_rule: 'decision_rule_json' },
    json: ['decision_rule'],
    scope: 'board',
    scopeColumn: 'board_id',
    orderBy: 'board_id',
  },
  {
    name: 'participant_visits',
    columns: ['participant_id', 'last_seen_at'],
    scope: 'participant',
    scopeColumn: 'participant_id',
    orderBy: 'participant_id',
  },
  {
    name: 'partner_profiles',
    columns: ['partner_id', 'profile', 'updated_by', 'updated_at'],
    sqlite: { profile: 'profile_json' },
    json: ['profile'],
    scope: 'partner',
    scopeColumn: 'partner_id',
    orderBy: 'partner_id',
  },
  {
    name: 'partner_relations',
    columns: [
      'id',
      'board_id',
      'from_partner',
      'to_partner',
      'kind',
      'strength',
      'note',
      'created_by',
      'created_at',
      'removed_by',
      'removed_at',
    ],
    scope: 'board',
    scopeColumn: 'board_id',
    orderBy: 'created_at, id',
  },
  {
    name: 'amendments',
    columns: [
      'id',
      'board_id',
      'goal_id',
      'round_id',
      'author_id',
      'title',
      'description',
      'proposed_at',
      'status',
      'resolved_by',
      'resolved_at',
    ],
    scope: 'board',
    scopeColumn: 'board_id',
    orderBy: 'proposed_at, id',
  },
  {
    name: 'attributions',
    columns: ['board_id', 'kind', 'item_id', 'goal_id', 'participant_id', 'content_hash', 'at'],
    scope: 'board',
    scopeColumn: 'board_id',
    orderBy: 'kind, item_id',
  },
  {
    name: 'attribution_backfills',
    columns: ['board_id', 'at'],
    scope: 'board',
    scopeColumn: 'board_id',
    orderBy: 'board_id',
  },
  {
    name: 'hidden_comments',
    columns: ['board_id', 'comment_id', 'goal_id', 'hidden_by', 'hidden_at', 'unhidden_by', 'unhidden_at'],
    scope: 'board',
    scopeColumn: 'board_id',
    orderBy: 'comment_id',
  },
  {
    name: 'meetings',
    columns: [
      'id',
      'board_id',
      'title',
      'start_at',
      'end_at',
      'time_zone',
      'place',
      'link',
      'agenda_json',
      'note',
      'status',
      'sequence',
      'created_by',
      'created_at',
      'updated_at',
    ],
    json: ['agenda_json'],
    scope: 'board',
    scopeColumn: 'board_id',
    orderBy: 'created_at, id',
  },
  {
    name: 'meeting_minutes',
    columns: [
      'meeting_id',
      'board_id',
      'version',
      'draft_json',
      'final_json',
      'finalised_at',
      'finalised_by',
      'updated_at',
    ],
    json: ['draft_json', 'final_json'],
    scope: 'board',
    scopeColumn: 'board_id',
    orderBy: 'meeting_id',
  },
  {
    name: 'meeting_minutes_comments',
    columns: ['id', 'meeting_id', 'board_id', 'participant_id', 'text', 'created_at'],
    scope: 'board',
    scopeColumn: 'board_id',
    orderBy: 'created_at, id',
  },
  {
    name: 'meeting_attendance',
    columns: ['meeting_id', 'participant_id', 'first_seen_at'],
    scope: 'meeting',
    scopeColumn: 'meeting_id',
    orderBy: 'meeting_id, participant_id',
  },
  {
    name: 'board_privacy_notes',
    columns: ['board_id', 'text', 'updated_by', 'updated_at'],
    scope: 'board',
    scopeColumn: 'board_id',
    orderBy: 'board_id',
  },
  {
    name: 'mail_senders',
    columns: ['board_id', 'name', 'updated_by', 'updated_at'],
    scope: 'board',
    scopeColumn: 'board_id',
    orderBy: 'board_id',
  },
  {
    // An archived board stays archived where it moves; a pending deletion keeps its date.
    name: 'board_lifecycle',
    columns: [
      'board_id',
      'archived_at',
      'archived_by',
      'deletion_requested_at',
      'deletion_requested_by',
      'delete_after',
    ],
    scope: 'board',
    scopeColumn: 'board_id',
    orderBy: 'board_id',
  },
];

const SCOPE_TABLE = {
  round: 'rounds',
  participant: 'participants',
  partner: 'partners',
  meeting: 'meetings',
} as const;

/** The WHERE clause that picks a table's rows of the board; `param` is the engine's placeholder for the board id. */
export function scopeClause(table: ArchiveTable, param: string): string {
  if (table.scope === 'board') return `${table.scopeColumn} = ${param}`;
  return `${table.scopeColumn} IN (SELECT id FROM ${SCOPE_TABLE[table.scope]} WHERE board_id = ${param})`;
}

/** The SQLite column of an archive column. */
export const sqliteColumn = (table: ArchiveTable, column: string): string => table.sqlite?.[column] ?? column;

/** The columns the target writes: a renumbered key is left to the target. */
export const insertedColumns = (table: ArchiveTable): readonly string[] =>
  table.columns.filter((c) => c !== table.renumbered);

/** A row as the archive carries it. */
export type ArchiveValue = string | number | boolean | null | ArchiveJson;
export type ArchiveJson = string | number | boolean | null | ArchiveJson[] | { [key: string]: ArchiveJson };
export type ArchiveRow = Readonly<Record<string, ArchiveValue>>;
