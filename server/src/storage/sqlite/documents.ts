import type Database from 'better-sqlite3';
import { decodeSegmentSync, encodeSegment } from '../logSegment';
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
  codec: number;
}
interface SegmentRow {
  first_seq: number;
  last_seq: number;
  data: Buffer;
}

const toStored = (r: UpdateRow): StoredUpdate => ({
  seq: r.seq,
  participantId: r.participant_id,
  // A view, not a copy: thousands of rows are replayed at once and each buffer is ours alone.
  update: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength),
  at: r.at,
});

/** better-sqlite3 binds Buffers; this view shares the Uint8Array's memory. */
const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** The reads' filter: one primary-key probe per entry, into a table that is empty unless something went wrong. */
const NOT_QUARANTINED =
  'NOT EXISTS (SELECT 1 FROM quarantined_updates q WHERE q.doc_key = u.doc_key AND q.seq = u.seq)';

/** Free pages a file keeps for the next appends (1 MiB); more, and a quarter of the file, go back after a seal. */
const FREE_PAGES_KEPT = 256;

/** About what a commit of `dataBytes` adds to the WAL: the data, and a table, an index and a sequence page. */
const walBytesOf = (dataBytes: number): number => dataBytes + 3 * 4096;

/**
 * The update log and snapshots of SqliteStorage. better-sqlite3 is synchronous, so appendUpdates returns the
 * sequence numbers themselves: stored when it returns. Sequence numbers are the log's global rowid: increasing per
 * document, not contiguous (PostgreSQL numbers each document on its own), never reused (AUTOINCREMENT), so no
 * entry can appear inside a sealed segment's range later. Every write tells the checkpointer how much it added to
 * the WAL. Reads merge sealed segments with the hot rows (sealThrough).
 */
export class SqliteDocumentLog implements DocumentLog {
  private readonly statements;
  /** Built once: better-sqlite3 wraps a function per transaction() call, which showed in the write's latency tail. */
  private readonly appendAll: (docKey: string, updates: readonly NewUpdate[]) => number[];
  private readonly quarantineAll: (docKey: string, entries: readonly QuarantineEntry[], at: number) => void;
  private readonly moveIntoSegment: (docKey: string, entries: readonly StoredUpdate[], data: Buffer) => void;
  /** Documents being sealed now: a second seal of one document waits for the next snapshot. */
  private readonly sealing = new Set<string>();

