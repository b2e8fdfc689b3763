import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_FILE_NAME } from '../migrate/sqliteSource';
import { MIGRATIONS } from '../storage/sqlite/migrations';
import { partialOf, removeQuietly, sha256File, syncFile, timestampedFile, writeChecksum } from './files';
import {
  BackupError,
  countRows,
  describe,
  type SqliteContents,
  type TableCount,
  verifySqliteFile,
} from './sqliteFile';

/** Pages copied per turn of the event loop (4 MB at SQLite's default page size); the snapshot is fixed anyway. */
const PAGES_PER_STEP = 1024;

export interface SqliteBackupOptions {
  /** The server's data directory (holding common-ground.sqlite). */
  readonly dataDir: string;
  /** Where the backup goes; `<dataDir>/backups` by default. */
  readonly outDir?: string;
  readonly now?: Date;
  /** Called with the file being written before it is verified, so a signal handler can remove it. */
  readonly onPartial?: (file: string | null) => void;
}

export interface SqliteBackupReport {
  readonly source: string;
  readonly file: string;
  readonly checksumFile: string;
  readonly sha256: string;
  /** The live database's rows at the moment the backup read it. */
  readonly sourceTables: readonly TableCount[];
  /** What the verified backup holds (equal to sourceTables). */
  readonly contents: SqliteContents;
}

/**
 * An online backup of the server's SQLite database, safe while the server writes. A read transaction on the live
 * file is opened first; the row counts and SQLite's backup API both read that one snapshot (backup_step uses the
 * source connection's open transaction), so the copy holds exactly the commits made before it started: every
 * update the server acknowledged before this call is in it, and nothing half-written. In WAL mode readers never
 * block the writer, so the server keeps serving throughout. The copy is written under a `.partial` name, turned
 * into a self-contained file (rollback journal, no -wal beside it), verified read-only (integrity check, the same
 * row counts), checksummed and only then renamed; on any failure it is removed.
 */
export async function backupSqlite(options: SqliteBackupOptions): Promise<SqliteBackupReport> {
  const source = path.join(path.resolve(options.dataDir), SQLITE_FILE_NAME);
  if (!fs.existsSync(source)) {
    throw new BackupError(
      `There is no database to back up at ${source}. Set DATA_DIR to the server's data directory (it holds ${SQLITE_FILE_NAME}).`,
    );
  }
  const outDir = path.resolve(options.outDir ?? path.join(options.dataDir, 'backups'));
  try {
    fs.mkdirSync(outDir, { recursive: true });
  } catch (error) {
    throw new BackupError(`Cannot create the backup folder ${outDir}: ${describe(error)}`);
  }
  const file = timestampedFile(outDir, options.now ?? new Date(), 'sqlite');
  const partial = partialOf(file);
  options.onPartial?.(partial);
  try {
    const sourceTables = await copySnapshot(source, partial);
    selfContained(partial);
    const contents = verifySqliteFile(partial, MIGRATIONS.length);
    const differences = compareCounts(sourceTables, contents.tables);
    if (differences.length > 0) {
      throw new BackupError(`The copy does not match the database: ${differences.join('; ')}`);
    }
    syncFile(partial);
    const sha256 = sha256File(partial);
    fs.renameSync(partial, file);
    options.onPartial?.(null);
    let checksumFile: string;
    try {
      checksumFile = writeChecksum(file, sha256);
    } catch (error) {
      removeQuietly(file);
      throw error;
    }
    return { source, file, checksumFile, sha256, sourceTables, contents };
  } catch (error) {
    removeQuietly(partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`);
    options.onPartial?.(null);
    if (error instanceof BackupError) throw error;
    throw new BackupError(`The backup failed: ${describe(error)}`);
  }
}

/** Copies the database as of one read transaction into `target`; returns its row counts in that transaction. */
async function copySnapshot(source: string, target: string): Promise<TableCount[]> {
  let db: Database.Database;
  try {
    db = new Database(source, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`Cannot open the database ${source}: ${describe(error)}`);
  }
  try {
    db.pragma('busy_timeout = 5000');
    db.exec('BEGIN');
    // The first read starts the snapshot; the backup below reads inside the same transaction.
    const counts = countRows(db);
    await db.backup(target, { progress: () => PAGES_PER_STEP });
    db.exec('COMMIT');
    return counts;
  } finally {
    db.close();
  }
}

/**
 * The copy keeps the source's WAL flag in its header; opened, it would grow -wal and -shm files that belong to
 * it. A rollback journal makes it one file that can be copied, uploaded and checksummed as it is.
 */
function selfContained(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/** Every difference between two sets of row counts, in words. */
export function compareCounts(expected: readonly TableCount[], actual: readonly TableCount[]): string[] {
  const found = new Map(actual.map((t) => [t.table, t.rows]));
  const problems = expected
    .filter((t) => found.get(t.table) !== t.rows)
    .map(
      (t) => `${t.table}: ${t.rows} rows in the database, ${found.get(t.table) ?? 'no table'} in the copy`,
    );
  const known = new Set(expected.map((t) => t.table));
  for (const t of actual) if (!known.has(t.table)) problems.push(`${t.table}: only in the copy`);
  return problems;
}
