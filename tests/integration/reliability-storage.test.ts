import path from 'node:path';
import { goalText, proposeGoal, readGoals } from '@common-ground/shared/schema';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStorage } from '../../server/src/storage/sqlite/sqliteStorage';
import { api, createClientPool, type SeededBoard, seedBoard } from '../helpers/clients';
import { makeDataDir, startTestServer, type TestServer } from '../helpers/server';
import { waitFor, waitForEvent } from '../helpers/wait';

const NO_RATE_LIMITS = { apiPerIp: 0, apiPerToken: 0, wsPerIp: 0, wsPerToken: 0, trustedProxies: [] };

/**
 * A real full disk: the server's SQLite database gets `max_page_count` = its current size, so the next write that
 * needs a new page fails with SQLITE_FULL, exactly as on a full file system; raising it is "space returns".
 */
describe('storage faults: the disk fills up', () => {
  const pool = createClientPool();
  let db: Database.Database;
  let server: TestServer;
  let board: SeededBoard;
  let other: SeededBoard;

  const fillDisk = () => db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
  const freeDisk = () => db.pragma('max_page_count = 1073741823');

  beforeEach(async () => {
    const dataDir = await makeDataDir();
    db = new Database(path.join(dataDir, 'capped.sqlite'));
    server = await startTestServer({
      dataDir,
      storage: new SqliteStorage(db),
      config: { rateLimits: NO_RATE_LIMITS },
    });
    [board, other] = await Promise.all([seedBoard(server.url), seedBoard(server.url)]);
  });
  afterEach(async () => {
    pool.destroyAll();
    await server.close();
  });

  it('broadcasts nothing it could not store, closes the writer with 1011, serves reads, and recovers', async () => {
    const writer = pool.connect(server.url, board.boardId, board.partnerA.token);
    const reader = pool.connect(server.url, board.boardId, board.partnerB.token);
    const elsewhere = pool.connect(server.url, other.boardId, other.partnerA.token);
    await Promise.all([writer.synced, reader.synced, elsewhere.synced]);
    const storedBefore = await server.server.storage.log.countUpdates(board.boardId);

    fillDisk();
    // Large enough to need new pages (overflow pages of the update row).
    const description = 'Langer Text. '.repeat(1500);
    const writerClosed = waitForEvent<[CloseEvent | null]>(writer.provider, 'connection-close', {
      filter: (event) => event?.code === 1011,
    });
    const readerClosed = waitForEvent<[CloseEvent | null]>(reader.provider, 'connection-close', {
      filter: (event) => event?.code === 1011,
    });
    const goalId = proposeGoal(writer.doc, { title: 'Spielplatz', description, createdBy: 'a', now: 1 });
    const [[closeEvent]] = await Promise.all([writerClosed, readerClosed]);
    expect(closeEvent?.reason).toBe('Update could not be stored');
    // The reader's socket closed right after the failed append: anything broadcast would have come before.
    expect(readGoals(reader.doc)).toEqual([]);
    expect(await server.server.storage.log.countUpdates(board.boardId)).toBe(storedBefore);

    // Reads keep being served: the API, and a fresh reader of another board over websocket.
    const info = await api(server.url).request('GET', `/api/boards/${board.boardId}`, {
      token: board.observer.token,
    });
    expect(info.status).toBe(200);
    const late = pool.connect(server.url, other.boardId, other.observer.token);
    await late.synced;
    expect(elsewhere.provider.wsconnected).toBe(true);

    freeDisk();
    // The writer's provider still holds the edit and sends it again on its next reconnect.
    await waitFor(() => goalText(reader.doc, goalId, 'description')?.toString() === description, {
      timeout: 15_000,
      message: 'the edit to arrive once space returned',
    });
    expect(await server.server.storage.log.countUpdates(board.boardId)).toBeGreaterThan(storedBefore);
    const fresh = pool.connect(server.url, board.boardId, board.observer.token);
    await fresh.synced;
    expect(goalText(fresh.doc, goalId, 'title')?.toString()).toBe('Spielplatz');
  });

  it('answers API writes on a full disk with 503 and works again once space returns', async () => {
    fillDisk();
    const client = api(server.url);
    // Enough invites to need a new page; each refused one must leave no row behind.
    const statuses = new Set<number>();
    for (let i = 0; i < 200 && !statuses.has(503); i++) {
      const result = await client.request('POST', `/api/boards/${board.boardId}/invites`, {
        token: board.facilitator.token,
        body: { role: 'partner' },
      });
      statuses.add(result.status);
      if (result.status === 503) {
        expect(result.body).toMatchObject({ error: { code: 'internal' } });
        expect(result.headers.get('retry-after')).toBe('10');
      }
    }
    expect(statuses.has(503)).toBe(true);
    freeDisk();
    expect(
      (await client.createInvite(board.boardId, board.facilitator.token, { role: 'partner' })).code,
    ).toMatch(/^[0-9A-Z]{10}$/);
  });
});
