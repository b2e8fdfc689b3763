import type { Config } from '../config';
import type { Logger } from '../log';
import { openSqliteStorage } from './sqlite/sqliteStorage';
import type { Storage } from './types';

/** PostgreSQL when DATABASE_URL is set (schema migrated on start), the SQLite file in the data directory otherwise. */
export async function openStorage(config: Config, log: Logger): Promise<Storage> {
  if (config.databaseUrl) {
    // Loaded only when configured: the SQLite default never parses pg (see scripts/build-server.mjs).
    const { openPostgresStorage } = await import('./postgres/postgresStorage');
    return openPostgresStorage(config.databaseUrl, {
      onBackgroundError: (error) => log.warn('database connection error', { error }),
    });
  }
  return openSqliteStorage(config.dataDir, (error) => log.warn('background checkpoint failed', { error }));
}
