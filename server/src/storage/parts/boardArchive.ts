import type { ArchiveRow } from '../../archive/tables';

/** One document's log as stored: every entry (quarantined ones too), its snapshot and its quarantine. */
export interface DocumentDump {
  /** In log order; `seq` is the source's own numbering (SQLite's is global, PostgreSQL's per document). */
  readonly updates: readonly {
    readonly seq: number;
    readonly participantId: string | null;
    readonly at: number;
    readonly data: Uint8Array;
  }[];
  /** The snapshot and how many of `updates` (from the first) it includes; a compacted record's covers more. */
  readonly snapshot: { readonly covers: number; readonly at: number; readonly state: Uint8Array } | null;
  /** Quarantined entries by their index in `updates`. */
  readonly quarantined: readonly { readonly index: number; readonly reason: string; readonly at: number }[];
}

/** Everything of one board that moves to another server (see archive/tables.ts for what stays behind). */
export interface BoardDump {
  readonly boardId: string;
  /** Rows per table of ARCHIVE_TABLES, in its order. */
  readonly tables: Readonly<Record<string, readonly ArchiveRow[]>>;
  readonly board: DocumentDump;
  readonly record: DocumentDump;
}

/** The importer's own way in: a new device token on the facilitator participant they chose. */
export interface ImportedFacilitator {
  readonly participantId: string;
  readonly tokenHash: string;
  readonly at: number;
}

/** A row of the archive collides with one on this server (the board, or an id another board uses). */
export class ArchiveCollision extends Error {}

/** Board archives: a consistent read of one board, and its import in one transaction. */
export interface BoardArchiveStore {
  /** The board's rows and both documents' logs as one consistent state; null if there is no such board. */
  dumpBoard(boardId: string): Promise<BoardDump | null>;
  /**
   * Writes a verified dump in one transaction: every table, both logs (renumbered by this server, each entry with
   * its participant and time), the snapshots and the quarantine, and the importer's token. Participants get a
   * fresh unusable token_hash (the column is NOT NULL UNIQUE and read no more). Throws ArchiveCollision, storing
   * nothing, if the board or any row's key exists here.
   */
  importBoard(dump: BoardDump, facilitator: ImportedFacilitator): Promise<void>;
}
