/**
 * How fast activity, "as of" and history answer for a board with a long update log (default 20,000 updates).
 * Run: `npx tsx server/src/activity/bench.ts [updates]`. Prints one JSON line of milliseconds; asserts nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomId } from '@common-ground/shared/schema';
import { boardDocKey } from '../rooms/docKeys';
import { openSqliteStorage } from '../storage/sqlite/sqliteStorage';
import { BENCH_START, BENCH_STEP_MS, fillBenchLog } from './benchLog';
import { ActivityService } from './service';

const UPDATES = Number(process.argv[2] ?? 20_000);
const START = BENCH_START;
const STEP_MS = BENCH_STEP_MS;

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await fn();
  return [Math.round((performance.now() - start) * 10) / 10, result];
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'common-ground-bench-'));
const storage = openSqliteStorage(dir);
try {
  const boardId = randomId();
  const people = Array.from({ length: 5 }, () => randomId());
  const participant = (id: string, i: number) => ({
    id,
    boardId,
    name: `P${i}`,
    role: 'facilitator' as const,
    partnerId: null,
    color: '#000000',
    tokenHash: randomId(),
    createdAt: START,
  });
  await storage.accounts.createBoard({
    board: { id: boardId, title: 'Bench', createdAt: START },
    facilitator: participant(people[0] ?? '', 0),
    initialUpdates: [],
  });
  for (const [i, id] of people.entries())
    if (i > 0) await storage.accounts.createParticipant(participant(id, i));
  const [fillMs] = await time(() =>
    fillBenchLog(storage, boardDocKey(boardId), people, { updates: UPDATES }),
  );
  const end = START + UPDATES * STEP_MS;
  const viewer = { partnerId: null };
  const activity = new ActivityService(storage);
  const [coldFeedMs, feed] = await time(() => activity.feed(boardId, viewer, { limit: 200 }));
  const [warmFeedMs] = await time(() => activity.feed(boardId, viewer, { limit: 200 }));
  const replay = await activity.replays.get(boardId);
  const [asOfNowMs] = await time(() => activity.asOf(boardId, viewer, end));
  const [asOfMiddleMs, middle] = await time(() =>
    activity.asOf(boardId, viewer, START + (UPDATES / 2) * STEP_MS + 1),
  );
  const [asOfEarlyMs] = await time(() => activity.asOf(boardId, viewer, START + 500 * STEP_MS));
  const goalId = middle.goals[0]?.id ?? '';
  const [historyMs, history] = await time(() => activity.history(boardId, goalId));
  const [voiceBalanceMs] = await time(() => activity.voiceBalance(boardId, viewer));
  const cold = new ActivityService(storage);
  const [coldAsOfMs] = await time(() => cold.asOf(boardId, viewer, end / 2 + START / 2));
  console.log(
    JSON.stringify({
      updates: await storage.log.countUpdates(boardId),
      events: replay.events.length,
      goals: middle.goals.length,
      historyEntries: history?.events.length ?? 0,
      feedReturned: feed.events.length,
      fillMs,
      coldFeedMs,
      warmFeedMs,
      asOfNowMs,
      asOfMiddleMs,
      asOfEarlyMs,
      coldAsOfMs,
      historyMs,
      voiceBalanceMs,
      heapMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    }),
  );
} finally {
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
