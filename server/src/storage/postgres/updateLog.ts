import pg from 'pg';
import { encodeSegment } from '../logSegment';
import type {
  DocumentLog,
  LoadedDocument,
  NewUpdate,
  QuarantinedUpdate,
  QuarantineEntry,
  StoredUpdate,
} from '../parts/log';
import { mustBeRecordKey } from '../parts/log';
import { cutReason } from '../quarantine';
import { type QuarantinedRow, toQuarantined } from '../rows';
import { mergeSegments } from '../segmentReads';
import { decodeStateSync, encodeState } from '../snapshotCodec';
import { appendBatches } from './appendBatches';
import { bytesOf, inTransaction, isUniqueViolation, type Queryable } from './db';

interface UpdateRow {
  seq: number;
  participant_id: string | null;
  data: Buffer;
  at: number;
}

/** A row of listUpdates' one statement: a hot entry (0), a sealed segment (1) or a quarantined seq (2). */
interface LogReadRow extends UpdateRow {
  kind: 0 | 1 | 2;
}

const toStoredUpdate = (r: UpdateRow): StoredUpdate => ({
  seq: r.seq,
  participantId: r.participant_id,
  update: bytesOf(r.data),
  at: r.at,
});

/** A quarantine as stored; the copy from SQLite keeps each entry's own time. */
export interface QuarantineRecord {
  readonly seq: number;
  readonly reason: string;
  readonly at: number;
}

/**
 * The document log of PostgresStorage, on a pool or inside a caller's transaction (board creation, the copy from
 * SQLite). Each document is numbered 1, 2, 3… without gaps by its counter row in doc_seqs.
 */
export class PostgresDocumentLog implements DocumentLog {
  /** Documents this log is sealing now; another instance sealing the same rows fails on the database's checks. */
  private readonly sealing = new Set<string>();
  /** The VACUUM after a seal, one at a time per instance (a second would only wait for the first's lock). */
  private vacuuming: Promise<void> | null = null;

  constructor(private readonly db: Queryable) {}

  /** One statement, so atomic on its own and inside a caller's transaction (see appendBatches). */
  async appendUpdates(docKey: string, updates: readonly NewUpdate[]): Promise<number[]> {
    if (updates.length === 0) return [];
    const [seqs = []] = await appendBatches(this.db, [{ docKey, updates }]);
    return seqs;
  }

  /**
   * Two statements without a shared snapshot are still consistent: the log is append-only and a newer snapshot
   * only covers more of it, so the updates after the snapshot read first complete it.
   */
  async loadDocument(docKey: string): Promise<LoadedDocument> {
    const snapshot = await this.db.query<{ seq: number; state: Buffer; codec: number }>(
      'SELECT seq, state, codec FROM doc_snapshots WHERE doc_key = $1',
      [docKey],
    );
    const row = snapshot.rows[0];
    const snapshotSeq = row?.seq ?? 0;
    return {
      snapshot: row ? decodeStateSync(row.codec, bytesOf(row.state)) : null,
      snapshotSeq,
      updates: await this.listUpdates(docKey, snapshotSeq),
    };
  }

  async saveSnapshot(docKey: string, seq: number, state: Uint8Array, at: number): Promise<void> {
    const stored = await encodeState(state);
    await this.db.query(
      `INSERT INTO doc_snapshots (doc_key, seq, state, at, codec) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (doc_key) DO UPDATE SET seq = excluded.seq, state = excluded.state, at = excluded.at,
       codec = excluded.codec
     WHERE excluded.seq >= doc_snapshots.seq`,
      [docKey, seq, stored.data, at, stored.codec],
    );
  }

