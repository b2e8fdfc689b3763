import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_FILE_NAME } from '../migrate/sqliteSource';
import { MIGRATIONS } from '../storage/sqlite/migrations';
import { recordedChecksum, removeQuietly, sha256File, syncFile } from './files';
import { BackupError, describe, type SqliteContents, verifySqliteFile } from './sqliteFile';

/** The database file and the files SQLite keeps beside it while it is open or after a crash. */
const DATABASE_FILES = ['', '-wal', '-shm', '-journal'].map((suffix) => `${SQLITE_FILE_NAME}${suffix}`);

export interface SqliteRestoreOptions {
  /** The backup file. */
  readonly file: string;
  /** The data directory to restore into: it must hold no database. */
  readonly dataDir: string;
}

export interface SqliteRestoreReport {
  readonly file: string;
  readonly target: string;
  readonly contents: SqliteContents;
  /** Whether `<file>.sha256` was there and matched (false: there was none to check). */
  readonly checksumVerified: boolean;
}

/**
 * Restores a backup into a data directory that holds no database (a running server has its database open there,
 * so this also refuses while one runs on it). Refusals change nothing. The backup is copied in under a temporary
 * name, verified as `npm run backup` verifies (checksum if recorded, integrity, tables, schema version), synced,
 * and only then linked into place; the link fails if a database appeared meanwhile (a server started), so a
 * restore never overwrites one.
 */
export function restoreSqlite(options: SqliteRestoreOptions): SqliteRestoreReport {
  const file = path.resolve(options.file);
  const dataDir = path.resolve(options.dataDir);
  const target = path.join(dataDir, SQLITE_FILE_NAME);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    throw new BackupError(`There is no backup file at ${file}.`);
  }
  const present = DATABASE_FILES.filter((name) => fs.existsSync(path.join(dataDir, name)));
  if (present.length > 0) {
    throw new BackupError(
      `${dataDir} already holds a database (${present.join(', ')}); nothing was changed. Restore only into an ` +
        'empty data directory: stop the server, set DATA_DIR to a new folder (or move the old one aside) and run ' +
        'the restore again.',
    );
  }
  const wal = `${file}-wal`;
  if (fs.existsSync(wal) && fs.statSync(wal).size > 0) {
    throw new BackupError(
      `${file} has a write-ahead log beside it (${path.basename(wal)}): it is a live database or a file copy of ` +
        'one, not a backup. Make a backup with `npm run backup` and restore that.',
    );
  }
  const recorded = recordedChecksum(file);
  if (recorded !== null && recorded !== sha256File(file)) {
    throw new BackupError(
      `${file} is not the file that was backed up: its SHA-256 differs from ${path.basename(file)}.sha256 (damaged or truncated).`,
    );
  }

  const createdDir = !fs.existsSync(dataDir);
  const temporary = path.join(dataDir, `${SQLITE_FILE_NAME}.restoring-${process.pid}`);
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.copyFileSync(file, temporary, fs.constants.COPYFILE_EXCL);
    selfContained(temporary, file);
    const contents = verifySqliteFile(temporary, MIGRATIONS.length, file);
    syncFile(temporary);
    try {
      // link, not rename: it fails instead of replacing a database that a server created in the meantime.
      fs.linkSync(temporary, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new BackupError(
          `A database appeared in ${dataDir} during the restore (did a server start?); it was left as it is.`,
        );
      }
      throw error;
    }
    removeQuietly(temporary);
    return { file, target, contents, checksumVerified: recorded !== null };
  } catch (error) {
    removeQuietly(...['', '-journal', '-wal', '-shm'].map((suffix) => `${temporary}${suffix}`));
    if (createdDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`The restore failed: ${describe(error)}`);
  }
}

/**
 * A backup made by a plain file copy of a stopped server's database still says "WAL" in its header; opened
 * read-only it would need -wal and -shm files beside it. Switching our own copy to a rollback journal first
 * keeps verification free of side files (and fails, as verification would, on a file that is not a database).
 */
function selfContained(file: string, label: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma('journal_mode = DELETE');
  } catch (error) {
    throw new BackupError(`${label} is not an intact SQLite database: ${describe(error)}`);
  } finally {
    db?.close();
  }
}
