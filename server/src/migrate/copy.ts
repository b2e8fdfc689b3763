import type { PoolClient } from 'pg';
import type { NewUpdate } from '../storage/parts/log';
import { PostgresDocumentLog } from '../storage/postgres/updateLog';
import type { SqliteSource } from './sqliteSource';
import { asPostgresRow, TABLES } from './tables';

/** Rows per statement: big enough to be quick, small enough to keep each statement modest. */
const CHUNK = 1000;

/** Copies every table with its ids, inside the caller's transaction. */
export async function copyTables(client: PoolClient, source: SqliteSource): Promise<void> {
  for (const mapping of TABLES) {
    const rows = source.rows(mapping).map((row) => asPostgresRow(mapping, row));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await client.query(mapping.insert, [JSON.stringify(rows.slice(i, i + CHUNK))]);
    }
  }
  // Stances keep their ids; new ones must continue after the highest.
  await client.query(
    `SELECT setval(pg_get_serial_sequence('stances', 'id'), max(id)) FROM stances HAVING count(*) > 0`,
  );
}

/**
 * Copies each document's log in order, numbered 1..n per document (SQLite numbers all documents together), and
 * its snapshot and quarantined entries with the seq mapped to the new numbering: the number of the document's
 * updates up to it. Returns how many documents it copied.
 */
export async function copyDocuments(client: PoolClient, source: SqliteSource): Promise<number> {
  const docKeys = source.docKeys();
  const log = new PostgresDocumentLog(client);
  for (const docKey of docKeys) {
    let after = 0;
    for (;;) {
      const page = source.updates(docKey, after, CHUNK);
      const last = page.at(-1);
      if (!last) break;
      const batch: NewUpdate[] = page.map((r) => ({
        participantId: r.participant_id,
        update: r.data,
        at: r.at,
      }));
      await log.appendUpdates(docKey, batch);
      after = last.seq;
    }
    const snapshot = source.snapshot(docKey);
    if (snapshot) {
      await log.saveSnapshot(docKey, source.countUpdates(docKey, snapshot.seq), snapshot.state, snapshot.at);
    }
    const quarantined = source
      .quarantined(docKey)
      .map((q) => ({ ...q, seq: source.countUpdates(docKey, q.seq) }));
    await log.quarantineRecords(docKey, quarantined);
  }
  return docKeys.length;
}
