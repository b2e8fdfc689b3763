import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hashToken } from '../../auth/secrets';
import {
  addPartner,
  BOARD,
  expectConfirmedAfterMigration,
  FACILITATOR,
  joinInput,
  NOW,
  newClosure,
  openNewRound,
  ROUND_REWRITES,
  seedBoard,
  seedClosedRound,
} from '../suite/fixtures';
import { MIGRATIONS, migrate } from './migrations';
import { openSqliteStorage, SqliteStorage } from './sqliteStorage';

/** Engine specifics the shared suite cannot see: files, WAL, migrations and the schema's own guards. */
describe('SqliteStorage internals', () => {
  let db: Database.Database;
  let storage: SqliteStorage;

  beforeEach(async () => {
    db = new Database(':memory:');
    storage = new SqliteStorage(db);
    await seedBoard(storage);
    await addPartner(storage, 'partner-a');
  });
  afterEach(() => storage.close());

  it('refuses to rewrite or delete rounds, closures and stances', async () => {
    await seedClosedRound(storage, 'partner-a');
    for (const statement of ROUND_REWRITES) {
      expect(() => db.prepare(statement).run(), statement).toThrow(/append-only/);
    }
  });

  it('refuses to change the log or drop an entry no segment holds, and to change or drop a segment', async () => {
    const seqs = await storage.log.appendUpdates(BOARD, [
      { participantId: FACILITATOR, update: new Uint8Array([5]), at: NOW },
      { participantId: null, update: new Uint8Array([6]), at: NOW + 1 },
    ]);
    const sealedThrough = seqs[0] ?? 0;
    await storage.log.saveSnapshot(BOARD, sealedThrough, new Uint8Array([1]), NOW);
    expect(await storage.log.sealThrough(BOARD, sealedThrough)).toBe(2);
    for (const statement of [
      'UPDATE doc_updates SET at = 0',
      `DELETE FROM doc_updates WHERE doc_key = '${BOARD}'`,
      'UPDATE doc_update_segments SET n = 1',
      `DELETE FROM doc_update_segments WHERE doc_key = '${BOARD}'`,
    ]) {
      expect(() => db.prepare(statement).run(), statement).toThrow(/append-only/);
    }
    expect(await storage.log.countUpdates(BOARD)).toBe(3);
  });

  it('leaves every row where it was when a seal fails inside its transaction (a crash before the commit)', async () => {
    await storage.log.appendUpdates(BOARD, [{ participantId: null, update: new Uint8Array([5]), at: NOW }]);
    const before = await storage.log.listUpdates(BOARD, 0);
    const last = before.at(-1)?.seq ?? 0;
    // The segment is inserted, then the first delete fails: the whole move must roll back.
    db.exec("CREATE TEMP TRIGGER crash BEFORE DELETE ON doc_updates BEGIN SELECT RAISE(ABORT, 'crash'); END");
    await expect(storage.log.sealThrough(BOARD, last)).rejects.toThrow(/crash/);
    db.exec('DROP TRIGGER crash');
    expect(db.prepare('SELECT count(*) AS n FROM doc_update_segments').get()).toEqual({ n: 0 });
    expect(await storage.log.listUpdates(BOARD, 0)).toEqual(before);
    expect(await storage.log.sealThrough(BOARD, last)).toBe(2);
    expect((await storage.log.listUpdates(BOARD, 0)).map((u) => [u.seq, [...u.update]])).toEqual(
      before.map((u) => [u.seq, [...u.update]]),
    );
  });

  it('stores snapshots compressed and still reads one stored before the codec column (as is)', async () => {
    const state = new Uint8Array(4096).fill(7);
    await storage.log.saveSnapshot(BOARD, 1, state, NOW);
    const row = db
      .prepare<[], { codec: number; size: number }>('SELECT codec, length(state) AS size FROM doc_snapshots')
      .get();
    expect(row?.codec).toBe(1);
    expect(row?.size).toBeLessThan(100);
    expect((await storage.log.loadDocument(BOARD)).snapshot).toEqual(state);
    db.prepare("UPDATE doc_snapshots SET state = x'0102', codec = 0").run();
    expect([...((await storage.log.loadDocument(BOARD)).snapshot ?? [])]).toEqual([1, 2]);
  });

  it('never gives two rounds of one goal the same number, whatever the code above the database does', () => {
    const insert = (id: string) =>
      db
        .prepare(
          `INSERT INTO rounds (id, board_id, goal_id, number, opened_at, opened_by, visibility, auto_close,
             rule_json, wording_title, wording_description, wording_hash, eligible_json)
           VALUES (?, ?, 'goal-1', 1, 0, ?, 'open', 0, '{}', '', '', '', '[]')`,
        )
        .run(id, BOARD, FACILITATOR);
    insert('r1');
    expect(() => insert('r2')).toThrow(/UNIQUE/);
  });
});

