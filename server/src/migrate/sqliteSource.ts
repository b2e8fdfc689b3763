import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { decodeSegmentSync } from '../storage/logSegment';
import { decodeStateSync } from '../storage/snapshotCodec';
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
  /** The sealed entries of the document read last: the copy and the verification read one document at a time. */
  private sealedOf: { readonly docKey: string; readonly entries: readonly SqliteUpdateRow[] } | null = null;

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
        `SELECT doc_key FROM doc_updates UNION SELECT doc_key FROM doc_update_segments
         UNION SELECT doc_key FROM doc_snapshots ORDER BY doc_key`,
      )
      .all()
      .map((r) => r.doc_key);
  }

  /** Entries of the document's log (sealed or not) up to `upToSeq`. */
  countUpdates(docKey: string, upToSeq = Number.MAX_SAFE_INTEGER): number {
    const hot =
      this.db
        .prepare<[string, number], { n: number }>(
          'SELECT count(*) AS n FROM doc_updates WHERE doc_key = ? AND seq <= ?',
        )
        .get(docKey, upToSeq)?.n ?? 0;
    return hot + this.sealed(docKey).filter((e) => e.seq <= upToSeq).length;
  }

  /** Up to `limit` of a document's updates after `afterSeq` (SQLite's global numbering), sealed or not, in order. */
  updates(docKey: string, afterSeq: number, limit: number): SqliteUpdateRow[] {
    const hot = this.db
      .prepare<[string, number, number], SqliteUpdateRow>(
        'SELECT seq, participant_id, data, at FROM doc_updates WHERE doc_key = ? AND seq > ? ORDER BY seq LIMIT ?',
      )
      .all(docKey, afterSeq, limit);
    const sealed = this.sealed(docKey).filter((e) => e.seq > afterSeq);
    return [...sealed, ...hot].sort((a, b) => a.seq - b.seq).slice(0, limit);
  }

  /** The document's sealed segments, decoded (storage/logSegment.ts). */
  private sealed(docKey: string): readonly SqliteUpdateRow[] {
    if (this.sealedOf?.docKey === docKey) return this.sealedOf.entries;
    const entries = this.db
      .prepare<[string], { data: Buffer }>(
        'SELECT data FROM doc_update_segments WHERE doc_key = ? ORDER BY first_seq',
      )
      .all(docKey)
      .flatMap((segment) => decodeSegmentSync(segment.data))
      .map((e) => ({ seq: e.seq, participant_id: e.participantId, data: asBuffer(e.update), at: e.at }));
    this.sealedOf = { docKey, entries };
    return entries;
  }

  /** The document's quarantined entries, in log order. */
  quarantined(docKey: string): SqliteQuarantinedRow[] {
    return this.db
      .prepare<[string], SqliteQuarantinedRow>(
        'SELECT seq, reason, at FROM quarantined_updates WHERE doc_key = ? ORDER BY seq',
      )
      .all(docKey);
  }

  /** The document's snapshot, its state as Yjs wrote it (decompressed). */
  snapshot(docKey: string): SqliteSnapshotRow | null {
    const row = this.db
      .prepare<[string], SqliteSnapshotRow & { codec: number }>(
        'SELECT seq, state, at, codec FROM doc_snapshots WHERE doc_key = ?',
      )
      .get(docKey);
    return row ? { seq: row.seq, at: row.at, state: asBuffer(decodeStateSync(row.codec, row.state)) } : null;
  }

  close(): void {
    if (!this.db.open) return;
    this.db.exec('COMMIT');
    this.db.close();
  }
}

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