  constructor(
    private readonly db: Database.Database,
    private readonly checkpoints: Checkpointer,
  ) {
    this.statements = {
      appendUpdate: db.prepare<[string, string | null, Buffer, number]>(
        'INSERT INTO doc_updates (doc_key, participant_id, data, at) VALUES (?, ?, ?, ?)',
      ),
      snapshot: db.prepare<[string], SnapshotRow>(
        'SELECT seq, state, codec FROM doc_snapshots WHERE doc_key = ?',
      ),
      saveSnapshot: db.prepare<[string, number, Buffer, number, number]>(
        `INSERT INTO doc_snapshots (doc_key, seq, state, at, codec) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (doc_key) DO UPDATE SET seq = excluded.seq, state = excluded.state, at = excluded.at,
           codec = excluded.codec
         WHERE excluded.seq >= doc_snapshots.seq`,
      ),
      updatesBetween: db.prepare<[string, number, number], UpdateRow>(
        `SELECT seq, participant_id, data, at FROM doc_updates u
         WHERE doc_key = ? AND seq > ? AND at <= ? AND ${NOT_QUARANTINED} ORDER BY seq`,
      ),
      compactSnapshot: db.prepare<[string, number, Buffer, number, number]>(
        `INSERT INTO doc_snapshots (doc_key, seq, state, at, codec) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (doc_key) DO UPDATE SET seq = excluded.seq, state = excluded.state, at = excluded.at,
           codec = excluded.codec`,
      ),
      compactQuarantine: db.prepare<[string, number]>(
        'DELETE FROM quarantined_updates WHERE doc_key = ? AND seq <= ?',
      ),
      compactUpdates: db.prepare<[string, number]>('DELETE FROM doc_updates WHERE doc_key = ? AND seq <= ?'),
      compactSegments: db.prepare<[string, number]>(
        'DELETE FROM doc_update_segments WHERE doc_key = ? AND last_seq <= ?',
      ),
      segmentAcross: db.prepare<[string, number, number], { first_seq: number }>(
        'SELECT first_seq FROM doc_update_segments WHERE doc_key = ? AND first_seq <= ? AND last_seq > ?',
      ),
      countUpdates: db.prepare<[string, string], { n: number }>(
        `SELECT (SELECT COUNT(*) FROM doc_updates WHERE doc_key = ?)
           + (SELECT COALESCE(SUM(n), 0) FROM doc_update_segments WHERE doc_key = ?) AS n`,
      ),
      segmentsAfter: db.prepare<[string, number], SegmentRow>(
        `SELECT first_seq, last_seq, data FROM doc_update_segments WHERE doc_key = ? AND last_seq > ?
         ORDER BY first_seq`,
      ),
      segmentHolding: db.prepare<[string, number, number], SegmentRow>(
        `SELECT first_seq, last_seq, data FROM doc_update_segments
         WHERE doc_key = ? AND first_seq <= ? AND last_seq >= ?`,
      ),
      quarantinedAfter: db.prepare<[string, number], { seq: number }>(
        'SELECT seq FROM quarantined_updates WHERE doc_key = ? AND seq > ?',
      ),
      // Quarantined entries too: a segment holds the log as it is; the reads filter.
      hotThrough: db.prepare<[string, number], UpdateRow>(
        'SELECT seq, participant_id, data, at FROM doc_updates WHERE doc_key = ? AND seq <= ? ORDER BY seq',
      ),
      insertSegment: db.prepare<[string, number, number, number, number, number, Buffer]>(
        `INSERT INTO doc_update_segments (doc_key, first_seq, last_seq, n, first_at, last_at, data)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      deleteSealed: db.prepare<[string, number, number]>(
        'DELETE FROM doc_updates WHERE doc_key = ? AND seq BETWEEN ? AND ?',
      ),
      quarantineSealed: db.prepare<[string, number, string, number]>(
        'INSERT INTO quarantined_updates (doc_key, seq, reason, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
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
        if (stored || this.statements.isQuarantined.get(docKey, seq)) continue;
        if (!this.isSealed(docKey, seq))
          throw new Error(`Cannot quarantine ${docKey}#${seq}: not in the log`);
        this.statements.quarantineSealed.run(docKey, seq, cutReason(reason), at);
      }
    });
    // The database refuses the delete of a row no segment covers, and a count that differs rolls it all back.
    this.moveIntoSegment = db.transaction(
      (docKey: string, entries: readonly StoredUpdate[], data: Buffer) => {
        const first = entries[0];
        const last = entries.at(-1);
        if (!first || !last) return;
        this.statements.insertSegment.run(
          docKey,
          first.seq,
          last.seq,
          entries.length,
          first.at,
          last.at,
          data,
        );
        const moved = this.statements.deleteSealed.run(docKey, first.seq, last.seq).changes;
        if (moved !== entries.length) {
          throw new Error(
            `Sealing ${docKey}: ${moved} rows in ${first.seq}..${last.seq}, expected ${entries.length}`,
          );
        }
      },
    );
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

  /** Reads (inside one transaction) what loadDocument decodes afterwards. */
  private load(docKey: string): { snapshot: SnapshotRow | undefined; read: SealedRead } {
    const snapshot = this.statements.snapshot.get(docKey);
    return { snapshot, read: this.readAfter(docKey, snapshot?.seq ?? 0, Number.MAX_SAFE_INTEGER) };
  }

  private readAfter(docKey: string, afterSeq: number, untilAt: number): SealedRead {
    const hot = this.statements.updatesBetween.all(docKey, afterSeq, untilAt).map(toStored);
    // A load finds none (segments end at a snapshot); history and activity read them from seq 0.
    const segments = this.statements.segmentsAfter.all(docKey, afterSeq).map((s) => s.data);
    const quarantined =
      segments.length === 0 ? [] : this.statements.quarantinedAfter.all(docKey, afterSeq).map((q) => q.seq);
    return { hot, segments, quarantined, afterSeq, untilAt };
  }

