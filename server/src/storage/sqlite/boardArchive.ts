import type Database from 'better-sqlite3';
import {
  ARCHIVE_TABLES,
  type ArchiveRow,
  insertedColumns,
  scopeClause,
  sqliteColumn,
} from '../../archive/tables';
import { hashToken, newToken } from '../../auth/secrets';
import { decodeSegmentSync } from '../logSegment';
import {
  ArchiveCollision,
  type BoardArchiveStore,
  type BoardDump,
  type DocumentDump,
  type ImportedFacilitator,
} from '../parts/boardArchive';
import { decodeStateSync } from '../snapshotCodec';

type SqliteValue = string | number | bigint | Buffer | null;

const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

function fromSqlite(table: (typeof ARCHIVE_TABLES)[number], row: Record<string, unknown>): ArchiveRow {
  const out: Record<string, ArchiveRow[string]> = {};
  for (const column of table.columns) {
    const value = row[column];
    if (value === null || value === undefined) out[column] = null;
    else if (table.booleans?.includes(column)) out[column] = value === 1;
    else if (table.json?.includes(column) && typeof value === 'string') out[column] = JSON.parse(value);
    else if (typeof value === 'string' || typeof value === 'number') out[column] = value;
    else throw new Error(`${table.name}.${column}: unexpected value`);
  }
  return out;
}

function toSqlite(table: (typeof ARCHIVE_TABLES)[number], row: ArchiveRow, column: string): SqliteValue {
  const value = row[column] ?? null;
  if (value === null) return null;
  if (table.booleans?.includes(column)) return value === true ? 1 : 0;
  if (table.json?.includes(column)) return JSON.stringify(value);
  if (typeof value === 'string' || typeof value === 'number') return value;
  // The verification refuses this before; a value of the wrong shape never reaches a table.
  throw new Error(`${table.name}.${column}: not a scalar`);
}

/** SQLite's constraint codes for a key that exists already. */
const isCollision = (error: unknown): boolean =>
  error instanceof Error &&
  'code' in error &&
  (error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || error.code === 'SQLITE_CONSTRAINT_UNIQUE');

/** Board archives on SQLite: the dump is one read transaction, the import one write transaction. */
export class SqliteBoardArchiveStore implements BoardArchiveStore {
  constructor(private readonly db: Database.Database) {}

  async dumpBoard(boardId: string): Promise<BoardDump | null> {
    return this.db.transaction((): BoardDump | null => {
      const tables: Record<string, ArchiveRow[]> = {};
      for (const table of ARCHIVE_TABLES) {
        const select = table.columns.map((c) => `${sqliteColumn(table, c)} AS ${c}`).join(', ');
        const rows = this.db
          .prepare<[string], Record<string, unknown>>(
            `SELECT ${select} FROM ${table.name} WHERE ${scopeClause(table, '?')} ORDER BY ${table.orderBy}`,
          )
          .all(boardId);
        tables[table.name] = rows.map((row) => fromSqlite(table, row));
      }
      if ((tables.boards ?? []).length === 0) return null;
      return {
        boardId,
        tables,
        board: this.dumpDocument(boardId),
        record: this.dumpDocument(`${boardId}/record`),
      };
    })();
  }

