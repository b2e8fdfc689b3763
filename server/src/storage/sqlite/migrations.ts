import type Database from 'better-sqlite3';

/**
 * The schema, as an append-only list: entry i moves a database from version i to i + 1 (SQLite's user_version).
 * Never edit an entry that has shipped; add a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE boards (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE partners (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX partners_by_board ON partners(board_id);

  CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id),
    partner_id TEXT REFERENCES partners(id),
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('facilitator', 'partner', 'observer')),
    color TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX participants_by_board ON participants(board_id);

  CREATE TABLE invites (
    code TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id),
    role TEXT NOT NULL CHECK (role IN ('facilitator', 'partner', 'observer')),
    max_uses INTEGER,
    uses INTEGER NOT NULL DEFAULT 0,
    expires_at INTEGER NOT NULL,
    created_by TEXT REFERENCES participants(id),
    created_at INTEGER NOT NULL
  ) STRICT;

  -- The update log: one row per accepted document update, never deleted (audit trail, history, activity).
  -- seq is global and monotonic, so "everything after seq N" is one range scan per document.
  CREATE TABLE doc_updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_key TEXT NOT NULL,
    participant_id TEXT REFERENCES participants(id),
    data BLOB NOT NULL,
    at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX doc_updates_by_doc ON doc_updates(doc_key, seq);

  -- Latest compacted state per document; only makes loading fast, the log stays the source of truth.
  CREATE TABLE doc_snapshots (
    doc_key TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    state BLOB NOT NULL,
    at INTEGER NOT NULL
  ) STRICT;
  `,
];

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true });
  if (typeof current !== 'number' || current > MIGRATIONS.length) {
    throw new Error(`Database schema version ${String(current)} is newer than this server knows`);
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] ?? '');
      // PRAGMA takes no bound parameters; the value is a loop counter, never input.
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
