import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { readBoardTitle, readGoals } from '@common-ground/shared/schema';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BENCH_START, BENCH_STEP_MS, fillBenchLog } from '../../server/src/activity/benchLog';
import { CHECKPOINT_EVERY } from '../../server/src/activity/replay';
import { replayStats } from '../../server/src/activity/turns';
import { boardDocKey } from '../../server/src/rooms/docKeys';
import { activityApi } from '../helpers/activityApi';
import { api, type SeededBoard, seedBoard } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';

/** Long enough that a replay takes dozens of slices, short enough to write in well under a second. */
const UPDATES = 5_000;

/** A board whose document log has UPDATES more entries, written straight to storage as the partners' edits. */
async function longBoard(server: TestServer): Promise<SeededBoard & { lastAt: number }> {
  const board = await seedBoard(server.url);
  const people = [
    board.partnerA.participantId,
    board.partnerB.participantId,
    board.facilitator.participantId,
  ];
  const lastAt = await fillBenchLog(server.server.storage, boardDocKey(board.boardId), people, {
    updates: UPDATES,
    heavyEvery: 500,
  });
  return { ...board, lastAt };
}

/** GET /api/health answered while `pending` (a request that replays the log) has not: its time in ms. */
async function healthDuring(server: TestServer, pending: Promise<unknown>): Promise<number> {
  let done = false;
  void pending.then(() => {
    done = true;
  });
  // The first slice of the replay has run: it is in progress now.
  await once(replayStats, 'slice');
  const start = performance.now();
  const health = await api(server.url).request('GET', '/api/health');
  const ms = performance.now() - start;
  expect(health.status).toBe(200);
  expect(done).toBe(false);
  return ms;
}

describe('history requests on a long log', () => {
  let server: TestServer | null = null;

  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('replay a board once, in slices the health check gets between, then only what was logged since', async () => {
    server = await startTestServer();
    const board = await longBoard(server);
    const logged = await server.server.storage.log.countUpdates(boardDocKey(board.boardId));
    const client = activityApi(server.url);
    const token = board.observer.token;
    const before = replayStats.logUpdates;

    // Three requests at once on a cold board: one replay, shared.
    const feed = client.activity(board.boardId, token, '?limit=5');
    expect(await healthDuring(server, feed)).toBeLessThan(1000);
    const [first] = await Promise.all([
      feed,
      client.sinceLastVisit(board.boardId, token),
      client.voiceBalance(board.boardId, token),
    ]);
    expect(first.events).toHaveLength(5);
    expect(replayStats.logUpdates - before).toBe(logged);

    // Later requests apply only the updates logged since.
    await fillBenchLog(server.server.storage, boardDocKey(board.boardId), [board.partnerA.participantId], {
      updates: 9,
    });
    const grown = await server.server.storage.log.countUpdates(boardDocKey(board.boardId));
    const warm = replayStats.logUpdates;
    await client.activity(board.boardId, token);
    await client.activity(board.boardId, token);
    expect(replayStats.logUpdates - warm).toBe(grown - logged);
  });

  it('rebuilds "as of" from checkpoint parts and at most CHECKPOINT_EVERY updates, equal to the log up to then', async () => {
    server = await startTestServer();
    const board = await longBoard(server);
    const docKey = boardDocKey(board.boardId);
    const logged = await server.server.storage.log.countUpdates(docKey);
    const client = activityApi(server.url);
    const token = board.observer.token;
    const at = BENCH_START + Math.floor(UPDATES * 0.6) * BENCH_STEP_MS + 1;

    // The first "as of" after a start replays the log for its attribution; the health check answers meanwhile.
    const cold = client.asOf(board.boardId, token, at);
    expect(await healthDuring(server, cold)).toBeLessThan(1000);
    await cold;

    const updates = replayStats.asOfUpdates;
    const parts = replayStats.asOfParts;
    const replayed = replayStats.logUpdates;
    const asOf = await client.asOf(board.boardId, token, at);
    expect(replayStats.asOfUpdates - updates).toBeLessThanOrEqual(CHECKPOINT_EVERY);
    expect(replayStats.asOfParts - parts).toBeLessThanOrEqual(Math.ceil(logged / CHECKPOINT_EVERY));
    expect(replayStats.logUpdates - replayed).toBe(0);

    // The reference: every update logged at or before `at`, applied in order.
    const reference = new Y.Doc();
    for (const entry of await server.server.storage.log.listUpdates(docKey, 0, at)) {
      Y.applyUpdate(reference, entry.update);
    }
    const goals = readGoals(reference);
    expect(goals.length).toBeGreaterThan(10);
    expect(asOf.title).toBe(readBoardTitle(reference));
    expect(
      asOf.goals.map(({ id, title, description, stage, rank }) => ({ id, title, description, stage, rank })),
    ).toEqual(
      goals.map(({ id, title, description, stage, rank }) => ({ id, title, description, stage, rank })),
    );
    reference.destroy();
  });
});
