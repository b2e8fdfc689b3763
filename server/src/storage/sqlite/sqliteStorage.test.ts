import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  addPartner,
  BOARD,
  FACILITATOR,
  ROUND_REWRITES,
  seedBoard,
  seedClosedRound,
} from '../suite/fixtures';
import { MIGRATIONS } from './migrations';
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
      expect((await second.getBoard(BOARD))?.title).toBe('Runder Tisch');
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
    const previous = MIGRATIONS.length - 1;
    for (const migration of MIGRATIONS.slice(0, previous)) old.exec(migration);
    old.pragma(`user_version = ${previous}`);
    old.prepare("INSERT INTO boards (id, title, created_at) VALUES (?, 'Alt', 1)").run(BOARD);
    old
      .prepare("INSERT INTO doc_updates (doc_key, data, at) VALUES (?, x'01', 1), (?, x'02', 2)")
      .run(BOARD, BOARD);
    const migrated = new SqliteStorage(old);
    try {
      expect(old.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      const [first, second] = (await migrated.loadDocument(BOARD)).updates.map((u) => u.seq);
      await migrated.quarantineUpdates(BOARD, [{ seq: first ?? 0, reason: 'old' }], 3);
      expect((await migrated.loadDocument(BOARD)).updates.map((u) => u.seq)).toEqual([second]);
      expect(await migrated.countQuarantined()).toBe(1);
    } finally {
      await migrated.close();
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
        await storage.appendUpdates(BOARD, [{ participantId: null, update: new Uint8Array(2000), at: i }]);
      }
      await vi.waitFor(() => expect(fs.statSync(file).size).toBeGreaterThan(sizeBefore + 600_000), {
        timeout: 5000,
      });
      expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
      await storage.close();
      expect(fs.existsSync(`${file}-wal`)).toBe(false);
      const reopened = openSqliteStorage(dir);
      expect(await reopened.countUpdates(BOARD)).toBe(1 + 300);
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
      await storage.appendUpdates(BOARD, [{ participantId: null, update: new Uint8Array(50_000), at: 1 }]);
      await vi.waitFor(() => expect(fs.statSync(file).size).toBeGreaterThan(sizeBefore + 40_000), {
        timeout: 8000,
        interval: 50,
      });
      // The worker looks once a second and takes a small write at its first look 2.5 s after its last checkpoint
      // (here: its start), not earlier.
      expect(Date.now() - writtenAt).toBeGreaterThanOrEqual(1500);
      await storage.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 10_000);
});
