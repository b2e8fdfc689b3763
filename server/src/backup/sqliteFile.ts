import Database from 'better-sqlite3';

/** How many rows one table holds. */
export interface TableCount {
  readonly table: string;
  readonly rows: number;
  /** doc_update_segments only: the log entries its rows hold (each row is a sealed run of them). */
  readonly entries?: number;
}

/** What a verified SQLite file holds. */
export interface SqliteContents {
  /** The schema version (PRAGMA user_version) the server migrated the file to. */
  readonly schemaVersion: number;
  /** Every table, by name. */
  readonly tables: readonly TableCount[];
  readonly bytes: number;
}

/** A failure the commands explain in plain words (and exit with 1); anything else is a bug and shows its stack. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

/** Tables every Common Ground database has had since its first schema version. */
const REQUIRED_TABLES = ['boards', 'participants', 'doc_updates', 'doc_snapshots'] as const;

const SEGMENTS = 'doc_update_segments';

function sealedEntries(db: Database.Database): number {
  return db.prepare<[], { n: number }>(`SELECT COALESCE(sum(n), 0) AS n FROM ${SEGMENTS}`).get()?.n ?? 0;
}

/** Every table of the database (not SQLite's own), sorted by name, with its row count. */
export function countRows(db: Database.Database): TableCount[] {
  const names = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
    )
    .all()
    .map((row) => row.name);
  // Table names come from the file, which may be hostile (restore): quoted as identifiers, never spliced raw.
  return names.map((table) => ({
    table,
    rows:
      db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM "${table.replaceAll('"', '""')}"`).get()?.n ??
      0,
    ...(table === SEGMENTS ? { entries: sealedEntries(db) } : {}),
  }));
}

/**
 * Opens `file` read-only and checks that it is an intact Common Ground database: SQLite's integrity check passes
 * (every page, index and constraint), the foreign keys hold, the server's tables are there and its schema version
 * is one this server knows. Throws a BackupError that says what is wrong otherwise (naming the file `label`).
 */
export function verifySqliteFile(file: string, knownVersion: number, label = file): SqliteContents {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${label} cannot be opened as a database: ${describe(error)}`);
  }
  try {
    let problems: string[];
    try {
      problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map(
        (row) => row.integrity_check,
      );
    } catch (error) {
      // A file that is not SQLite at all, or whose first page is damaged, fails here already.
      throw new BackupError(`${label} is not an intact SQLite database: ${describe(error)}`);
    }
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new BackupError(
        `${label} is damaged (SQLite's integrity check found: ${problems.slice(0, 3).join('; ')})`,
      );
    }
    const dangling = db.pragma('foreign_key_check') as unknown[];
    if (dangling.length > 0) {
      throw new BackupError(`${label} is damaged: ${dangling.length} row(s) refer to rows that are missing`);
    }
    const schemaVersion = db.pragma('user_version', { simple: true });
    const tables = countRows(db);
    const names = new Set(tables.map((t) => t.table));
    const missing = REQUIRED_TABLES.filter((name) => !names.has(name));
    if (typeof schemaVersion !== 'number' || schemaVersion < 1 || missing.length > 0) {
      throw new BackupError(
        `${label} is a SQLite database, but not one of Common Ground (missing: ${missing.join(', ') || 'schema version'})`,
      );
    }
    if (schemaVersion > knownVersion) {
      throw new BackupError(
        `${label} comes from a newer version of Common Ground (schema ${schemaVersion}; this one knows ${knownVersion}): update first`,
      );
    }
    const pageCount = db.pragma('page_count', { simple: true });
    const pageSize = db.pragma('page_size', { simple: true });
    return {
      schemaVersion,
      tables,
      bytes: typeof pageCount === 'number' && typeof pageSize === 'number' ? pageCount * pageSize : 0,
    };
  } finally {
    db.close();
  }
}

/** An error's message, with the plain-words reason for the ones an operator can fix. */
export function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return `the disk is full (${message})`;
  if (typeof code === 'string' && code.startsWith('SQLITE_IOERR')) {
    return `the disk refused a write or read: it may be full, over a size limit or failing (${message})`;
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') {
    return `no permission to write or open the file (${message})`;
  }
  return message;
}
