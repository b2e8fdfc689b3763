import type Database from 'better-sqlite3';
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
import type { Checkpointer } from './checkpointer';

interface UpdateRow {
  seq: number;
  participant_id: string | null;
  data: Buffer;
  at: number;
}
interface SnapshotRow {
  seq: number;
  state: Buffer;
}

/** better-sqlite3 binds Buffers; this view shares the Uint8Array's memory. */
const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The reads' filter: one primary-key probe per entry, into a table that is empty unless something went wrong. */
const NOT_QUARANTINED =
  'NOT EXISTS (SELECT 1 FROM quarantined_updates q WHERE q.doc_key = u.doc_key AND q.seq = u.seq)';

/** About what a commit of `dataBytes` adds to the WAL: the data, and a table, an index and a sequence page. */
const walBytesOf = (dataBytes: number): number => dataBytes + 3 * 4096;

/**
 * The update log and snapshots of SqliteStorage. better-sqlite3 is synchronous, so appendUpdates returns the
 * sequence numbers themselves: stored when it returns. Sequence numbers are the log's global rowid: increasing per
 * document, not contiguous (PostgreSQL numbers each document on its own). Every write tells the checkpointer how
 * much it added to the WAL.
 */
export class SqliteDocumentLog implements DocumentLog {
  private readonly statements;
  /** Built once: better-sqlite3 wraps a function per transaction() call, which showed in the write's latency tail. */
  private readonly appendAll: (docKey: string, updates: readonly NewUpdate[]) => number[];
  private readonly quarantineAll: (docKey: string, entries: readonly QuarantineEntry[], at: number) => void;

  constructor(
    private readonly db: Database.Database,
    private readonly checkpoints: Checkpointer,
  ) {
    this.statements = {
      appendUpdate: db.prepare<[string, string | null, Buffer, number]>(
        'INSERT INTO doc_updates (doc_key, participant_id, data, at) VALUES (?, ?, ?, ?)',
      ),
      snapshot: db.prepare<[string], SnapshotRow>('SELECT seq, state FROM doc_snapshots WHERE doc_key = ?'),
      updatesAfter: db.prepare<[string, number], UpdateRow>(
        `SELECT seq, participant_id, data, at FROM doc_updates u
         WHERE doc_key = ? AND seq > ? AND ${NOT_QUARANTINED} ORDER BY seq`,
      ),
      saveSnapshot: db.prepare<[string, number, Buffer, number]>(
        `INSERT INTO doc_snapshots (doc_key, seq, state, at) VALUES (?, ?, ?, ?)
         ON CONFLICT (doc_key) DO UPDATE SET seq = excluded.seq, state = excluded.state, at = excluded.at
         WHERE excluded.seq >= doc_snapshots.seq`,
      ),
      updatesBetween: db.prepare<[string, number, number], UpdateRow>(
        `SELECT seq, participant_id, data, at FROM doc_updates u
         WHERE doc_key = ? AND seq > ? AND at <= ? AND ${NOT_QUARANTINED} ORDER BY seq`,
      ),
      compactSnapshot: db.prepare<[string, number, Buffer, number]>(
        `INSERT INTO doc_snapshots (doc_key, seq, state, at) VALUES (?, ?, ?, ?)
         ON CONFLICT (doc_key) DO UPDATE SET seq = excluded.seq, state = excluded.state, at = excluded.at`,
      ),
      compactQuarantine: db.prepare<[string, number]>(
        'DELETE FROM quarantined_updates WHERE doc_key = ? AND seq <= ?',
      ),
      compactUpdates: db.prepare<[string, number]>('DELETE FROM doc_updates WHERE doc_key = ? AND seq <= ?'),
      countUpdates: db.prepare<[string], { n: number }>(
        'SELECT COUNT(*) AS n FROM doc_updates WHERE doc_key = ?',
      ),
      // Takes the key from the log, so only an entry of this document's log can be quarantined.
      quarantine: db.prepare<[string, number, number, string]>(
        `INSERT INTO quarantined_updates (doc_key, seq, reason, at)
         SELECT doc_key, seq, ?, ? FROM doc_updates WHERE seq = ? AND doc_key = ?
         ON CONFLICT (doc_key, seq) DO NOTHING`,
      ),
      isQuarantined: db.prepare<[string, number], { seq: number }>(
        'SELECT seq FROM quarantined_updates WHERE doc_key = ? AND seq = ?',
      ),
      quarantinedOf: db.prepare<[string], QuarantinedRow>(
        'SELECT doc_key, seq, reason, at FROM quarantined_updates WHERE doc_key = ? ORDER BY at, seq',
      ),
      quarantined: db.prepare<[], QuarantinedRow>(
        'SELECT doc_key, seq, reason, at FROM quarantined_updates ORDER BY at, doc_key, seq',
      ),
      countQuarantined: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM quarantined_updates'),
    };
    this.appendAll = db.transaction((docKey: string, updates: readonly NewUpdate[]) =>
      updates.map((update) => this.append(docKey, update)),
    );
    this.quarantineAll = db.transaction((docKey: string, entries: readonly QuarantineEntry[], at: number) => {
      for (const { seq, reason } of entries) {
        const stored = this.statements.quarantine.run(cutReason(reason), at, seq, docKey).changes === 1;
        if (!stored && !this.statements.isQuarantined.get(docKey, seq)) {
          throw new Error(`Cannot quarantine ${docKey}#${seq}: not in the log`);
        }
      }
    });
  }

