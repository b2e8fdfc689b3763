// Addresses stored before the "minutes" choice existed keep working: the column arrives with default on, in both
// engines, so an old row reads as "send me minutes" (what a new address gets) and can be saved again.
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, databaseUrl, NO_DATABASE_REASON } from '../../../tests/helpers/postgres';
import { POSTGRES_MIGRATIONS } from './postgres/migrations';
import { openPostgresStorage } from './postgres/postgresStorage';
import { MIGRATIONS, migrate } from './sqlite/migrations';
import { SqliteStorage } from './sqlite/sqliteStorage';
import type { Storage } from './types';

/** The schema version just before the minutes choice and sender names. */
const before = (migrations: readonly string[]) =>
  migrations.findIndex((migration) => migration.includes('CREATE TABLE mail_senders'));

const OLD_ROWS = [
  "INSERT INTO boards (id, title, created_at) VALUES ('board-1', 'Alt', 1)",
  `INSERT INTO participants (id, board_id, name, role, color, token_hash, created_at)
     VALUES ('p1', 'board-1', 'Ayşe', 'facilitator', '#000000', 'hash-1', 1)`,
];

async function expectOldAddressReadsMinutesOn(storage: Storage): Promise<void> {
  const stored = await storage.mail.getRecipient('p1');
  expect(stored?.preferences).toEqual({
    digest: 'weekly',
    roundAwaits: true,
    outcomes: false,
    invitations: true,
    minutes: true,
  });
  expect((await storage.mail.listConfirmedRecipients('board-1')).map((r) => r.preferences.minutes)).toEqual([
    true,
  ]);
  if (!stored) return;
  await storage.mail.saveRecipient(
    { ...stored, preferences: { ...stored.preferences, minutes: false } },
    null,
  );
  expect((await storage.mail.getRecipient('p1'))?.preferences.minutes).toBe(false);
  expect(await storage.mail.senderNameOf('board-1')).toBe('Alt');
}

describe('mail_recipients from before the minutes choice', () => {
  it('SQLite: an old row reads minutes as on and can be changed', async () => {
    const old = new Database(':memory:');
    const version = before(MIGRATIONS);
    expect(version).toBeGreaterThan(0);
    migrate(old, version);
    for (const row of OLD_ROWS) old.exec(row);
    old.exec(`INSERT INTO mail_recipients (participant_id, board_id, address, confirmed_at, confirm_token_hash,
        confirm_sent_at, digest, round_awaits, outcomes, invitations, language, created_at, updated_at)
      VALUES ('p1', 'board-1', 'ayse@example.org', 2, NULL, 1, 'weekly', 1, 0, 1, 'de', 1, 2)`);
    const migrated = new SqliteStorage(old);
    try {
      await expectOldAddressReadsMinutesOn(migrated);
    } finally {
      await migrated.close();
    }
  });

  describe.skipIf(!databaseUrl)(`PostgreSQL${databaseUrl ? '' : ` (${NO_DATABASE_REASON})`}`, () => {
    it('an old row reads minutes as on and can be changed', async () => {
      const database = await createTestDatabase();
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        await client.query(
          'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
        );
        const version = before(POSTGRES_MIGRATIONS);
        expect(version).toBeGreaterThan(0);
        for (const [i, migration] of POSTGRES_MIGRATIONS.slice(0, version).entries()) {
          await client.query(migration);
          await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)', [i + 1]);
        }
        for (const row of OLD_ROWS) await client.query(row);
        await client.query(`INSERT INTO mail_recipients (participant_id, board_id, address, confirmed_at,
            confirm_token_hash, confirm_sent_at, digest, round_awaits, outcomes, invitations, language, created_at,
            updated_at)
          VALUES ('p1', 'board-1', 'ayse@example.org', 2, NULL, 1, 'weekly', TRUE, FALSE, TRUE, 'de', 1, 2)`);
        const migrated = await openPostgresStorage(database.url);
        try {
          await expectOldAddressReadsMinutesOn(migrated);
        } finally {
          await migrated.close();
        }
      } finally {
        await client.end();
        await database.drop();
      }
    });
  });
});
