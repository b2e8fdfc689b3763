import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseUrl,
  NO_DATABASE_REASON,
  type TestDatabase,
} from '../../../../tests/helpers/postgres';
import { PURGE_EXEMPT_TABLES } from '../parts/lifecycle';
import { addPartner, BOARD, ROUND_REWRITES, seedBoard, seedClosedRound } from '../suite/fixtures';
import type { Storage } from '../types';
import { POSTGRES_PURGE_STATEMENTS } from './lifecycle';
import { openPostgresStorage } from './postgresStorage';

/** The purge's way past the append-only triggers (a transaction-local setting), and that it is the only one. */
describe.skipIf(!databaseUrl)(
  `PostgreSQL purge of a deleted board${databaseUrl ? '' : ` (${NO_DATABASE_REASON})`}`,
  () => {
    let database: TestDatabase;
    let storage: Storage;
    let raw: pg.Client;

    beforeEach(async () => {
      database = await createTestDatabase();
      storage = await openPostgresStorage(database.url);
      raw = new pg.Client({ connectionString: database.url });
      await raw.connect();
      await seedBoard(storage);
      await seedBoard(storage, 'board-2');
      await addPartner(storage, 'partner-a');
      await seedClosedRound(storage, 'partner-a');
    });
    afterEach(async () => {
      await raw.end();
      await storage.close();
      await database.drop();
    });

    const refusals = ['UPDATE doc_updates SET at = 0', 'DELETE FROM doc_updates', ...ROUND_REWRITES];

    it('knows every table of the schema: each is purged or holds no board’s rows', async () => {
      const { rows } = await raw.query<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables
         WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
      );
      const known = new Set([...POSTGRES_PURGE_STATEMENTS.map((s) => s.table), ...PURGE_EXEMPT_TABLES]);
      expect(rows.map((row) => row.name).filter((table) => !known.has(table))).toEqual([]);
    });

    it('still refuses every rewrite and delete, also with the setting naming another board', async () => {
      for (const statement of refusals) {
        await expect(raw.query(statement), statement).rejects.toThrow(/append-only/);
      }
      for (const statement of refusals) {
        await raw.query('BEGIN');
        try {
          await raw.query("SELECT set_config('common_ground.purge_board', 'board-2', true)");
          await expect(raw.query(statement), statement).rejects.toThrow(/append-only/);
        } finally {
          await raw.query('ROLLBACK');
        }
      }
    });

    it('opens the door only inside the purge’s transaction: afterwards deletes are refused again', async () => {
      await raw.query('BEGIN');
      await raw.query("SELECT set_config('common_ground.purge_board', $1, true)", [BOARD]);
      // Rewriting stays refused even for the board being purged.
      await expect(raw.query("UPDATE rounds SET wording_title = 'x'")).rejects.toThrow(/append-only/);
      await raw.query('ROLLBACK');
      await raw.query('BEGIN');
      await raw.query("SELECT set_config('common_ground.purge_board', $1, true)", [BOARD]);
      await raw.query('DELETE FROM stances');
      await raw.query('COMMIT');
      // The same session, a new transaction: the setting ended with the last one.
      await expect(raw.query('DELETE FROM round_closures')).rejects.toThrow(/append-only/);
      await expect(raw.query(`DELETE FROM doc_updates WHERE doc_key = '${BOARD}'`)).rejects.toThrow(
        /append-only/,
      );
      expect(await storage.lifecycle.purgeBoard(BOARD)).toBe(true);
      const { rows } = await raw.query<{ n: string }>('SELECT count(*) AS n FROM rounds');
      expect(rows[0]?.n).toBe('0');
      await expect(raw.query('DELETE FROM doc_updates')).rejects.toThrow(/append-only/);
    });
  },
);
