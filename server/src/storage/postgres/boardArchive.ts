import pg, { type Pool, type PoolClient } from 'pg';
import { ARCHIVE_TABLES, type ArchiveRow, insertedColumns, scopeClause } from '../../archive/tables';
import { hashToken, newToken } from '../../auth/secrets';
import { decodeSegment } from '../logSegment';
import {
  ArchiveCollision,
  type BoardArchiveStore,
  type BoardDump,
  type DocumentDump,
  type ImportedFacilitator,
} from '../parts/boardArchive';
import { decodeState } from '../snapshotCodec';
import { BEGIN_SNAPSHOT, bytesOf, inTransaction } from './db';
import { PostgresDocumentLog } from './updateLog';

/** Rows per statement, as the copy from SQLite does it. */
const CHUNK = 1000;

/** PostgreSQL's unique_violation: a key that exists already. */
const isCollision = (error: unknown): boolean => error instanceof pg.DatabaseError && error.code === '23505';

/** Board archives on PostgreSQL: the dump reads one snapshot, the import is one transaction. */
export class PostgresBoardArchiveStore implements BoardArchiveStore {
  constructor(private readonly pool: Pool) {}

  async dumpBoard(boardId: string): Promise<BoardDump | null> {
    return inTransaction(
      this.pool,
      async (client) => {
        const tables: Record<string, ArchiveRow[]> = {};
        for (const table of ARCHIVE_TABLES) {
          const { rows } = await client.query<ArchiveRow>(
            `SELECT ${table.columns.join(', ')} FROM ${table.name} WHERE ${scopeClause(table, '$1')}
             ORDER BY ${table.orderBy}`,
            [boardId],
          );
          tables[table.name] = rows;
        }
        if ((tables.boards ?? []).length === 0) return null;
        return {
          boardId,
          tables,
          board: await dumpDocument(client, boardId),
          record: await dumpDocument(client, `${boardId}/record`),
        };
      },
      BEGIN_SNAPSHOT,
    );
  }

  async importBoard(dump: BoardDump, facilitator: ImportedFacilitator): Promise<void> {
    try {
      await inTransaction(this.pool, async (client) => {
        for (const table of ARCHIVE_TABLES) {
          const columns = insertedColumns(table);
          const extra = table.name === 'participants' ? ['token_hash'] : [];
          const names = [...columns, ...extra].join(', ');
          const rows = (dump.tables[table.name] ?? []).map((row) => {
            const out: Record<string, unknown> = {};
            for (const c of columns) out[c] = row[c] ?? null;
            // participants.token_hash is NOT NULL UNIQUE but read no more: the hash of a token nobody holds.
            for (const c of extra) out[c] = hashToken(newToken());
            return out;
          });
          for (let i = 0; i < rows.length; i += CHUNK) {
            await client.query(
              `INSERT INTO ${table.name} (${names})
               SELECT ${names} FROM json_populate_recordset(NULL::${table.name}, $1)`,
              [JSON.stringify(rows.slice(i, i + CHUNK))],
            );
          }
        }
        await importDocument(client, dump.boardId, dump.board);
        await importDocument(client, `${dump.boardId}/record`, dump.record);
        await client.query(
          'INSERT INTO participant_tokens (token_hash, participant_id, created_at) VALUES ($1, $2, $3)',
          [facilitator.tokenHash, facilitator.participantId, facilitator.at],
        );
      });
    } catch (error) {
      if (isCollision(error)) throw new ArchiveCollision('A row of the archive exists on this server');
      throw error;
    }
  }
}

/** The whole log as it reads (sealed segments decoded, hot rows after them), quarantined entries included. */
async function dumpDocument(client: PoolClient, docKey: string): Promise<DocumentDump> {
  const segments = await client.query<{ data: Buffer }>(
    'SELECT data FROM doc_update_segments WHERE doc_key = $1 ORDER BY first_seq',
    [docKey],
  );
  const sealed: { seq: number; participant_id: string | null; at: number; data: Uint8Array }[] = [];
  for (const segment of segments.rows) {
    for (const e of await decodeSegment(bytesOf(segment.data))) {
      sealed.push({ seq: e.seq, participant_id: e.participantId, at: e.at, data: e.update });
    }
  }
  const hot = await client.query<{
    seq: number;
    participant_id: string | null;
    at: number;
    data: Buffer;
  }>('SELECT seq, participant_id, at, data FROM doc_updates WHERE doc_key = $1 ORDER BY seq', [docKey]);
  const rows = [...sealed, ...hot.rows].sort((a, b) => a.seq - b.seq);
  const indexOf = new Map(rows.map((r, i) => [r.seq, i]));
  const snapshots = await client.query<{ seq: number; at: number; state: Buffer; codec: number }>(
    'SELECT seq, at, state, codec FROM doc_snapshots WHERE doc_key = $1',
    [docKey],
  );
  const quarantined = await client.query<{ seq: number; reason: string; at: number }>(
    'SELECT seq, reason, at FROM quarantined_updates WHERE doc_key = $1 ORDER BY seq',
    [docKey],
  );
  const snapshot = snapshots.rows[0];
  return {
    updates: rows.map((r) => ({
      seq: r.seq,
      participantId: r.participant_id,
      at: r.at,
      data: r.data instanceof Buffer ? bytesOf(r.data) : r.data,
    })),
    snapshot: snapshot
      ? {
          covers: rows.filter((r) => r.seq <= snapshot.seq).length,
          at: snapshot.at,
          state: await decodeState(snapshot.codec, bytesOf(snapshot.state)),
        }
      : null,
    quarantined: quarantined.rows.flatMap((q) => {
      const index = indexOf.get(q.seq);
      return index === undefined ? [] : [{ index, reason: q.reason, at: q.at }];
    }),
  };
}

/** The log numbered 1..n again (appendUpdates), the snapshot and quarantine mapped to the new numbers. */
async function importDocument(client: PoolClient, docKey: string, dump: DocumentDump): Promise<void> {
  const log = new PostgresDocumentLog(client);
  const seqs: number[] = [];
  for (let i = 0; i < dump.updates.length; i += CHUNK) {
    const batch = dump.updates
      .slice(i, i + CHUNK)
      .map((u) => ({ participantId: u.participantId, update: u.data, at: u.at }));
    seqs.push(...(await log.appendUpdates(docKey, batch)));
  }
  if (dump.snapshot) {
    const seq = dump.snapshot.covers > 0 ? (seqs[dump.snapshot.covers - 1] ?? 0) : 0;
    await log.saveSnapshot(docKey, seq, dump.snapshot.state, dump.snapshot.at);
  }
  await log.quarantineRecords(
    docKey,
    dump.quarantined.map((q) => ({ seq: seqs[q.index] ?? -1, reason: q.reason, at: q.at })),
  );
}
