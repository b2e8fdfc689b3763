import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../storage/sqlite/migrations';
import type { TableMapping } from './tables';

/** The file name openSqliteStorage uses inside the data directory. */
export const SQLITE_FILE_NAME = 'common-ground.sqlite';
/**
 * The SQLite schema version that has every table and column the migration copies: the latest. The copy lists the
 * current tables and columns (tables.ts), so an older file is brought up to date by starting this version of the
 * server on it once.
 */
const REQUIRED_SQLITE_VERSION = MIGRATIONS.length;

export interface SqliteUpdateRow {
  readonly seq: number;
  readonly participant_id: string | null;
  readonly data: Buffer;
  readonly at: number;
}
/** A quarantined entry, with the seq in SQLite's global numbering. */
export interface SqliteQuarantinedRow {
  readonly seq: number;
  readonly reason: string;
  readonly at: number;
}
export interface SqliteSnapshotRow {
  readonly seq: number;
  readonly state: Buffer;
  readonly at: number;
}

/**
 * A SQLite data directory opened read-only, inside one read transaction: everything read (for copying and for
 * verifying) comes from the same state, even if a server still wrote to the file.
 */
export class SqliteSource {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    const file = path.join(dataDir, SQLITE_FILE_NAME);
    if (!fs.existsSync(file)) throw new Error(`No SQLite database at ${file}`);
    this.db = new Database(file, { readonly: true, fileMustExist: true });
    const version = this.db.pragma('user_version', { simple: true });
    if (typeof version !== 'number' || version < REQUIRED_SQLITE_VERSION) {
      this.db.close();
      throw new Error(
        `${file} has schema version ${String(version)}; start this version of the server on it once first`,
      );
    }
    this.db.exec('BEGIN');
  }

  rows(mapping: TableMapping): Record<string, unknown>[] {
    return this.db.prepare<[], Record<string, unknown>>(mapping.read).all();
  }

  /** Runs one of the COUNTS statements. */
  count(sql: string): number {
    return this.db.prepare<[], { n: number }>(sql).get()?.n ?? 0;
  }

  docKeys(): string[] {
    return this.db
      .prepare<[], { doc_key: string }>(
        'SELECT doc_key FROM doc_updates UNION SELECT doc_key FROM doc_snapshots ORDER BY doc_key',
      )
      .all()
      .map((r) => r.doc_key);
  }

  countUpdates(docKey: string, upToSeq = Number.MAX_SAFE_INTEGER): number {
    return (
      this.db
        .prepare<[string, number], { n: number }>(
          'SELECT count(*) AS n FROM doc_updates WHERE doc_key = ? AND seq <= ?',
        )
        .get(docKey, upToSeq)?.n ?? 0
    );
  }

  /** Up to `limit` of a document's updates after `afterSeq` (SQLite's global numbering), in order. */
  updates(docKey: string, afterSeq: number, limit: number): SqliteUpdateRow[] {
    return this.db
      .prepare<[string, number, number], SqliteUpdateRow>(
        'SELECT seq, participant_id, data, at FROM doc_updates WHERE doc_key = ? AND seq > ? ORDER BY seq LIMIT ?',
      )
      .all(docKey, afterSeq, limit);
  }

  /** The document's quarantined entries, in log order. */
  quarantined(docKey: string): SqliteQuarantinedRow[] {
    return this.db
      .prepare<[string], SqliteQuarantinedRow>(
        'SELECT seq, reason, at FROM quarantined_updates WHERE doc_key = ? ORDER BY seq',
      )
      .all(docKey);
  }

  snapshot(docKey: string): SqliteSnapshotRow | null {
    return (
      this.db
        .prepare<[string], SqliteSnapshotRow>('SELECT seq, state, at FROM doc_snapshots WHERE doc_key = ?')
        .get(docKey) ?? null
    );
  }

  close(): void {
    if (!this.db.open) return;
    this.db.exec('COMMIT');
    this.db.close();
  }
}