  async loadDocument(docKey: string): Promise<LoadedDocument> {
    // One transaction: the snapshot, its tail and any segment must be read as one state.
    const { snapshot, read } = this.db.transaction(() => this.load(docKey))();
    return {
      snapshot: snapshot ? decodeStateSync(snapshot.codec, snapshot.state) : null,
      snapshotSeq: snapshot?.seq ?? 0,
      updates: await merged(read),
    };
  }

  async saveSnapshot(docKey: string, seq: number, state: Uint8Array, at: number): Promise<void> {
    const stored = await encodeState(state);
    this.statements.saveSnapshot.run(docKey, seq, stored.data, at, stored.codec);
    this.checkpoints.wrote(walBytesOf(stored.data.byteLength));
  }

  async sealThrough(docKey: string, seq: number): Promise<number> {
    if (this.sealing.has(docKey)) return 0;
    this.sealing.add(docKey);
    try {
      // Each row's own buffer (better-sqlite3 allocates one per value): it stays as read while compressed.
      const entries = this.statements.hotThrough
        .all(docKey, seq)
        .map((r) => ({ ...toStored(r), update: r.data }));
      if (entries.length === 0) return 0;
      const data = await encodeSegment(entries);
      this.moveIntoSegment(docKey, entries, data);
      this.checkpoints.wrote(walBytesOf(data.byteLength) + this.giveBackFreePages() * 4096);
      return entries.length;
    } finally {
      this.sealing.delete(docKey);
    }
  }

  /**
   * After a burst sealed at once (thousands of rows), the moved rows' pages go back to the file system instead of
   * staying free in the file at its largest. Only then: in steady state a seal frees a few dozen pages that the next
   * appends reuse, and giving them back each time would make every seal move pages and every append grow the file
   * again. A no-op in a file created without auto_vacuum; the file shrinks at the next checkpoint. Returns the
   * pages given back.
   */
  private giveBackFreePages(): number {
    const free = Number(this.db.pragma('freelist_count', { simple: true }));
    const pages = Number(this.db.pragma('page_count', { simple: true }));
    if (free < FREE_PAGES_KEPT || free * 4 < pages) return 0;
    this.db.exec('PRAGMA incremental_vacuum');
    return free;
  }

  async compactRecord(docKey: string, seq: number, state: Uint8Array, at: number): Promise<void> {
    mustBeRecordKey(docKey);
    const stored = await encodeState(state);
    this.db.transaction(() => {
      if (this.statements.segmentAcross.get(docKey, seq, seq)) {
        throw new Error(`Cannot compact ${docKey} through ${seq}: a sealed segment reaches past it`);
      }
      this.statements.compactSnapshot.run(docKey, seq, stored.data, at, stored.codec);
      this.statements.compactQuarantine.run(docKey, seq);
      this.statements.compactUpdates.run(docKey, seq);
      this.statements.compactSegments.run(docKey, seq);
    })();
    this.checkpoints.wrote(walBytesOf(stored.data.byteLength));
  }

  async countUpdates(docKey: string): Promise<number> {
    return this.statements.countUpdates.get(docKey, docKey)?.n ?? 0;
  }

  async listUpdates(
    docKey: string,
    afterSeq: number,
    untilAt = Number.MAX_SAFE_INTEGER,
  ): Promise<StoredUpdate[]> {
    return merged(this.db.transaction(() => this.readAfter(docKey, afterSeq, untilAt))());
  }

  /** Whether `seq` is an entry of one of the document's segments (decoded: SQLite's seqs are global). */
  private isSealed(docKey: string, seq: number): boolean {
    const segment = this.statements.segmentHolding.get(docKey, seq, seq);
    return segment !== undefined && decodeSegmentSync(segment.data).some((e) => e.seq === seq);
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

/** What one read found: hot rows already filtered by SQL, segments still to decode and filter. */
interface SealedRead {
  readonly hot: StoredUpdate[];
  readonly segments: Buffer[];
  readonly quarantined: number[];
  readonly afterSeq: number;
  readonly untilAt: number;
}

function merged(read: SealedRead): Promise<StoredUpdate[]> | StoredUpdate[] {
  if (read.segments.length === 0) return read.hot;
  return mergeSegments(read.segments, read.hot, {
    afterSeq: read.afterSeq,
    untilAt: read.untilAt,
    quarantined: new Set(read.quarantined),
  });
}
