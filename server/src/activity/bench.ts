/**
 * How fast activity, "as of" and history answer for a board with a long update log (default 20,000 updates).
 * Run: `npx tsx server/src/activity/bench.ts [updates]`. Prints one JSON line of milliseconds; asserts nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  addComment,
  editGoalText,
  goalText,
  initBoard,
  proposeGoal,
  randomId,
  STAGES,
  setGoalStage,
} from '@common-ground/shared';
import * as Y from 'yjs';
import { openSqliteStorage } from '../storage/sqlite/sqliteStorage';
import type { NewUpdate, Storage } from '../storage/types';
import { boardAsOf } from './asOf';
import { ActivityService } from './service';

const UPDATES = Number(process.argv[2] ?? 20_000);
const START = 1_800_000_000_000;
const STEP_MS = 3_000;

/** A plausible session: a few hundred goals, mostly typing, some moves and comments, five people taking turns. */
async function fillLog(storage: Storage, boardId: string, people: string[]): Promise<void> {
  const doc = new Y.Doc();
  const log: NewUpdate[] = [];
  let sender: string | null = null;
  let at = START;
  doc.on('update', (update: Uint8Array) => log.push({ participantId: sender, update, at }));
  initBoard(doc, 'Bench', at);
  const goals: string[] = [];
  for (let i = 1; log.length <= UPDATES; i++) {
    at += STEP_MS;
    sender = people[Math.floor(i / 40) % people.length] ?? null;
    const goalId = goals[Math.floor(i / 40) % Math.max(goals.length, 1)];
    if (i % 80 === 1 || !goalId) {
      goals.push(proposeGoal(doc, { title: `Ziel ${i}`, description: '', createdBy: 'x', now: at }));
    } else if (i % 97 === 0) {
      setGoalStage(doc, goalId, STAGES[i % 3] ?? 'proposed');
    } else if (i % 53 === 0) {
      addComment(doc, goalId, { authorId: 'x', text: `Kommentar ${i}`, now: at });
    } else {
      const length = goalText(doc, goalId, 'description')?.length ?? 0;
      editGoalText(doc, goalId, 'description', {
        index: length,
        deleteCount: 0,
        insert: 'ab '[i % 3] ?? 'a',
      });
    }
  }
  doc.destroy();
  await storage.appendUpdates(boardId, log);
}

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
  await storage.createBoard({
    board: { id: boardId, title: 'Bench', createdAt: START },
    facilitator: participant(people[0] ?? '', 0),
    initialUpdates: [],
  });
  for (const [i, id] of people.entries()) if (i > 0) await storage.createParticipant(participant(id, i));
  const [fillMs] = await time(() => fillLog(storage, boardId, people));
  const end = START + UPDATES * STEP_MS;
  const viewer = { partnerId: null };
  const activity = new ActivityService(storage);
  const [coldFeedMs, feed] = await time(() => activity.feed(boardId, viewer, { limit: 200 }));
  const [warmFeedMs] = await time(() => activity.feed(boardId, viewer, { limit: 200 }));
  const replay = await activity.replays.get(boardId);
  const [asOfNowMs] = await time(() => boardAsOf(storage, replay, boardId, viewer, end));
  const [asOfMiddleMs, middle] = await time(() =>
    boardAsOf(storage, replay, boardId, viewer, START + (UPDATES / 2) * STEP_MS + 1),
  );
  const [asOfEarlyMs] = await time(() => boardAsOf(storage, replay, boardId, viewer, START + 500 * STEP_MS));
  const goalId = middle.goals[0]?.id ?? '';
  const [historyMs, history] = await time(() => activity.history(boardId, goalId));
  const [voiceBalanceMs] = await time(() => activity.voiceBalance(boardId, viewer));
  const cold = new ActivityService(storage);
  const [coldAsOfMs] = await time(async () =>
    boardAsOf(storage, await cold.replays.get(boardId), boardId, viewer, end / 2 + START / 2),
  );
  console.log(
    JSON.stringify({
      updates: await storage.countUpdates(boardId),
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
