import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Round } from '@common-ground/shared/api';
import { proposeGoal, readGoals } from '@common-ground/shared/schema';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPostgresStorage } from '../../server/src/storage/postgres/postgresStorage';
import type { Storage } from '../../server/src/storage/types';
import { onlyBackupIn, runBackupCli, snapshotDir } from '../helpers/backupCli';
import { api, createClientPool, seedBoard } from '../helpers/clients';
import { createTestDatabase, databaseUrl, NO_DATABASE_REASON } from '../helpers/postgres';
import { ensurePostgresClientTools } from '../helpers/postgresTools';
import { roundsApi } from '../helpers/roundsApi';
import { makeDataDir, type SpawnedServer, spawnServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

const titles = (doc: Y.Doc) => readGoals(doc).map((goal) => goal.title);

describe('npm run backup and npm run restore (SQLite)', () => {
  const pool = createClientPool();
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    pool.destroyAll();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const tempDir = async () => {
    const dir = await makeDataDir();
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    return dir;
  };
  const serverOn = async (dataDir: string) => {
    const server = await spawnServer({ dataDir });
    cleanups.push(() => server.kill('SIGKILL'));
    return server;
  };

  it('backs up while two clients write: every acknowledged update is in it, restored and served', async () => {
    const dataDir = await tempDir();
    const outDir = await tempDir();
    const server = await serverOn(dataDir);
    const board = await seedBoard(server.url);
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const b = pool.connect(server.url, board.boardId, board.partnerB.token);
    await Promise.all([a.synced, b.synced]);
    const goal = proposeGoal(a.doc, { title: 'Runde', description: '.', createdBy: 'a', now: 1 });
    await waitFor(() => titles(b.doc).includes('Runde'), { message: 'B to see the goal' });
    const rounds = roundsApi(server.url);
    const opened = await rounds.open(board.boardId, board.facilitator.token, { goalId: goal });
    expect(opened.status).toBe(201);
    const roundId = (opened.body as Round).id;
    const stance = await rounds.stance(board.boardId, roundId, board.partnerA.token, { stance: 'agree' });
    expect(stance.status, 'the stance accepted before the backup').toBe(201);

    // Both partners write numbered goals, ~40/s each. The server commits an update before it broadcasts it, so
    // one the other client has received is acknowledged (as in the SIGKILL tests).
    let written = 0;
    const writing = setInterval(() => {
      written++;
      proposeGoal(a.doc, { title: `A${written}`, description: '.', createdBy: 'a', now: written });
      proposeGoal(b.doc, { title: `B${written}`, description: '.', createdBy: 'b', now: written });
    }, 25);
    cleanups.push(() => clearInterval(writing));
    const seenBy = (client: typeof a, prefix: string) =>
      titles(client.doc).filter((t) => t.startsWith(prefix));
    await waitFor(() => seenBy(b, 'A').length >= 20 && seenBy(a, 'B').length >= 20, {
      timeout: 15_000,
      message: 'a stream of goals in both directions',
    });

    const acknowledged = [...seenBy(b, 'A'), ...seenBy(a, 'B')];
    const backup = await runBackupCli('backup', ['--out', outDir], { DATA_DIR: dataDir });
    const seenAfterBackup = seenBy(b, 'A').length;
    const writtenByThen = written;
    expect(backup.code, backup.stderr).toBe(0);
    // The server kept taking writes while the backup ran, and goes on after it.
    await waitFor(() => seenBy(b, 'A').length > seenAfterBackup + 5, {
      timeout: 15_000,
      message: 'writes to go on after the backup',
    });
    clearInterval(writing);

    const file = onlyBackupIn(outDir, 'sqlite');
    expect(path.basename(file)).toMatch(/^common-ground-\d{4}-\d\d-\d\dT\d{6}Z\.sqlite$/);
    expect(backup.stdout).toContain(file);
    expect(backup.stdout).toContain("SQLite's integrity check: ok");
    expect(backup.stdout).not.toContain('DIFFERENT');
    expect(backup.stdout).toMatch(
      /It holds 1 board, 4 participants, 1 consensus round, 1 stance, \d+ logged board changes/,
    );
    expect(fs.readdirSync(outDir).sort()).toEqual([path.basename(file), `${path.basename(file)}.sha256`]);
    // One self-contained file: no write-ahead log, and nothing half-written left behind.
    expect(new Database(file, { readonly: true }).pragma('journal_mode', { simple: true })).toBe('delete');

    const restoredDir = path.join(await tempDir(), 'restored');
    const restored = await runBackupCli('restore', [file], { DATA_DIR: restoredDir });
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('Checksum: ok');
    expect(restored.stdout).toContain(path.join(restoredDir, 'common-ground.sqlite'));

    await server.kill('SIGTERM');
    const second = await serverOn(restoredDir);
    const fresh = pool.connect(second.url, board.boardId, board.observer.token);
    await fresh.synced;
    const restoredTitles = titles(fresh.doc);
    expect(restoredTitles).toEqual(expect.arrayContaining(['Runde', ...acknowledged]));
    // Nothing from after the backup: A had not even written more goals when it ended.
    expect(restoredTitles.filter((t) => t.startsWith('A')).length).toBeLessThanOrEqual(writtenByThen);
    const list = await roundsApi(second.url).list(board.boardId, board.facilitator.token);
    const kept = (list.body as { rounds: Round[] }).rounds.find((r) => r.id === roundId);
    expect(kept?.tally.agree, 'the stance accepted before the backup').toBe(1);
    const info = await api(second.url).request('GET', `/api/boards/${board.boardId}`, {
      token: board.partnerA.token,
    });
    expect(info.status).toBe(200);
  }, 60_000);

  /** A stopped server's data directory with one board in it, and a verified backup of it. */
  async function backedUp(): Promise<{ dataDir: string; file: string; server: SpawnedServer }> {
    const dataDir = await tempDir();
    const server = await serverOn(dataDir);
    const board = await seedBoard(server.url);
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    await a.synced;
    proposeGoal(a.doc, { title: 'Grünfläche', description: 'Hinter dem Bürgerhaus', createdBy: 'a', now: 1 });
    const b = pool.connect(server.url, board.boardId, board.partnerB.token);
    await waitFor(() => titles(b.doc).includes('Grünfläche'), { message: 'B to see the goal' });
    const outDir = await tempDir();
    const result = await runBackupCli('backup', ['--out', outDir], { DATA_DIR: dataDir });
    expect(result.code, result.stderr).toBe(0);
    return { dataDir, file: onlyBackupIn(outDir, 'sqlite'), server };
  }

  /**
   * A restore that must be refused: exit 1, the reason on stderr, the target exactly as it was (with a server
   * running on it, which may checkpoint at any time: the same files).
   */
  async function refused(file: string, dataDir: string, reason: RegExp, live = false): Promise<void> {
    const view = () => (live ? Object.keys(snapshotDir(dataDir)) : snapshotDir(dataDir));
    const before = view();
    const result = await runBackupCli('restore', [file], { DATA_DIR: dataDir });
    expect(result.code, result.stdout).toBe(1);
    expect(result.stderr).toMatch(reason);
    expect(view()).toEqual(before);
  }

  it('refuses to restore over a data directory that holds a database, running server or not', async () => {
    const { dataDir, file, server } = await backedUp();
    // The server runs on it: its database (and WAL) are open there.
    await refused(file, dataDir, /already holds a database.*nothing was changed/s, true);
    await server.kill('SIGTERM');
    await refused(file, dataDir, /already holds a database/);
    // Only the database counts: a folder that holds just the backups is empty enough.
    const target = await tempDir();
    fs.mkdirSync(path.join(target, 'backups'));
    const result = await runBackupCli('restore', [file], { DATA_DIR: target });
    expect(result.code, result.stderr).toBe(0);

    // A plain copy of a cleanly stopped server's file is whole (still marked WAL in its header): accepted, and
    // verified without leaving -wal or -shm files beside it.
    const copies = await tempDir();
    const cold = path.join(copies, 'cold-copy.sqlite');
    fs.copyFileSync(path.join(dataDir, 'common-ground.sqlite'), cold);
    const fromCopy = await runBackupCli('restore', [cold], { DATA_DIR: path.join(copies, 'target') });
    expect(fromCopy.code, fromCopy.stderr).toBe(0);
    expect(fromCopy.stdout).toContain('No .sha256 file beside it to check');
    expect(fs.readdirSync(path.join(copies, 'target'))).toEqual(['common-ground.sqlite']);
    // A copy with a write-ahead log beside it is a live database's: refused.
    fs.writeFileSync(`${cold}-wal`, 'frames');
    await refused(cold, path.join(copies, 'other'), /write-ahead log beside it/);
  }, 60_000);

  it('refuses a truncated, a corrupt, a tampered, a foreign and a non-SQLite file; the target stays empty', async () => {
    const { file } = await backedUp();
    const work = await tempDir();
    const target = path.join(work, 'target');
    const bytes = fs.readFileSync(file);
    const variant = (name: string, content: Buffer | string) => {
      const copy = path.join(work, name);
      fs.writeFileSync(copy, content);
      return copy;
    };

    // Without the .sha256 beside them: SQLite's own checks must catch these.
    await refused(
      variant('truncated.sqlite', bytes.subarray(0, Math.floor(bytes.length / 2))),
      target,
      /damaged|not an intact/,
    );
    const pageSize = bytes.readUInt16BE(16);
    const corrupt = Buffer.from(bytes);
    // Every page after the first gets a garbage b-tree header.
    for (let page = pageSize; page < corrupt.length; page += pageSize) corrupt.fill(0xff, page, page + 12);
    await refused(variant('corrupt.sqlite', corrupt), target, /damaged|not an intact/);
    await refused(
      variant('notes.sqlite', 'Protokoll der Sitzung vom 3. März\n'.repeat(200)),
      target,
      /not an intact SQLite database/,
    );
    const foreign = path.join(work, 'foreign.sqlite');
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (text TEXT)');
    other.close();
    await refused(foreign, target, /not one of Common Ground/);
    await refused(path.join(work, 'missing.sqlite'), target, /no backup file/);

    // A byte changed inside a goal's text passes every SQLite check; the recorded checksum does not.
    const tampered = variant('tampered.sqlite', bytes);
    const at = bytes.indexOf('Grünfläche');
    expect(at).toBeGreaterThan(0);
    const changed = Buffer.from(bytes);
    changed[at] = 'K'.charCodeAt(0);
    fs.writeFileSync(tampered, changed);
    fs.copyFileSync(`${file}.sha256`, `${tampered}.sha256`);
    await refused(tampered, target, /SHA-256 differs/);

    expect(fs.existsSync(target)).toBe(false);
    expect(fs.readdirSync(work).filter((name) => name.includes('restoring'))).toEqual([]);
  }, 60_000);

  it('fails with exit code 1 and writes nothing when there is no database or the folder cannot be written', async () => {
    const empty = await tempDir();
    const outDir = path.join(empty, 'out');
    const none = await runBackupCli('backup', ['--out', outDir], { DATA_DIR: path.join(empty, 'data') });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no database to back up/);
    expect(fs.existsSync(outDir)).toBe(false);

    const { dataDir } = await backedUp();
    const blocker = path.join(empty, 'a-file');
    fs.writeFileSync(blocker, 'not a folder');
    const blocked = await runBackupCli('backup', ['--out', blocker], { DATA_DIR: dataDir });
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(/Cannot create the backup folder/);
    expect(fs.readFileSync(blocker, 'utf8')).toBe('not a folder');
  }, 60_000);

  it.skipIf(process.platform === 'win32')(
    'fails with exit code 1 and removes the half-written file when the disk fills up',
    async () => {
      const { dataDir } = await backedUp();
      const outDir = await tempDir();
      // The database is ~350 KB; a 100 KB limit on every file the backup writes stands in for a full disk.
      const live = new Database(path.join(dataDir, 'common-ground.sqlite'), { readonly: true });
      const bytes =
        Number(live.pragma('page_count', { simple: true })) *
        Number(live.pragma('page_size', { simple: true }));
      live.close();
      expect(bytes).toBeGreaterThan(200 * 1024);
      const full = await runBackupCli('backup', ['--out', outDir], { DATA_DIR: dataDir }, 100);
      expect(full.code).toBe(1);
      expect(full.stderr).toMatch(/The backup failed: the disk refused a write/);
      expect(fs.readdirSync(outDir)).toEqual([]);
    },
    60_000,
  );
});

