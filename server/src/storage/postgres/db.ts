import { channel } from 'node:diagnostics_channel';
import pg, { type Pool, type PoolClient, type QueryResultRow } from 'pg';

export interface PostgresOptions {
  /** Connections this instance keeps at most; the default suits a handful of instances on one database. */
  readonly poolSize?: number;
  /** An idle connection failed (e.g. the database restarted); the pool replaces it, the server goes on. */
  readonly onBackgroundError?: (error: unknown) => void;
}

const DEFAULT_POOL_SIZE = 10;

/**
 * Every pool as it is made, for whoever subscribed before (the benchmark's probe times waits for a connection
 * with it, bench/servers/probe.mjs); publishing to a channel nobody subscribed to costs nothing.
 */
const poolsMade = channel('common-ground:pg-pool');
const INT8_OID = 20;

/** Queries run on the pool or inside a transaction's client alike. */
export type Queryable = Pick<Pool, 'query'> | PoolClient;

/**
 * This pool's own type parsers, so other pg users in the process keep the defaults. int8 holds epoch
 * milliseconds, sequence numbers, stance ids and counts, all far below 2^53: a JS number is exact.
 */
function typeParsers(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, (value: string) => Number(value));
  return types;
}

export function createPool(url: string, options: PostgresOptions = {}): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    types: typeParsers(),
  });
  // Without a listener an idle connection's error (database restart, network) would crash the process.
  pool.on('error', (error) => options.onBackgroundError?.(error));
  if (poolsMade.hasSubscribers) poolsMade.publish(pool);
  return pool;
}

/** Begins a read-only transaction whose statements all see the same committed state. */
export const BEGIN_SNAPSHOT = 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';

/**
 * Runs `fn` in a transaction on one connection: committed if it resolves, rolled back if it rejects (the
 * rejection propagates). A connection whose rollback failed is discarded rather than returned to the pool.
 */
export async function inTransaction<T>(
  pool: Pool,
  fn: (client: PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  // The pool listens for errors of idle connections only. A connection lost while checked out emits 'error' too
  // (fatal without a listener); the query in flight, or the next one, rejects with it, so that is where it goes.
  const ignore = () => {};
  client.on('error', ignore);
  let broken: Error | undefined;
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    broken = await rollback(client);
    throw error;
  } finally {
    client.off('error', ignore);
    client.release(broken);
  }
}

async function rollback(client: PoolClient): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** The query's first row as a record; null if it found none. */
export async function findOne<Row extends QueryResultRow, T>(
  db: Queryable,
  sql: string,
  params: readonly unknown[],
  toRecord: (row: Row) => T,
): Promise<T | null> {
  const { rows } = await db.query<Row>(sql, [...params]);
  const row = rows[0];
  return row ? toRecord(row) : null;
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  return error instanceof pg.DatabaseError && error.code === '23505' && error.constraint === constraint;
}

/** A view of a bytea value (no copy): the Buffer is ours alone. */
export const bytesOf = (buffer: Buffer): Uint8Array =>
  new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
