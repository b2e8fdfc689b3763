import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The PostgreSQL server tests may use; tests that need it are skipped (with this reason) when it is unset. */
export const databaseUrl = process.env.DATABASE_URL;
export const NO_DATABASE_REASON = 'skipped: DATABASE_URL is not set, these tests need PostgreSQL';

export interface TestDatabase {
  readonly url: string;
  /** Drops the database, disconnecting whoever is still on it. */
  drop(): Promise<void>;
}

/**
 * A fresh, empty database `cg_test_<random>` on the DATABASE_URL server, so tests never share state. The admin
 * connection uses DATABASE_URL's own database and is closed again right away.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!databaseUrl) throw new Error('createTestDatabase needs DATABASE_URL');
  const adminUrl = databaseUrl;
  const name = `cg_test_${randomBytes(6).toString('hex')}`;
  // The name is ours (hex), never input: CREATE DATABASE takes no bound parameters.
  await withAdmin(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withAdmin(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

async function withAdmin(url: string, fn: (admin: pg.Client) => Promise<unknown>): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await fn(admin);
  } finally {
    await admin.end();
  }
}
