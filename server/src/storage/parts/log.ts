/**
 * The document log: every update of every document, kept forever (it is the audit trail), with snapshots that
 * shorten loading and a quarantine for entries that cannot be applied. Times are epoch milliseconds.
 */
export interface DocumentLog {
  /**
   * Appends document updates to the log in one transaction and returns their sequence numbers, in order. An engine
   * that commits synchronously (SQLite) returns them directly, stored by the time it returns, and throws if it
   * failed: a room then sends what it stored in the same turn of the event loop. An engine that waits for a server
   * (PostgreSQL) returns a promise. Sequence numbers increase per document; PostgreSQL numbers each document
   * 1, 2, 3… without gaps, so an instance that sees a gap knows it missed an update (a quarantined entry is
   * logged, but the reads skip it: their results have a hole at its seq).
   */
  appendUpdates(docKey: string, updates: readonly NewUpdate[]): Appended;
  /** The latest snapshot and every logged update after it that is not quarantined, in order. */
  loadDocument(docKey: string): Promise<LoadedDocument>;
  /** Stores the document state that includes every logged update up to and including `seq`. */
  saveSnapshot(docKey: string, seq: number, state: Uint8Array, at: number): Promise<void>;
  /**
   * Moves the document's log entries up to and including `seq` (call after a snapshot at `seq` was saved) into one
   * compressed, sealed segment, atomically: every read (listUpdates, countUpdates, quarantine, archive, migration)
   * sees the same log before and after. Compresses off the event loop, then inserts the segment and deletes exactly
   * the rows it holds in one transaction; the database refuses to delete a row that no segment covers. Returns how
   * many entries moved; 0 if none were left or this document is being sealed already.
   */
  sealThrough(docKey: string, seq: number): Promise<number>;
  /**
   * Record documents only (`<boardId>/record`): replaces the log up to and including `seq` by `state` as the
   * document's snapshot, atomically. A record document is a projection of the tables, rebuilt from them on every
   * load, so its history is not the audit trail; an erasure must take an erased name out of it. The board
   * documents' log is never compacted (PostgreSQL's trigger refuses it; here it throws).
   */
  compactRecord(docKey: string, seq: number, state: Uint8Array, at: number): Promise<void>;
  /** How many entries the document's log holds, quarantined ones included: the raw log. */
  countUpdates(docKey: string): Promise<number>;
  /**
   * Every logged update after `afterSeq` (and at or before `untilAt`, if given) that is not quarantined, in
   * order, whatever the snapshots: the base of activity, history, "as of" and an instance's catch-up.
   */
  listUpdates(docKey: string, afterSeq: number, untilAt?: number): Promise<StoredUpdate[]>;
  /**
   * Marks log entries as not applicable: kept in the log, skipped by loadDocument and listUpdates from now on.
   * Idempotent per (docKey, seq): the first reason and time stay. A reason is cut to 500 characters. All or
   * nothing; rejects, storing none, if an entry is not in the document's log.
   */
  quarantineUpdates(docKey: string, entries: readonly QuarantineEntry[], at: number): Promise<void>;
  /** Quarantined entries, oldest first; of one document, or of all. */
  listQuarantined(docKey?: string): Promise<QuarantinedUpdate[]>;
  /** How many entries are quarantined in the whole database (for the health check). */
  countQuarantined(): Promise<number>;
}

/** The sequence numbers of an append: at once from a synchronous engine, later from one on the network. */
export type Appended = number[] | Promise<number[]>;

export interface NewUpdate {
  readonly participantId: string | null;
  readonly update: Uint8Array;
  readonly at: number;
}

export interface StoredUpdate {
  readonly seq: number;
  readonly participantId: string | null;
  readonly update: Uint8Array;
  readonly at: number;
}

/** A log entry that cannot be applied (it throws, or leaves pending state), and why. */
export interface QuarantineEntry {
  readonly seq: number;
  readonly reason: string;
}

export interface QuarantinedUpdate {
  readonly docKey: string;
  readonly seq: number;
  readonly reason: string;
  /** When it was quarantined. */
  readonly at: number;
}

/** Only a record document's log may be compacted (see DocumentLog.compactRecord). */
export function mustBeRecordKey(docKey: string): void {
  if (!docKey.endsWith('/record'))
    throw new Error(`Only a record document's log may be compacted: ${docKey}`);
}

export interface LoadedDocument {
  readonly snapshot: Uint8Array | null;
  /** Sequence number the snapshot includes; 0 without a snapshot. */
  readonly snapshotSeq: number;
  readonly updates: readonly StoredUpdate[];
}
