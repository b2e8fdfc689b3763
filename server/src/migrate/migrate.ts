import { createPool, inTransaction } from '../storage/postgres/db';
import { migratePostgres } from '../storage/postgres/migrations';
import { copyDocuments, copyTables } from './copy';
import { SqliteSource } from './sqliteSource';
import { type Verification, verifyCopy } from './verify';

export interface MigrationOptions {
  /** The data directory holding the SQLite file (as DATA_DIR). */
  readonly dataDir: string;
  /** An empty PostgreSQL database (as DATABASE_URL); its schema is created if missing. */
  readonly databaseUrl: string;
}

export interface MigrationReport extends Verification {
  readonly documentsCopied: number;
}

/** The target is not empty: copying would mix two installations' data (and clash on ids). */
export class TargetNotEmptyError extends Error {}

/**
 * Copies a SQLite data directory into an empty PostgreSQL database in one transaction (all or nothing), then
 * verifies the copy from a fresh read. Stop the server first: it reads one consistent state of the file, and
 * whatever a running server writes after that is not copied.
 */
export async function migrateSqliteToPostgres(options: MigrationOptions): Promise<MigrationReport> {
  const source = new SqliteSource(options.dataDir);
  const pool = createPool(options.databaseUrl, { poolSize: 2 });
  try {
    await migratePostgres(pool);
    const documentsCopied = await inTransaction(pool, async (client) => {
      const { rows } = await client.query<{ used: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM boards) OR EXISTS (SELECT 1 FROM doc_updates)
          OR EXISTS (SELECT 1 FROM doc_update_segments) AS used`,
      );
      if (rows[0]?.used) {
        throw new TargetNotEmptyError(
          'The PostgreSQL database already holds boards; migrate into an empty one',
        );
      }
      await copyTables(client, source);
      return copyDocuments(client, source);
    });
    return { documentsCopied, ...(await verifyCopy(pool, source)) };
  } finally {
    source.close();
    await pool.end();
  }
}
