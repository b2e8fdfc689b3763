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
import { bytesOf, type Queryable } from './db';

interface UpdateRow {
  seq: number;
  participant_id: string | null;
  data: Buffer;
  at: number;
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
  constructor(private readonly db: Queryable) {}

  /**
   * One statement, so it is atomic on its own (and inside a caller's transaction): the counter row is locked only
   * while PostgreSQL runs it, never across a round trip to this process, so concurrent appenders of one document (on
   * any instance) wait microseconds for each other, get consecutive ranges and commit in seq order.
   */
  async appendUpdates(docKey: string, updates: readonly NewUpdate[]): Promise<number[]> {
    if (updates.length === 0) return [];
    const { rows } = await this.db.query<{ seq: number }>(
      `WITH head AS (
       INSERT INTO doc_seqs (doc_key, last_seq) VALUES ($1, $2)
       ON CONFLICT (doc_key) DO UPDATE SET last_seq = doc_seqs.last_seq + excluded.last_seq
       RETURNING last_seq
     )
     INSERT INTO doc_updates (doc_key, seq, participant_id, data, at)
     SELECT $1, head.last_seq - $2::bigint + u.ord, u.participant_id, u.data, u.at
     FROM head, unnest($3::text[], $4::bytea[], $5::bigint[]) WITH ORDINALITY AS u(participant_id, data, at, ord)
     RETURNING seq`,
      [
        docKey,
        updates.length,
        updates.map((u) => u.participantId),
        updates.map((u) => u.update),
        updates.map((u) => u.at),
      ],
    );
    if (rows.length !== updates.length) throw new Error(`Stored ${rows.length} of ${updates.length} updates`);
    return rows.map((r) => r.seq).sort((a, b) => a - b);
  }

  /**
   * Two statements without a shared snapshot are still consistent: the log is append-only and a newer snapshot
   * only covers more of it, so the updates after the snapshot read first complete it.
   */
  async loadDocument(docKey: string): Promise<LoadedDocument> {
    const snapshot = await this.db.query<{ seq: number; state: Buffer }>(
      'SELECT seq, state FROM doc_snapshots WHERE doc_key = $1',
      [docKey],
    );
    const row = snapshot.rows[0];
    const snapshotSeq = row?.seq ?? 0;
    return {
      snapshot: row ? bytesOf(row.state) : null,
      snapshotSeq,
      updates: await this.listUpdates(docKey, snapshotSeq),
    };
  }

  async saveSnapshot(docKey: string, seq: number, state: Uint8Array, at: number): Promise<void> {
    await this.db.query(
      `INSERT INTO doc_snapshots (doc_key, seq, state, at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (doc_key) DO UPDATE SET seq = excluded.seq, state = excluded.state, at = excluded.at
     WHERE excluded.seq >= doc_snapshots.seq`,
      [docKey, seq, state, at],
    );
  }

  async compactRecord(docKey: string, seq: number, state: Uint8Array, at: number): Promise<void> {
    mustBeRecordKey(docKey);
    // One statement, so one transaction whoever holds this log (a pool or a caller's client).
    await this.db.query(
      `WITH snapshot AS (
         INSERT INTO doc_snapshots (doc_key, seq, state, at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (doc_key) DO UPDATE SET seq = excluded.seq, state = excluded.state, at = excluded.at
         RETURNING 1
       ), quarantine AS (
         DELETE FROM quarantined_updates WHERE doc_key = $1 AND seq <= $2 RETURNING 1
       )
       DELETE FROM doc_updates WHERE doc_key = $1 AND seq <= $2`,
      [docKey, seq, state, at],
    );
  }

  async countUpdates(docKey: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      'SELECT count(*) AS n FROM doc_updates WHERE doc_key = $1',
      [docKey],
    );
    return rows[0]?.n ?? 0;
  }

  async listUpdates(docKey: string, afterSeq: number, untilAt?: number): Promise<StoredUpdate[]> {
    // The anti-join probes quarantined_updates' primary key per entry; that table is empty unless something
    // went wrong, so the filter costs nothing measurable.
    const { rows } = await this.db.query<UpdateRow>(
      `SELECT seq, participant_id, data, at FROM doc_updates u
     WHERE doc_key = $1 AND seq > $2 AND ($3::bigint IS NULL OR at <= $3)
       AND NOT EXISTS (SELECT 1 FROM quarantined_updates q WHERE q.doc_key = u.doc_key AND q.seq = u.seq)
     ORDER BY seq`,
      [docKey, afterSeq, untilAt ?? null],
    );
    return rows.map(toStoredUpdate);
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