  /** The whole log as it reads (sealed segments decoded, hot rows after them), quarantined entries included. */
  private dumpDocument(docKey: string): DocumentDump {
    const sealed = this.db
      .prepare<[string], { data: Buffer }>(
        'SELECT data FROM doc_update_segments WHERE doc_key = ? ORDER BY first_seq',
      )
      .all(docKey)
      .flatMap((segment) => decodeSegmentSync(segment.data))
      .map((e) => ({ seq: e.seq, participant_id: e.participantId, at: e.at, data: e.update }));
    const hot = this.db
      .prepare<[string], { seq: number; participant_id: string | null; at: number; data: Uint8Array }>(
        'SELECT seq, participant_id, at, data FROM doc_updates WHERE doc_key = ? ORDER BY seq',
      )
      .all(docKey);
    const rows = [...sealed, ...hot].sort((a, b) => a.seq - b.seq);
    const indexOf = new Map(rows.map((r, i) => [r.seq, i]));
    const snapshot = this.db
      .prepare<[string], { seq: number; at: number; state: Buffer; codec: number }>(
        'SELECT seq, at, state, codec FROM doc_snapshots WHERE doc_key = ?',
      )
      .get(docKey);
    const quarantined = this.db
      .prepare<[string], { seq: number; reason: string; at: number }>(
        'SELECT seq, reason, at FROM quarantined_updates WHERE doc_key = ? ORDER BY seq',
      )
      .all(docKey);
    return {
      updates: rows.map((r) => ({
        seq: r.seq,
        participantId: r.participant_id,
        at: r.at,
        data: new Uint8Array(r.data),
      })),
      snapshot: snapshot
        ? {
            covers: rows.filter((r) => r.seq <= snapshot.seq).length,
            at: snapshot.at,
            state: new Uint8Array(decodeStateSync(snapshot.codec, snapshot.state)),
          }
        : null,
      quarantined: quarantined.flatMap((q) => {
        const index = indexOf.get(q.seq);
        return index === undefined ? [] : [{ index, reason: q.reason, at: q.at }];
      }),
    };
  }

  async importBoard(dump: BoardDump, facilitator: ImportedFacilitator): Promise<void> {
    try {
      this.db.transaction(() => {
        for (const table of ARCHIVE_TABLES) this.insertRows(table, dump.tables[table.name] ?? []);
        this.insertDocument(dump.boardId, dump.board);
        this.insertDocument(`${dump.boardId}/record`, dump.record);
        this.db
          .prepare('INSERT INTO participant_tokens (token_hash, participant_id, created_at) VALUES (?, ?, ?)')
          .run(facilitator.tokenHash, facilitator.participantId, facilitator.at);
      })();
    } catch (error) {
      if (isCollision(error)) throw new ArchiveCollision('A row of the archive exists on this server');
      throw error;
    }
  }

  private insertRows(table: (typeof ARCHIVE_TABLES)[number], rows: readonly ArchiveRow[]): void {
    const columns = insertedColumns(table);
    // participants.token_hash is NOT NULL UNIQUE but read no more: each gets the hash of a token nobody holds.
    const extra = table.name === 'participants' ? ['token_hash'] : [];
    const names = [...columns.map((c) => sqliteColumn(table, c)), ...extra];
    const insert = this.db.prepare<SqliteValue[]>(
      `INSERT INTO ${table.name} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
    );
    for (const row of rows) {
      const values = columns.map((c) => toSqlite(table, row, c));
      insert.run(...values, ...extra.map(() => hashToken(newToken())));
    }
  }

  private insertDocument(docKey: string, dump: DocumentDump): void {
    const append = this.db.prepare<[string, string | null, Buffer, number]>(
      'INSERT INTO doc_updates (doc_key, participant_id, data, at) VALUES (?, ?, ?, ?)',
    );
    const seqs = dump.updates.map((u) =>
      Number(append.run(docKey, u.participantId, toBuffer(u.data), u.at).lastInsertRowid),
    );
    if (dump.snapshot) {
      const seq = dump.snapshot.covers > 0 ? (seqs[dump.snapshot.covers - 1] ?? 0) : 0;
      this.db
        .prepare('INSERT INTO doc_snapshots (doc_key, seq, state, at) VALUES (?, ?, ?, ?)')
        .run(docKey, seq, toBuffer(dump.snapshot.state), dump.snapshot.at);
    }
    const quarantine = this.db.prepare(
      'INSERT INTO quarantined_updates (doc_key, seq, reason, at) VALUES (?, ?, ?, ?)',
    );
    for (const q of dump.quarantined) quarantine.run(docKey, seqs[q.index] ?? -1, q.reason, q.at);
  }
}