describe('openSqliteStorage', () => {
  it('migrates a new file once and reopens it with its data', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-storage-'));
    try {
      const first = openSqliteStorage(dir);
      await seedBoard(first);
      await first.close();
      const second = openSqliteStorage(dir);
      expect((await second.accounts.getBoard(BOARD))?.title).toBe('Runder Tisch');
      await second.close();
      const db = new Database(path.join(dir, 'common-ground.sqlite'));
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('migrates a database of the previous version, keeping its log and letting it quarantine', async () => {
    const old = new Database(':memory:');
    migrate(old, MIGRATIONS.length - 1);
    old.prepare("INSERT INTO boards (id, title, created_at) VALUES (?, 'Alt', 1)").run(BOARD);
    old
      .prepare("INSERT INTO doc_updates (doc_key, data, at) VALUES (?, x'01', 1), (?, x'02', 2)")
      .run(BOARD, BOARD);
    const migrated = new SqliteStorage(old);
    try {
      expect(old.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      const [first, second] = (await migrated.log.loadDocument(BOARD)).updates.map((u) => u.seq);
      await migrated.log.quarantineUpdates(BOARD, [{ seq: first ?? 0, reason: 'old' }], 3);
      expect((await migrated.log.loadDocument(BOARD)).updates.map((u) => u.seq)).toEqual([second]);
      expect(await migrated.log.countQuarantined()).toBe(1);
    } finally {
      await migrated.close();
    }
  });

  it('migrates a log from before sealing: its quarantine, its uncompressed snapshot, and then seals it', async () => {
    const old = new Database(':memory:');
    migrate(old, MIGRATIONS.length - 1);
    old.exec(`INSERT INTO boards (id, title, created_at) VALUES ('${BOARD}', 'Alt', 1);
      INSERT INTO doc_updates (doc_key, data, at) VALUES ('${BOARD}', x'01', 1), ('${BOARD}', x'02', 2);
      INSERT INTO quarantined_updates (doc_key, seq, reason, at) VALUES ('${BOARD}', 1, 'old', 3);
      INSERT INTO doc_snapshots (doc_key, seq, state, at) VALUES ('${BOARD}', 2, x'0a0b', 4);`);
    const migrated = new SqliteStorage(old);
    try {
      const loaded = await migrated.log.loadDocument(BOARD);
      expect([...(loaded.snapshot ?? [])]).toEqual([10, 11]);
      expect(await migrated.log.listQuarantined(BOARD)).toEqual([
        { docKey: BOARD, seq: 1, reason: 'old', at: 3 },
      ]);
      expect(await migrated.log.sealThrough(BOARD, 2)).toBe(2);
      expect((await migrated.log.listUpdates(BOARD, 0)).map((u) => [u.seq, [...u.update]])).toEqual([
        [2, [2]],
      ]);
      expect(await migrated.log.countUpdates(BOARD)).toBe(2);
    } finally {
      await migrated.close();
    }
  });

  it('migrates an older board with every partner and member confirmed: its rounds and stances keep working', async () => {
    const old = new Database(':memory:');
    const before = MIGRATIONS.findIndex((migration) => migration.includes('ADD COLUMN confirmed_at'));
    migrate(old, before);
    old.exec(`INSERT INTO boards (id, title, created_at) VALUES ('board-1', 'Alt', 1);
  INSERT INTO partners (id, board_id, name, kind, created_at) VALUES ('partner-old', 'board-1', 'Mieterverein', 'residents', 2);
  INSERT INTO participants (id, board_id, partner_id, name, role, color, token_hash, created_at)
    VALUES ('facilitator-old', 'board-1', NULL, 'Moderation', 'facilitator', '#000000', 'hash-f', 1),
      ('member-old', 'board-1', 'partner-old', 'Ayşe', 'partner', '#111111', 'hash-m', 3);`);
    const migrated = new SqliteStorage(old);
    try {
      await expectConfirmedAfterMigration(migrated);
    } finally {
      await migrated.close();
    }
  });

  it('migrates closures stored before agreed structures were frozen: they have none, new ones keep theirs', async () => {
    const old = new Database(':memory:');
    const before = MIGRATIONS.findIndex((migration) => migration.includes('agreed_structure_json'));
    for (const migration of MIGRATIONS.slice(0, before)) old.exec(migration);
    old.pragma(`user_version = ${before}`);
    old.prepare("INSERT INTO boards (id, title, created_at) VALUES (?, 'Alt', 1)").run(BOARD);
    old
      .prepare(
        `INSERT INTO participants (id, board_id, name, role, color, token_hash, created_at)
         VALUES (?, ?, 'Moderation', 'facilitator', '#000', 'hash', 1)`,
      )
      .run(FACILITATOR, BOARD);
    old
      .prepare(
        `INSERT INTO rounds (id, board_id, goal_id, number, opened_at, opened_by, visibility, auto_close,
           rule_json, wording_title, wording_description, wording_hash, eligible_json)
         VALUES ('r1', ?, 'goal-1', 1, 2, ?, 'open', 0, '{"kind":"consent"}', 'Ziel', 'Text', 'h', '[]')`,
      )
      .run(BOARD, FACILITATOR);
    old.exec(
      `INSERT INTO round_closures (round_id, closed_at, outcome, reasons_json, closed_by)
       VALUES ('r1', 3, 'agreed', '[]', NULL)`,
    );
    const migrated = new SqliteStorage(old);
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
      await openNewRound(migrated, 'r2', { goalId: 'goal-2' });
      const agreedStructure = { leadPartnerId: 'partner-a', commitments: [], reviewDate: null };
      await migrated.rounds.closeRound(newClosure('r2', { outcome: 'agreed', reasons: [], agreedStructure }));
      expect((await migrated.rounds.getRound('r2'))?.closure?.agreedStructure).toEqual(agreedStructure);
    } finally {
      await migrated.close();
    }
  });

  it('hashes the invite codes of an older database: links handed out still work, no code stays in the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-storage-'));
    const file = path.join(dir, 'common-ground.sqlite');
    try {
      const old = new Database(file);
      // The schema just before invite codes were hashed (found by content: later migrations follow it).
      migrate(
        old,
        MIGRATIONS.findIndex((migration) => migration.includes('invites_plain')),
      );
      old.prepare("INSERT INTO boards (id, title, created_at) VALUES (?, 'Alt', 1)").run(BOARD);
      old
        .prepare(
          `INSERT INTO participants (id, board_id, name, role, color, token_hash, created_at)
           VALUES (?, ?, 'Moderation', 'facilitator', '#1d4ed8', 'hash-f', 1)`,
        )
        .run(FACILITATOR, BOARD);
      const insert = old.prepare(
        `INSERT INTO invites (code, board_id, role, max_uses, uses, expires_at, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
      );
      insert.run('ABCDEFGH12', BOARD, 'partner', 3, 1, NOW + 1000, FACILITATOR);
      insert.run('ZYXWVTS987', BOARD, 'observer', null, 0, NOW + 1000, null);
      old.close();

      const storage = openSqliteStorage(dir);
      const found = await storage.accounts.findInviteByCodeHash(hashToken('ABCDEFGH12'));
      expect(found).toMatchObject({ boardId: BOARD, role: 'partner', maxUses: 3, uses: 1, revokedAt: null });
      expect(await storage.accounts.findInviteByCodeHash('ABCDEFGH12')).toBeNull();
      const ids = (await storage.accounts.listInvites(BOARD)).map((invite) => invite.id);
      expect(ids).toHaveLength(2);
      for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
      expect(new Set(ids).size).toBe(2);
      const joined = await storage.accounts.join(
        joinInput({
          codeHash: hashToken('ZYXWVTS987'),
          now: NOW,
          // An observer belongs to no organisation.
          partner: { type: 'none' },
        }),
      );
      expect(joined).toMatchObject({ ok: true, participant: { role: 'observer' } });
      await storage.close();
      const bytes = fs.readFileSync(file);
      for (const code of ['ABCDEFGH12', 'ZYXWVTS987']) expect(bytes.includes(code)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checkpoints in a worker once about 4 MB went to the WAL, and closes without leaving a WAL', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-storage-'));
    const file = path.join(dir, 'common-ground.sqlite');
    try {
      const storage = openSqliteStorage(dir);
      await seedBoard(storage);
      const sizeBefore = fs.statSync(file).size;
      // About 4.3 MB in the WAL (a 2 KB row and its pages each). The writing connection never checkpoints, so only
      // the worker copies them into the database file.
      for (let i = 0; i < 300; i++) {
        await storage.log.appendUpdates(BOARD, [
          { participantId: null, update: new Uint8Array(2000), at: i },
        ]);
      }
      await vi.waitFor(() => expect(fs.statSync(file).size).toBeGreaterThan(sizeBefore + 600_000), {
        timeout: 5000,
      });
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
      await storage.close();
      expect(fs.existsSync(`${file}-wal`)).toBe(false);
      const reopened = openSqliteStorage(dir);
      expect(await reopened.log.countUpdates(BOARD)).toBe(1 + 300);
      await reopened.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the pages a seal freed back when it closes, below the threshold a running server keeps', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-storage-'));
    const file = path.join(dir, 'common-ground.sqlite');
    try {
      const storage = openSqliteStorage(dir);
      await seedBoard(storage);
      // About 120 pages of log rows, sealed into one small segment: fewer free pages than a running server keeps.
      for (let i = 0; i < 120; i++) {
        await storage.log.appendUpdates(BOARD, [
          { participantId: null, update: new Uint8Array(3000), at: i },
        ]);
      }
      expect(await storage.log.sealThrough(BOARD, 121)).toBeGreaterThanOrEqual(120);
      const freeWhileOpen = new Database(file, { readonly: true });
      expect(freeWhileOpen.pragma('freelist_count', { simple: true })).toBeGreaterThan(50);
      freeWhileOpen.close();
      await storage.close();
      const closed = new Database(file, { readonly: true });
      expect(closed.pragma('freelist_count', { simple: true })).toBe(0);
      closed.close();
      const reopened = openSqliteStorage(dir);
      expect(await reopened.log.countUpdates(BOARD)).toBe(121);
      await reopened.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checkpoints a small write once it is old enough, and not before', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-storage-'));
    const file = path.join(dir, 'common-ground.sqlite');
    try {
      const storage = openSqliteStorage(dir, undefined, { afterMs: 2500 });
      await seedBoard(storage);
      const sizeBefore = fs.statSync(file).size;
      const writtenAt = Date.now();
      await storage.log.appendUpdates(BOARD, [
        { participantId: null, update: new Uint8Array(50_000), at: 1 },
      ]);
      await vi.waitFor(() => expect(fs.statSync(file).size).toBeGreaterThan(sizeBefore + 40_000), {
        timeout: 8000,
        interval: 50,
      });
      // No worker runs until a checkpoint is due: the first small write (the seed) starts one 2.5 s later, which
      // takes everything written by then, not earlier.
      expect(Date.now() - writtenAt).toBeGreaterThanOrEqual(1500);
      await storage.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 10_000);
});