/** A board's document as the storage holds it. */
async function documentOf(storage: Storage, docKey: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const loaded = await storage.log.loadDocument(docKey);
  if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
  for (const { update } of loaded.updates) Y.applyUpdate(doc, update);
  return doc;
}

/** A new, empty database named as the brief of this test says, dropped after it. */
async function restoreDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `cg_restore_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  // The name is ours (hex), never input: CREATE DATABASE takes no bound parameters.
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

describe.skipIf(!databaseUrl)(
  `npm run backup and npm run restore on PostgreSQL${databaseUrl ? '' : ` (${NO_DATABASE_REASON})`}`,
  () => {
    const pool = createClientPool();
    const cleanups: (() => Promise<void> | void)[] = [];
    beforeAll(() => {
      const problem = ensurePostgresClientTools();
      if (problem) throw new Error(problem);
    }, 300_000);
    afterEach(async () => {
      pool.destroyAll();
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    it('dumps the live database with pg_dump and restores it into a fresh database that serves the board', async () => {
      const source = await createTestDatabase();
      cleanups.push(() => source.drop());
      const dataDir = await makeDataDir();
      const outDir = await makeDataDir();
      cleanups.push(() => {
        fs.rmSync(dataDir, { recursive: true, force: true });
        fs.rmSync(outDir, { recursive: true, force: true });
      });
      const server = await spawnServer({ dataDir, env: { DATABASE_URL: source.url } });
      cleanups.push(() => server.kill('SIGKILL'));
      const board = await seedBoard(server.url);
      const a = pool.connect(server.url, board.boardId, board.partnerA.token);
      const b = pool.connect(server.url, board.boardId, board.partnerB.token);
      await Promise.all([a.synced, b.synced]);
      const goal = proposeGoal(a.doc, {
        title: 'Spielplatz',
        description: 'Bis Mai',
        createdBy: 'a',
        now: 1,
      });
      proposeGoal(b.doc, { title: 'Mehr Bänke', description: 'Im Park', createdBy: 'b', now: 2 });
      await waitFor(() => titles(a.doc).length === 2 && titles(b.doc).length === 2, {
        message: 'both goals acknowledged',
      });
      const rounds = roundsApi(server.url);
      const opened = await rounds.open(board.boardId, board.facilitator.token, { goalId: goal });
      const roundId = (opened.body as Round).id;
      expect(opened.status).toBe(201);
      expect(
        (await rounds.stance(board.boardId, roundId, board.partnerB.token, { stance: 'agree' })).status,
      ).toBe(201);

      const backup = await runBackupCli('backup', ['--out', outDir], { DATABASE_URL: source.url });
      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stdout).toContain('pg_dump');
      expect(backup.stdout).toMatch(/It holds 1 board, 4 participants, 1 consensus round, 1 stance/);
      expect(backup.stdout).not.toContain(new URL(source.url).password || '\u0000');
      const file = onlyBackupIn(outDir, 'dump');
      expect(fs.existsSync(`${file}.sha256`)).toBe(true);
      // Written after the backup: not in it.
      proposeGoal(a.doc, { title: 'Später', description: '.', createdBy: 'a', now: 3 });
      await waitFor(() => titles(b.doc).includes('Später'), { message: 'the late goal acknowledged' });

      const target = await restoreDatabase(databaseUrl ?? '');
      cleanups.push(() => target.drop());
      const restored = await runBackupCli('restore', [file], { DATABASE_URL: target.url });
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toContain('Checksum: ok');

      const storage = await openPostgresStorage(target.url);
      try {
        expect(titles(await documentOf(storage, board.boardId)).sort()).toEqual(['Mehr Bänke', 'Spielplatz']);
        const stored = await storage.rounds.listRounds(board.boardId);
        expect(stored.map((r) => r.id)).toEqual([roundId]);
        expect(stored[0]?.stances.map((s) => s.stance)).toEqual(['agree']);
      } finally {
        await storage.close();
      }
      // A server on the restored database serves the board to a returning device.
      await server.kill('SIGTERM');
      const second = await spawnServer({ dataDir, env: { DATABASE_URL: target.url } });
      cleanups.push(() => second.kill('SIGKILL'));
      const fresh = pool.connect(second.url, board.boardId, board.observer.token);
      await fresh.synced;
      expect(titles(fresh.doc).sort()).toEqual(['Mehr Bänke', 'Spielplatz']);

      // The target now holds data: a second restore is refused and changes nothing; so is a SQLite file.
      const again = await runBackupCli('restore', [file], { DATABASE_URL: target.url });
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/already holds \d+ tables.*nothing was changed/);
      const notADump = path.join(outDir, 'board.sqlite');
      fs.writeFileSync(notADump, 'SQLite format 3\u0000');
      const wrongKind = await runBackupCli('restore', [notADump], { DATABASE_URL: target.url });
      expect(wrongKind.code).toBe(1);
      expect(wrongKind.stderr).toMatch(/not a PostgreSQL dump/);
    }, 90_000);
  },
);
