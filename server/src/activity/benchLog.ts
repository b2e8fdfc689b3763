/** The long update log the activity benchmarks replay, written straight to storage (no room, no socket). */
import {
  addComment,
  editGoalText,
  goalText,
  initBoard,
  proposeGoal,
  STAGES,
  setGoalStage,
} from '@common-ground/shared/schema';
import * as Y from 'yjs';
import type { NewUpdate, Storage } from '../storage/types';

export const BENCH_START = 1_800_000_000_000;
export const BENCH_STEP_MS = 3_000;

export interface BenchLogOptions {
  readonly updates: number;
  /** Every this many updates one is an offline client's batch of many scattered edits (0 = none). */
  readonly heavyEvery?: number;
}

/** Edits a reconnecting client sends as one update: each a separate Yjs item, so applying it costs per edit. */
const HEAVY_EDITS = 400;

/**
 * A plausible session: a few hundred goals, mostly typing, some moves and comments, five people taking turns;
 * optionally with heavy updates mixed in. Returns the time of the last update.
 */
export async function fillBenchLog(
  storage: Pick<Storage, 'log'>,
  docKey: string,
  people: readonly string[],
  { updates, heavyEvery = 0 }: BenchLogOptions,
): Promise<number> {
  const doc = new Y.Doc();
  const log: NewUpdate[] = [];
  let sender: string | null = null;
  let at = BENCH_START;
  doc.on('update', (update: Uint8Array) => log.push({ participantId: sender, update, at }));
  initBoard(doc, 'Bench', at);
  const goals: string[] = [];
  for (let i = 1; log.length <= updates; i++) {
    at += BENCH_STEP_MS;
    sender = people[Math.floor(i / 40) % people.length] ?? null;
    const goalId = goals[Math.floor(i / 40) % Math.max(goals.length, 1)];
    if (i % 80 === 1 || !goalId) {
      goals.push(proposeGoal(doc, { title: `Ziel ${i}`, description: '', createdBy: 'x', now: at }));
    } else if (heavyEvery > 0 && i % heavyEvery === 0) {
      doc.transact(() => {
        for (let edit = 0; edit < HEAVY_EDITS; edit++) {
          const length = goalText(doc, goalId, 'description')?.length ?? 0;
          editGoalText(doc, goalId, 'description', {
            index: (edit * 7919) % (length + 1),
            deleteCount: 0,
            insert: 'xy',
          });
        }
      });
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
  await storage.log.appendUpdates(docKey, log);
  return at;
}
