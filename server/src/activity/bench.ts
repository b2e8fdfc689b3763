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
import type { Storage } from '../storage/types';
import { boardAsOf } from './asOf';
import { ActivityService } from './service';

const UPDATES = Number(process.argv[2] ?? 20_000);
const START = 1_800_000_000_000;
const STEP_MS = 3_000;

/** A plausible session: a few hundred goals, mostly typing, some moves and comments, five people taking turns. */
function fillLog(storage: Storage, boardId: string, people: string[]): void {
  const doc = new Y.Doc();
  let sender: string | null = null;
  let at = START;
  doc.on('update', (update: Uint8Array) => storage.appendUpdate(boardId, sender, update, at));
  initBoard(doc, 'Bench', at);
  const goals: string[] = [];
  storage.transaction(() => {
    let logged = 0;
    doc.on('update', () => logged++);
    for (let i = 1; logged < UPDATES; i++) {
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
  });
  doc.destroy();
}

function time<T>(fn: () => T): [number, T] {
  const start = performance.now();
  const result = fn();
  return [Math.round((performance.now() - start) * 10) / 10, result];
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'common-ground-bench-'));
const storage = openSqliteStorage(dir);
try {
  const boardId = randomId();
  storage.createBoard({ id: boardId, title: 'Bench', createdAt: START });
  const people = Array.from({ length: 5 }, (_, i) => {
    const id = randomId();
    storage.createParticipant({
      id,
      boardId,
      name: `P${i}`,
      role: 'facilitator',
      partnerId: null,
      color: '#000000',
      tokenHash: randomId(),
      createdAt: START,
    });
    return id;
  });
  const [fillMs] = time(() => fillLog(storage, boardId, people));
  const end = START + UPDATES * STEP_MS;
  const viewer = { partnerId: null };
  const activity = new ActivityService(storage);
  const [coldFeedMs, feed] = time(() => activity.feed(boardId, viewer, { limit: 200 }));
  const [warmFeedMs] = time(() => activity.feed(boardId, viewer, { limit: 200 }));
  const replay = activity.replays.get(boardId);
  const [asOfNowMs] = time(() => boardAsOf(storage, replay, boardId, viewer, end));
  const [asOfMiddleMs, middle] = time(() =>
    boardAsOf(storage, replay, boardId, viewer, START + (UPDATES / 2) * STEP_MS + 1),
  );
  const [asOfEarlyMs] = time(() => boardAsOf(storage, replay, boardId, viewer, START + 500 * STEP_MS));
  const goalId = middle.goals[0]?.id ?? '';
  const [historyMs, history] = time(() => activity.history(boardId, goalId));
  const [voiceBalanceMs] = time(() => activity.voiceBalance(boardId, viewer));
  const cold = new ActivityService(storage);
  const [coldAsOfMs] = time(() =>
    boardAsOf(storage, cold.replays.get(boardId), boardId, viewer, end / 2 + START / 2),
  );
  console.log(
    JSON.stringify({
      updates: storage.countUpdates(boardId),
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
  storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
