import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { PURGE_EXEMPT_TABLES, PURGE_STATEMENTS } from '../parts/lifecycle';
import { addPartner, BOARD, ROUND_REWRITES, seedBoard, seedClosedRound } from '../suite/fixtures';
import { SqliteStorage } from './sqliteStorage';

/** The purge's way past the append-only triggers, and that it is the only one. */
describe('SQLite purge of a deleted board', () => {
  let db: Database.Database;
  let storage: SqliteStorage;

  beforeEach(async () => {
    db = new Database(':memory:');
    storage = new SqliteStorage(db);
    await seedBoard(storage);
    await seedBoard(storage, 'board-2');
    await addPartner(storage, 'partner-a');
    await seedClosedRound(storage, 'partner-a');
  });

  it('knows every table of the schema: each is purged or holds no board’s rows', () => {
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all()
      .map((row) => row.name);
    const known = new Set([...PURGE_STATEMENTS.map((s) => s.table), ...PURGE_EXEMPT_TABLES]);
    expect(tables.filter((table) => !known.has(table))).toEqual([]);
  });

  it('still refuses to delete rounds, closures and stances, also with a permit for another board', () => {
    for (const statement of ROUND_REWRITES) {
      expect(() => db.prepare(statement).run(), statement).toThrow(/append-only/);
    }
    db.prepare('INSERT INTO purge_permits (board_id) VALUES (?)').run('board-2');
    for (const statement of ROUND_REWRITES) {
      expect(() => db.prepare(statement).run(), statement).toThrow(/append-only/);
    }
    // Even for the permitted board itself, nothing may be rewritten.
    db.prepare('INSERT INTO purge_permits (board_id) VALUES (?)').run(BOARD);
    for (const statement of ROUND_REWRITES.filter((s) => s.startsWith('UPDATE'))) {
      expect(() => db.prepare(statement).run(), statement).toThrow(/append-only/);
    }
  });

  it('leaves no permit behind, and none survives a failed purge', async () => {
    expect(await storage.lifecycle.purgeBoard(BOARD)).toBe(true);
    expect(db.prepare('SELECT count(*) AS n FROM purge_permits').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM rounds').get()).toEqual({ n: 0 });
  });
});
