import { isDeepStrictEqual } from 'node:util';
import type { Pool } from 'pg';
import * as Y from 'yjs';
import { PostgresDocumentLog } from '../storage/postgres/updateLog';
import type { SqliteSource } from './sqliteSource';
import { asPostgresRow, COUNTS, TABLES, type TableMapping } from './tables';

export interface TableCount {
  readonly table: string;
  readonly sqlite: number;
  readonly postgres: number;
}

export interface Verification {
  readonly tables: readonly TableCount[];
  readonly documentsVerified: number;
  /** Every mismatch found, one line each; empty when the copy is faithful. */
  readonly problems: readonly string[];
}

const PAGE = 1000;

/**
 * Compares the copy with its source: row counts and rows per table, and per document the log (same updates in
 * the same order, numbered 1..n), its quarantined entries and the state a server would load (snapshot + tail
 * without the quarantined entries, on each side).
 */
export async function verifyCopy(pool: Pool, source: SqliteSource): Promise<Verification> {
  const tables = await countRows(pool, source);
  const problems = tables.flatMap((t) =>
    t.sqlite === t.postgres ? [] : [`${t.table}: ${t.sqlite} rows in SQLite, ${t.postgres} in PostgreSQL`],
  );
  for (const mapping of TABLES) problems.push(...(await compareRows(pool, source, mapping)));
  let documentsVerified = 0;
  for (const docKey of source.docKeys()) {
    const found = [
      ...(await compareLog(pool, source, docKey)),
      ...(await compareQuarantine(pool, source, docKey)),
      ...(await compareState(pool, source, docKey)),
    ];
    problems.push(...found.map((problem) => `document ${docKey}: ${problem}`));
    if (found.length === 0) documentsVerified += 1;
  }
  return { tables, documentsVerified, problems };
}

async function countRows(pool: Pool, source: SqliteSource): Promise<TableCount[]> {
  const counts: TableCount[] = [];
  for (const { table, sql } of COUNTS) {
    const { rows } = await pool.query<{ n: number }>(sql);
    counts.push({ table, sqlite: source.count(sql), postgres: rows[0]?.n ?? 0 });
  }
  return counts;
}

/** Every row, value by value, in the same order on both sides (keys sort bytewise on both). */
async function compareRows(pool: Pool, source: SqliteSource, mapping: TableMapping): Promise<string[]> {
  const expected = source.rows(mapping).map((row) => asPostgresRow(mapping, row));
  const { rows } = await pool.query<Record<string, unknown>>(mapping.readCopy);
  const differs = expected.findIndex((row, i) => !isDeepStrictEqual(row, { ...rows[i] }));
  if (differs < 0) return [];
  const original = expected[differs] ?? {};
  const copy = rows[differs];
  if (!copy) return [`${mapping.table}: row ${differs + 1} is missing`];
  const column = Object.keys({ ...original, ...copy }).find(
    (key) => !isDeepStrictEqual(original[key], copy[key]),
  );
  return [`${mapping.table}: row ${differs + 1} differs in ${column}`];
}

/**
 * The same updates in the same order, numbered 1..n, and the snapshot at the position of the last update it
 * includes (found by walking the log, independently of the count the copy used).
 */
async function compareLog(pool: Pool, source: SqliteSource, docKey: string): Promise<string[]> {
  const sqliteSnapshotSeq = source.snapshot(docKey)?.seq ?? 0;
  let snapshotPosition = 0;
  let sqliteAfter = 0;
  let seq = 0;
  for (;;) {
    const expected = source.updates(docKey, sqliteAfter, PAGE);
    const { rows } = await pool.query<{
      seq: number;
      participant_id: string | null;
      data: Buffer;
      at: number;
    }>(
      'SELECT seq, participant_id, data, at FROM doc_updates WHERE doc_key = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [docKey, seq, PAGE],
    );
    for (const [i, row] of expected.entries()) {
      const copy = rows[i];
      seq += 1;
      if (!copy) return [`update ${seq} is missing`];
      if (copy.seq !== seq) return [`expected seq ${seq}, found ${copy.seq}`];
      if (copy.participant_id !== row.participant_id || copy.at !== row.at || !copy.data.equals(row.data)) {
        return [`update ${seq} differs`];
      }
      if (row.seq <= sqliteSnapshotSeq) snapshotPosition = seq;
    }
    if (rows.length > expected.length) return [`more updates than in SQLite after seq ${seq}`];
    const last = expected.at(-1);
    if (!last) break;
    sqliteAfter = last.seq;
  }
  const { rows } = await pool.query<{ seq: number }>('SELECT seq FROM doc_snapshots WHERE doc_key = $1', [
    docKey,
  ]);
  const copied = rows[0]?.seq ?? 0;
  return copied === snapshotPosition ? [] : [`snapshot at seq ${copied}, expected ${snapshotPosition}`];
}

/**
 * The same entries quarantined, with the same reasons and times. Each seq maps by its position in the document's
 * log, which compareLog checks entry by entry.
 */
async function compareQuarantine(pool: Pool, source: SqliteSource, docKey: string): Promise<string[]> {
  const expected = source
    .quarantined(docKey)
    .map((q) => ({ seq: source.countUpdates(docKey, q.seq), reason: q.reason, at: q.at }));
  const { rows } = await pool.query<{ seq: number; reason: string; at: number }>(
    'SELECT seq, reason, at FROM quarantined_updates WHERE doc_key = $1 ORDER BY seq',
    [docKey],
  );
  for (let i = 0; i < Math.max(expected.length, rows.length); i++) {
    const [original, copy] = [expected[i], rows[i]];
    if (!original || !copy || !isDeepStrictEqual(original, { ...copy })) {
      return [`quarantined entry ${original?.seq ?? copy?.seq} differs`];
    }
  }
  return [];
}

async function compareState(pool: Pool, source: SqliteSource, docKey: string): Promise<string[]> {
  try {
    const fromSqlite = new Y.Doc();
    const snapshot = source.snapshot(docKey);
    if (snapshot) Y.applyUpdate(fromSqlite, snapshot.state);
    // A server skips these when it loads; applying one may throw, which is why it was quarantined.
    const quarantined = new Set(source.quarantined(docKey).map((q) => q.seq));
    for (let after = snapshot?.seq ?? 0; ; ) {
      const page = source.updates(docKey, after, PAGE);
      for (const row of page) if (!quarantined.has(row.seq)) Y.applyUpdate(fromSqlite, row.data);
      const last = page.at(-1);
      if (!last) break;
      after = last.seq;
    }
    const fromPostgres = new Y.Doc();
    const loaded = await new PostgresDocumentLog(pool).loadDocument(docKey);
    if (loaded.snapshot) Y.applyUpdate(fromPostgres, loaded.snapshot);
    for (const update of loaded.updates) Y.applyUpdate(fromPostgres, update.update);
    // A Yjs snapshot is the state vector plus the delete set: equal ones mean the same content.
    const same = Y.equalSnapshots(Y.snapshot(fromSqlite), Y.snapshot(fromPostgres));
    return same ? [] : ['the loaded states differ'];
  } catch (error) {
    return [`could not be loaded: ${error instanceof Error ? error.message : String(error)}`];
  }
}