  /**
   * Appends a batch atomically. One update is one statement, which SQLite commits on its own: the common case
   * (one edit per batch) skips the BEGIN and COMMIT round trips, which cost about as much as the insert.
   */
  appendUpdates(docKey: string, updates: readonly NewUpdate[]): number[] {
    const [only] = updates;
    const seqs = updates.length === 1 && only ? [this.append(docKey, only)] : this.appendAll(docKey, updates);
    this.checkpoints.wrote(walBytesOf(updates.reduce((sum, u) => sum + u.update.byteLength, 0)));
    return seqs;
  }

  /** Call inside a transaction when appending more than one (createBoard logs the first updates this way). */
  append(docKey: string, update: NewUpdate): number {
    const { participantId, at } = update;
    return Number(
      this.statements.appendUpdate.run(docKey, participantId, toBuffer(update.update), at).lastInsertRowid,
    );
  }

  async loadDocument(docKey: string): Promise<LoadedDocument> {
    // One transaction: the snapshot and its tail must be read as one state.
    return this.db.transaction(() => this.load(docKey))();
  }

  private load(docKey: string): LoadedDocument {
    const snapshot = this.statements.snapshot.get(docKey);
    const snapshotSeq = snapshot?.seq ?? 0;
    const updates = this.statements.updatesAfter.all(docKey, snapshotSeq).map(
      (r): StoredUpdate => ({
        seq: r.seq,
        participantId: r.participant_id,
        update: new Uint8Array(r.data),
        at: r.at,
      }),
    );
    return { snapshot: snapshot ? new Uint8Array(snapshot.state) : null, snapshotSeq, updates };
  }

  async saveSnapshot(docKey: string, seq: number, state: Uint8Array, at: number): Promise<void> {
    this.statements.saveSnapshot.run(docKey, seq, toBuffer(state), at);
    this.checkpoints.wrote(walBytesOf(state.byteLength));
  }

  async compactRecord(docKey: string, seq: number, state: Uint8Array, at: number): Promise<void> {
    mustBeRecordKey(docKey);
    this.db.transaction(() => {
      this.statements.compactSnapshot.run(docKey, seq, toBuffer(state), at);
      this.statements.compactQuarantine.run(docKey, seq);
      this.statements.compactUpdates.run(docKey, seq);
    })();
    this.checkpoints.wrote(walBytesOf(state.byteLength));
  }

  async countUpdates(docKey: string): Promise<number> {
    return this.statements.countUpdates.get(docKey)?.n ?? 0;
  }

  async listUpdates(
    docKey: string,
    afterSeq: number,
    untilAt = Number.MAX_SAFE_INTEGER,
  ): Promise<StoredUpdate[]> {
    return this.statements.updatesBetween.all(docKey, afterSeq, untilAt).map(
      (r): StoredUpdate => ({
        seq: r.seq,
        participantId: r.participant_id,
        // A view, not a copy: thousands of rows are replayed at once and each buffer is ours alone.
        update: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength),
        at: r.at,
      }),
    );
  }

  /** Atomically: a missing entry rolls back the batch. */
  async quarantineUpdates(docKey: string, entries: readonly QuarantineEntry[], at: number): Promise<void> {
    this.quarantineAll(docKey, entries, at);
  }

  async listQuarantined(docKey?: string): Promise<QuarantinedUpdate[]> {
    const rows =
      docKey === undefined ? this.statements.quarantined.all() : this.statements.quarantinedOf.all(docKey);
    return rows.map(toQuarantined);
  }

  async countQuarantined(): Promise<number> {
    return this.statements.countQuarantined.get()?.n ?? 0;
  }
}
