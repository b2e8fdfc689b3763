import { DEFAULT_DECISION_RULE } from '@common-ground/shared/rules';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseUrl,
  NO_DATABASE_REASON,
  type TestDatabase,
} from '../../../../tests/helpers/postgres';
import { waitFor } from '../../../../tests/helpers/wait';
import { hashToken } from '../../auth/secrets';
import {
  addPartner,
  BOARD,
  expectConfirmedAfterMigration,
  FACILITATOR,
  joinInput,
  NOW,
  newClosure,
  newRound,
  newStance,
  ROUND_REWRITES,
  seedBoard,
  seedClosedRound,
} from '../suite/fixtures';
import type { Storage } from '../types';
import { POSTGRES_MIGRATIONS } from './migrations';
import { openPostgresStorage } from './postgresStorage';

/** Engine specifics the shared suite cannot see: schema, triggers, and races forced with a second connection. */
describe.skipIf(!databaseUrl)(
  `PostgresStorage internals${databaseUrl ? '' : ` (${NO_DATABASE_REASON})`}`,
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
      await addPartner(storage, 'partner-a');
    });
    afterEach(async () => {
      await raw.end();
      await storage.close();
      await database.drop();
    });

    /** Resolves once some statement on the test database waits for a lock another transaction holds. */
    const someoneWaitsForALock = () =>
      waitFor(
        async () => {
          // `raw` is inside a transaction, which would read pg_stat_activity once and keep that snapshot.
          await raw.query('SELECT pg_stat_clear_snapshot()');
          const { rows } = await raw.query<{ n: string }>(
            `SELECT count(*) AS n FROM pg_stat_activity
           WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          );
          return Number(rows[0]?.n) > 0;
        },
        { message: 'a statement waiting for a lock' },
      );

    it('records each migration once, also when reopened', async () => {
      const again = await openPostgresStorage(database.url);
      await again.close();
      const { rows } = await raw.query<{ version: number }>(
        'SELECT version FROM schema_migrations ORDER BY version',
      );
      expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
    });

    it('migrates a database of the previous version, keeping its log and letting it quarantine', async () => {
      const old = await createTestDatabase();
      const client = new pg.Client({ connectionString: old.url });
      await client.connect();
      try {
        const previous = POSTGRES_MIGRATIONS.length - 1;
        await client.query(
          'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
        );
        for (const [i, migration] of POSTGRES_MIGRATIONS.slice(0, previous).entries()) {
          await client.query(migration);
          await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)', [i + 1]);
        }
        await client.query("INSERT INTO boards (id, title, created_at) VALUES ($1, 'Alt', 1)", [BOARD]);
        await client.query('INSERT INTO doc_seqs (doc_key, last_seq) VALUES ($1, 2)', [BOARD]);
        await client.query(
          "INSERT INTO doc_updates (doc_key, seq, data, at) VALUES ($1, 1, '\\x01', 1), ($1, 2, '\\x02', 2)",
          [BOARD],
        );
        const migrated = await openPostgresStorage(old.url);
        try {
          await migrated.log.quarantineUpdates(BOARD, [{ seq: 1, reason: 'old' }], 3);
          expect((await migrated.log.loadDocument(BOARD)).updates.map((u) => [u.seq, [...u.update]])).toEqual(
            [[2, [2]]],
          );
          expect(
            await migrated.log.appendUpdates(BOARD, [
              { participantId: null, update: new Uint8Array([3]), at: 4 },
            ]),
          ).toEqual([3]);
          const { rows } = await client.query<{ version: number }>(
            'SELECT version FROM schema_migrations ORDER BY version',
          );
          expect(rows.map((r) => r.version)).toEqual(POSTGRES_MIGRATIONS.map((_, i) => i + 1));
        } finally {
          await migrated.close();
        }
      } finally {
        await client.end();
        await old.drop();
      }
    });

    it('migrates closures stored before agreed structures were frozen: they have none, new ones keep theirs', async () => {
      const old = await createTestDatabase();
      const client = new pg.Client({ connectionString: old.url });
      await client.connect();
      try {
        const before = POSTGRES_MIGRATIONS.findIndex((migration) => migration.includes('agreed_structure'));
        await client.query(
          'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
        );
        for (const [i, migration] of POSTGRES_MIGRATIONS.slice(0, before).entries()) {
          await client.query(migration);
          await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)', [i + 1]);
        }
        await client.query("INSERT INTO boards (id, title, created_at) VALUES ($1, 'Alt', 1)", [BOARD]);
        await client.query(
          `INSERT INTO participants (id, board_id, name, role, color, token_hash, created_at)
           VALUES ($1, $2, 'Moderation', 'facilitator', '#000', 'hash', 1)`,
          [FACILITATOR, BOARD],
        );
        await client.query(
          `INSERT INTO rounds (id, board_id, goal_id, number, opened_at, opened_by, visibility, auto_close, rule,
             wording_title, wording_description, wording_hash, eligible_partner_ids)
           VALUES ('r1', $1, 'goal-1', 1, 2, $2, 'open', false, '{"kind":"consent"}', 'Ziel', 'Text', 'h', '{}')`,
          [BOARD, FACILITATOR],
        );
        await client.query(
          `INSERT INTO round_closures (round_id, closed_at, outcome, reasons, closed_by)
           VALUES ('r1', 3, 'agreed', '[]', NULL)`,
        );
        const migrated = await openPostgresStorage(old.url);
        try {
          expect((await migrated.rounds.getRound('r1'))?.closure).toEqual({
            roundId: 'r1',
            closedAt: 3,
            outcome: 'agreed',
            reasons: [],
            closedBy: null,
            agreedStructure: null,
          });
          await addPartner(migrated, 'partner-a');
          await migrated.rounds.openRound(newRound('r2', { goalId: 'goal-2' }), DEFAULT_DECISION_RULE);
          const agreedStructure = { leadPartnerId: 'partner-a', commitments: [], reviewDate: null };
          await migrated.rounds.closeRound(
            newClosure('r2', { outcome: 'agreed', reasons: [], agreedStructure }),
          );
          expect((await migrated.rounds.getRound('r2'))?.closure?.agreedStructure).toEqual(agreedStructure);
        } finally {
          await migrated.close();
        }
      } finally {
        await client.end();
        await old.drop();
      }
    });

    it('hashes the invite codes of an older database, so links handed out still work', async () => {
      const old = await createTestDatabase();
      const client = new pg.Client({ connectionString: old.url });
      await client.connect();
      try {
        // The schema just before invite codes were hashed (found by content: later migrations follow it).
        const before = POSTGRES_MIGRATIONS.findIndex((migration) => migration.includes('invites_plain'));
        await client.query(
          'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
        );
        for (const [i, migration] of POSTGRES_MIGRATIONS.slice(0, before).entries()) {
          await client.query(migration);
          await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)', [i + 1]);
        }
        await client.query("INSERT INTO boards (id, title, created_at) VALUES ($1, 'Alt', 1)", [BOARD]);
        await client.query(
          `INSERT INTO invites (code, board_id, role, max_uses, uses, expires_at, created_by, created_at)
           VALUES ('ABCDEFGH12', $1, 'partner', 3, 1, $2, NULL, 1),
             ('ZYXWVTS987', $1, 'observer', NULL, 0, $2, NULL, 1)`,
          [BOARD, NOW + 1000],
        );
        const migrated = await openPostgresStorage(old.url);
        try {
          const found = await migrated.accounts.findInviteByCodeHash(hashToken('ABCDEFGH12'));
          expect(found).toMatchObject({
            boardId: BOARD,
            role: 'partner',
            maxUses: 3,
            uses: 1,
            revokedAt: null,
          });
          expect(await migrated.accounts.findInviteByCodeHash('ABCDEFGH12')).toBeNull();
          const ids = (await migrated.accounts.listInvites(BOARD)).map((invite) => invite.id);
          expect(ids).toHaveLength(2);
          for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
          expect(new Set(ids).size).toBe(2);
          const joined = await migrated.accounts.join(
            joinInput({
              codeHash: hashToken('ZYXWVTS987'),
              now: NOW,
              // An observer belongs to no organisation.
              partner: { type: 'none' },
            }),
          );
          expect(joined).toMatchObject({ ok: true, participant: { role: 'observer' } });
          const { rows } = await client.query('SELECT * FROM invites');
          expect(JSON.stringify(rows)).not.toMatch(/ABCDEFGH12|ZYXWVTS987/);
          const leftover = await client.query("SELECT 1 FROM pg_class WHERE relname LIKE 'invites_plain%'");
          expect(leftover.rows).toEqual([]);
        } finally {
          await migrated.close();
        }
      } finally {
        await client.end();
        await old.drop();
      }
    });

    it('migrates an older board with every partner and member confirmed: its rounds and stances keep working', async () => {
      const old = await createTestDatabase();
      const client = new pg.Client({ connectionString: old.url });
      await client.connect();
      try {
        const before = POSTGRES_MIGRATIONS.findIndex((migration) =>
          migration.includes('ADD COLUMN confirmed_at'),
        );
        await client.query(
          'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
        );
        for (const [i, migration] of POSTGRES_MIGRATIONS.slice(0, before).entries()) {
          await client.query(migration);
          await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)', [i + 1]);
        }
        await client.query(`INSERT INTO boards (id, title, created_at) VALUES ('board-1', 'Alt', 1);
          INSERT INTO partners (id, board_id, name, kind, created_at) VALUES ('partner-old', 'board-1', 'Mieterverein', 'residents', 2);
          INSERT INTO participants (id, board_id, partner_id, name, role, color, token_hash, created_at)
            VALUES ('facilitator-old', 'board-1', NULL, 'Moderation', 'facilitator', '#000000', 'hash-f', 1),
              ('member-old', 'board-1', 'partner-old', 'Ayşe', 'partner', '#111111', 'hash-m', 3);`);
        const migrated = await openPostgresStorage(old.url);
        try {
          await expectConfirmedAfterMigration(migrated);
        } finally {
          await migrated.close();
        }
      } finally {
        await client.end();
        await old.drop();
      }
    });

    it('refuses a database whose schema is newer than this server knows', async () => {
      await raw.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, 0)', [
        POSTGRES_MIGRATIONS.length + 1,
      ]);
      await expect(openPostgresStorage(database.url)).rejects.toThrow(/newer than this server knows/);
    });

    it('refuses to rewrite or delete the update log, rounds, closures and stances', async () => {
      await seedClosedRound(storage, 'partner-a');
      for (const statement of [
        'UPDATE doc_updates SET at = 0',
        'DELETE FROM doc_updates',
        ...ROUND_REWRITES,
      ]) {
        await expect(raw.query(statement), statement).rejects.toThrow(/append-only/);
      }
    });

    it('refuses to drop a log entry no segment holds, and to change or drop a segment', async () => {
      await storage.log.appendUpdates(BOARD, [
        { participantId: FACILITATOR, update: new Uint8Array([5]), at: NOW },
      ]);
      await storage.log.saveSnapshot(BOARD, 1, new Uint8Array([1]), NOW);
      expect(await storage.log.sealThrough(BOARD, 1)).toBe(1);
      for (const statement of [
        `DELETE FROM doc_updates WHERE doc_key = '${BOARD}'`,
        'UPDATE doc_update_segments SET last_at = 0',
        `DELETE FROM doc_update_segments WHERE doc_key = '${BOARD}'`,
      ]) {
        await expect(raw.query(statement), statement).rejects.toThrow(/append-only/);
      }
      await expect(
        raw.query("INSERT INTO quarantined_updates (doc_key, seq, reason, at) VALUES ($1, 99, 'x', 0)", [
          BOARD,
        ]),
      ).rejects.toThrow(/not in the log/);
      expect(await storage.log.countUpdates(BOARD)).toBe(2);
    });

    it('leaves every row where it was when a seal fails inside its transaction (a crash before the commit)', async () => {
      await storage.log.appendUpdates(BOARD, [{ participantId: null, update: new Uint8Array([5]), at: NOW }]);
      const before = await storage.log.listUpdates(BOARD, 0);
      // The segment is inserted, then the first delete fails: the whole move must roll back.
      await raw.query(`CREATE FUNCTION crash() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'crash'; END $$;
        CREATE TRIGGER crash BEFORE DELETE ON doc_updates FOR EACH ROW EXECUTE FUNCTION crash()`);
      await expect(storage.log.sealThrough(BOARD, 2)).rejects.toThrow(/crash/);
      await raw.query('DROP TRIGGER crash ON doc_updates');
      const { rows } = await raw.query('SELECT 1 FROM doc_update_segments');
      expect(rows).toEqual([]);
      expect(await storage.log.listUpdates(BOARD, 0)).toEqual(before);
      expect(await storage.log.sealThrough(BOARD, 2)).toBe(2);
      expect(await storage.log.listUpdates(BOARD, 0)).toEqual(before);
    });

    it('keeps its int8 parser to its own pool', async () => {
      const { rows } = await raw.query<{ n: unknown }>('SELECT count(*) AS n FROM doc_updates');
      expect(rows[0]?.n).toBe('2');
      expect(await storage.log.countUpdates(BOARD)).toBe(1);
    });

    it('answers round_open when another instance’s round of the same number commits first', async () => {
      await raw.query('BEGIN');
      await raw.query(
        `INSERT INTO rounds (id, board_id, goal_id, number, opened_at, opened_by, deadline, visibility, auto_close,
         rule, wording_title, wording_description, wording_hash, eligible_partner_ids)
       VALUES ('r-other', $1, 'goal-1', 1, $2, $3, NULL, 'open', false, '{"kind":"consent","quorum":0.5}',
         'Ziel', 'Text', 'hash', ARRAY['partner-a'])`,
        [BOARD, NOW, FACILITATOR],
      );
      // Sees no round yet (uncommitted), numbers its round 1 and waits on the unique index for the other one.
      const opening = storage.rounds.openRound(newRound('r-mine'), DEFAULT_DECISION_RULE);
      await someoneWaitsForALock();
      await raw.query('COMMIT');
      expect(await opening).toEqual({ ok: false, reason: 'round_open' });
      expect((await storage.rounds.listRounds(BOARD)).map((r) => r.id)).toEqual(['r-other']);
    });

    it('refuses a stance that waited for the round while another instance closed it', async () => {
      const result = await storage.rounds.openRound(newRound('r1'), DEFAULT_DECISION_RULE);
      expect(result.ok).toBe(true);
      await raw.query('BEGIN');
      await raw.query("SELECT 1 FROM rounds WHERE id = 'r1' FOR UPDATE");
      await raw.query(
        `INSERT INTO round_closures (round_id, closed_at, outcome, reasons, closed_by)
       VALUES ('r1', $1, 'agreed', '[]', NULL)`,
        [NOW],
      );
      const stance = storage.rounds.appendStance(newStance('r1', 'partner-a'));
      await someoneWaitsForALock();
      await raw.query('COMMIT');
      expect(await stance).toBeNull();
      expect((await storage.rounds.getRound('r1'))?.stances).toEqual([]);
    });

    it('gives a batch that waited for another instance’s batch the next numbers', async () => {
      await raw.query('BEGIN');
      await raw.query('UPDATE doc_seqs SET last_seq = last_seq + 1 WHERE doc_key = $1 RETURNING last_seq', [
        BOARD,
      ]);
      await raw.query("INSERT INTO doc_updates (doc_key, seq, data, at) VALUES ($1, 2, '\\x0a', 0)", [BOARD]);
      const appending = storage.log.appendUpdates(BOARD, [
        { participantId: null, update: new Uint8Array([11]), at: 1 },
      ]);
      await someoneWaitsForALock();
      await raw.query('COMMIT');
      expect(await appending).toEqual([3]);
      expect((await storage.log.listUpdates(BOARD, 0)).map((u) => [u.seq, [...u.update]])).toEqual([
        [1, [1]],
        [2, [10]],
        [3, [11]],
      ]);
    });

    it('survives a connection killed in the middle of a transaction', async () => {
      const result = await storage.rounds.openRound(newRound('r1'), DEFAULT_DECISION_RULE);
      expect(result.ok).toBe(true);
      await raw.query('BEGIN');
      await raw.query("SELECT 1 FROM rounds WHERE id = 'r1' FOR UPDATE");
      // Settled into a value at once: the rejection may arrive before the test gets to await it.
      const stance = storage.rounds.appendStance(newStance('r1', 'partner-a')).then(
        () => null,
        (error: unknown) => error,
      );
      await someoneWaitsForALock();
      await raw.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      expect(await stance).toBeInstanceOf(Error);
      await raw.query('COMMIT');
      expect(await storage.rounds.appendStance(newStance('r1', 'partner-a'))).not.toBeNull();
    });

    it('reports idle connections the database dropped, and reconnects', async () => {
      const errors: unknown[] = [];
      const watched = await openPostgresStorage(database.url, {
        onBackgroundError: (error) => errors.push(error),
      });
      try {
        expect(await watched.accounts.getBoard(BOARD)).not.toBeNull();
        await raw.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle'`,
        );
        await waitFor(() => errors.length > 0, { message: 'the dropped connection reported' });
        expect(await watched.accounts.getBoard(BOARD)).not.toBeNull();
      } finally {
        await watched.close();
      }
    });

    it('closes idempotently', async () => {
      await storage.close();
      await expect(storage.close()).resolves.toBeUndefined();
    });
  },
);