  async sealThrough(docKey: string, seq: number): Promise<number> {
    if (this.sealing.has(docKey)) return 0;
    this.sealing.add(docKey);
    try {
      const { rows } = await this.db.query<UpdateRow>(
        'SELECT seq, participant_id, data, at FROM doc_updates WHERE doc_key = $1 AND seq <= $2 ORDER BY seq',
        [docKey, seq],
      );
      const entries = rows.map(toStoredUpdate);
      const first = entries[0];
      const last = entries.at(-1);
      if (!first || !last) return 0;
      const data = await encodeSegment(entries);
      await this.transaction(async (db) => {
        // The segment first: the log's trigger lets a row go only while a segment covers it.
        await db.query(
          `INSERT INTO doc_update_segments (doc_key, first_seq, last_seq, n, first_at, last_at, data)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [docKey, first.seq, last.seq, entries.length, first.at, last.at, data],
        );
        const { rowCount } = await db.query(
          'DELETE FROM doc_updates WHERE doc_key = $1 AND seq BETWEEN $2 AND $3',
          [docKey, first.seq, last.seq],
        );
        if (rowCount !== entries.length) {
          throw new Error(
            `Sealing ${docKey}: ${rowCount} rows in ${first.seq}..${last.seq}, not ${entries.length}`,
          );
        }
      });
      await this.vacuum();
      return entries.length;
    } catch (error) {
      // Another instance sealed the same rows first: they are sealed, which is all this one wanted.
      if (isUniqueViolation(error, 'doc_update_segments_pkey')) return 0;
      throw error;
    } finally {
      this.sealing.delete(docKey);
    }
  }

  /**
   * A seal deletes its rows in bulk, and each snapshot leaves the replaced state behind: autovacuum gets to them
   * only after its nap (a minute by default) and 20 % of the table changed, so a burst of writes grows both tables
   * to their largest first. A plain VACUUM of the two (no exclusive lock; the hot log stays small, so it is
   * quick) lets the next rows reuse the space. Only on a pool: VACUUM cannot run in a caller's transaction. Its
   * failure (a role that may not vacuum) changes nothing stored, and autovacuum does the same later.
   */
  private async vacuum(): Promise<void> {
    if (!(this.db instanceof pg.Pool)) return;
    const pool = this.db;
    // One in flight may have started before this seal committed: wait for it, then run one that sees it.
    while (this.vacuuming) await this.vacuuming;
    const running = pool
      .query('VACUUM doc_updates, doc_snapshots')
      .then(
        () => {},
        () => {},
      )
      .finally(() => {
        this.vacuuming = null;
      });
    this.vacuuming = running;
    await running;
  }

  /** On a pool: a transaction of its own. On a caller's client: inside the caller's transaction. */
  private transaction(fn: (db: Queryable) => Promise<void>): Promise<void> {
    return this.db instanceof pg.Pool ? inTransaction(this.db, fn) : fn(this.db);
  }

  async compactRecord(docKey: string, seq: number, state: Uint8Array, at: number): Promise<void> {
    mustBeRecordKey(docKey);
    const stored = await encodeState(state);
    // A segment ends at a saved snapshot, which a compaction at the room's coverage never precedes.
    const across = await this.db.query(
      'SELECT 1 FROM doc_update_segments WHERE doc_key = $1 AND first_seq <= $2 AND last_seq > $2',
      [docKey, seq],
    );
    if (across.rows.length > 0) {
      throw new Error(`Cannot compact ${docKey} through ${seq}: a sealed segment reaches past it`);
    }
    // One statement, so one transaction whoever holds this log (a pool or a caller's client).
    await this.db.query(
      `WITH snapshot AS (
         INSERT INTO doc_snapshots (doc_key, seq, state, at, codec) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (doc_key) DO UPDATE SET seq = excluded.seq, state = excluded.state, at = excluded.at,
           codec = excluded.codec
         RETURNING 1
       ), quarantine AS (
         DELETE FROM quarantined_updates WHERE doc_key = $1 AND seq <= $2 RETURNING 1
       ), segments AS (
         DELETE FROM doc_update_segments WHERE doc_key = $1 AND last_seq <= $2 RETURNING 1
       )
       DELETE FROM doc_updates WHERE doc_key = $1 AND seq <= $2`,
      [docKey, seq, stored.data, at, stored.codec],
    );
  }

  async countUpdates(docKey: string): Promise<number> {
    // One statement: one snapshot, so a seal committing meanwhile is counted once.
    const { rows } = await this.db.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM doc_updates WHERE doc_key = $1)
         + (SELECT COALESCE(sum(n), 0) FROM doc_update_segments WHERE doc_key = $1) AS n`,
      [docKey],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async listUpdates(docKey: string, afterSeq: number, untilAt?: number): Promise<StoredUpdate[]> {
    // One statement, so one snapshot: a seal that commits meanwhile moves its rows wholly before or after it.
    // The anti-join probes quarantined_updates' primary key per entry; that table is empty unless something
    // went wrong, so the filter costs nothing measurable. Segments and quarantined seqs come along for the merge.
    const { rows } = await this.db.query<LogReadRow>(
      `SELECT 0 AS kind, seq, participant_id, data, at FROM doc_updates u
     WHERE doc_key = $1 AND seq > $2 AND ($3::bigint IS NULL OR at <= $3)
       AND NOT EXISTS (SELECT 1 FROM quarantined_updates q WHERE q.doc_key = u.doc_key AND q.seq = u.seq)
     UNION ALL
     SELECT 1, first_seq, NULL, data, last_at FROM doc_update_segments WHERE doc_key = $1 AND last_seq > $2
     UNION ALL
     SELECT 2, seq, NULL, NULL, at FROM quarantined_updates q WHERE doc_key = $1 AND seq > $2
       AND EXISTS (SELECT 1 FROM doc_update_segments s WHERE s.doc_key = $1 AND s.last_seq > $2)
     ORDER BY seq, kind`,
      [docKey, afterSeq, untilAt ?? null],
    );
    const hot = rows.filter((r) => r.kind === 0).map(toStoredUpdate);
    const segments = rows.filter((r) => r.kind === 1).map((r) => bytesOf(r.data));
    if (segments.length === 0) return hot;
    const quarantined = new Set(rows.filter((r) => r.kind === 2).map((r) => r.seq));
    return mergeSegments(segments, hot, {
      afterSeq,
      untilAt: untilAt ?? Number.MAX_SAFE_INTEGER,
      quarantined,
    });
  }

  async quarantineUpdates(docKey: string, entries: readonly QuarantineEntry[], at: number): Promise<void> {
    await this.quarantineRecords(
      docKey,
      entries.map(({ seq, reason }) => ({ seq, reason, at })),
    );
  }

  /**
   * One statement, so all or nothing: the foreign key rejects an entry that is not in the document's log. An entry
   * quarantined already keeps its first reason and time (two instances loading one document both report it).
   */
  async quarantineRecords(docKey: string, entries: readonly QuarantineRecord[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.query(
      `INSERT INTO quarantined_updates (doc_key, seq, reason, at)
     SELECT $1, e.seq, e.reason, e.at FROM unnest($2::bigint[], $3::text[], $4::bigint[]) AS e(seq, reason, at)
     ON CONFLICT (doc_key, seq) DO NOTHING`,
      [docKey, entries.map((e) => e.seq), entries.map((e) => cutReason(e.reason)), entries.map((e) => e.at)],
    );
  }

  async listQuarantined(docKey?: string): Promise<QuarantinedUpdate[]> {
    const { rows } = await this.db.query<QuarantinedRow>(
      `SELECT doc_key, seq, reason, at FROM quarantined_updates
     WHERE $1::text IS NULL OR doc_key = $1 ORDER BY at, doc_key, seq`,
      [docKey ?? null],
    );
    return rows.map(toQuarantined);
  }

  async countQuarantined(): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>('SELECT count(*) AS n FROM quarantined_updates');
    return rows[0]?.n ?? 0;
  }
}
