import * as Y from 'yjs';
import { randomId } from './ids';
import { IntentOrigin } from './origins';
import { compareRanked, isValidRank, rankBetween, ranksBetween } from './ranks';
import { isStage, STAGES, type Stage } from './stages';

export type GoalTextField = 'title' | 'description';

/** A goal as the UI reads it: plain values, validated. */
export interface Goal {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly stage: Stage;
  readonly rank: string;
  readonly createdBy: string;
  readonly createdAt: number;
  /** When the goal was withdrawn (server time); absent while it is on the board. It keeps its stage. */
  readonly withdrawnAt?: number;
  /** Who withdrew it (a participant id, checked by the server); absent when not withdrawn or unknown. */
  readonly withdrawnBy?: string;
}

const boardMap = (doc: Y.Doc) => doc.getMap<unknown>('board');
const goalsMap = (doc: Y.Doc) => doc.getMap<unknown>('goals');

export function readBoardTitle(doc: Y.Doc): string {
  const title = boardMap(doc).get('title');
  return typeof title === 'string' ? title : '';
}

export function initBoard(doc: Y.Doc, title: string, now: number): void {
  doc.transact(() => {
    boardMap(doc).set('title', title);
    boardMap(doc).set('createdAt', now);
  }, new IntentOrigin('initBoard'));
}

/** Reads one goal entry; anything malformed (foreign clients, old versions) yields null and is ignored. */
function readGoal(id: string, value: unknown): Goal | null {
  if (!(value instanceof Y.Map)) return null;
  const title = value.get('title');
  const description = value.get('description');
  const stage = value.get('stage');
  const rank = value.get('rank');
  const createdBy = value.get('createdBy');
  const createdAt = value.get('createdAt');
  if (!(title instanceof Y.Text) || !(description instanceof Y.Text)) return null;
  if (!isStage(stage) || typeof rank !== 'string' || !isValidRank(rank)) return null;
  const withdrawnAt = value.get('withdrawnAt');
  const withdrawnBy = value.get('withdrawnBy');
  const withdrawn = isWithdrawnAt(withdrawnAt);
  return {
    id,
    title: title.toString(),
    description: description.toString(),
    stage,
    rank,
    createdBy: typeof createdBy === 'string' ? createdBy : '',
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
    ...(withdrawn ? { withdrawnAt } : {}),
    ...(withdrawn && typeof withdrawnBy === 'string' && withdrawnBy ? { withdrawnBy } : {}),
  };
}

/** The latest time a Date can hold: anything later is no time. */
const MAX_TIME = 8.64e15;

/** A withdrawal time as stored: milliseconds a Date can hold. */
export const isWithdrawnAt = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= MAX_TIME;

/** Whether a goal is withdrawn: hidden from the columns, listed apart and restorable. */
export const isWithdrawn = (goal: Goal): boolean => goal.withdrawnAt !== undefined;

/** Board order: by stage, then rank, then id. */
export const compareGoals = (a: Goal, b: Goal): number =>
  STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage) || compareRanked(a, b);

/** All valid goals, in board order (compareGoals). */
export function readGoals(doc: Y.Doc): Goal[] {
  const goals: Goal[] = [];
  for (const [id, value] of goalsMap(doc).entries()) {
    const goal = readGoal(id, value);
    if (goal) goals.push(goal);
  }
  return goals.sort(compareGoals);
}

/** One goal by id, validated like readGoals; null if absent or malformed. */
export function readGoalById(doc: Y.Doc, goalId: string): Goal | null {
  return readGoal(goalId, goalsMap(doc).get(goalId));
}

export function readGoalsInStage(doc: Y.Doc, stage: Stage): Goal[] {
  return readGoals(doc).filter((goal) => goal.stage === stage);
}

function goalEntry(doc: Y.Doc, goalId: string): Y.Map<unknown> | null {
  const value = goalsMap(doc).get(goalId);
  return value instanceof Y.Map && readGoal(goalId, value) ? value : null;
}

/** The shared text of a goal field, for character-level binding in an editor; null if the goal is not valid. */
export function goalText(doc: Y.Doc, goalId: string, field: GoalTextField): Y.Text | null {
  const text = goalEntry(doc, goalId)?.get(field);
  return text instanceof Y.Text ? text : null;
}

export interface ProposeGoalInput {
  readonly title: string;
  readonly description: string;
  readonly createdBy: string;
  readonly now: number;
  readonly id?: string;
}

/** Adds a goal at the end of "proposed" and returns its id. */
export function proposeGoal(doc: Y.Doc, input: ProposeGoalInput): string {
  const id = input.id ?? randomId();
  doc.transact(() => {
    const last = readGoalsInStage(doc, 'proposed').at(-1);
    const goal = new Y.Map<unknown>();
    goal.set('title', new Y.Text(input.title));
    goal.set('description', new Y.Text(input.description));
    goal.set('stage', 'proposed');
    goal.set('rank', rankBetween(last?.rank ?? null, null));
    goal.set('createdBy', input.createdBy);
    goal.set('createdAt', input.now);
    // Created with the goal: two replicas lazily creating them at once would overwrite each other's entries.
    goal.set('comments', new Y.Array<unknown>());
    goal.set('commitments', new Y.Map<unknown>());
    goal.set('translations', new Y.Map<unknown>());
    goalsMap(doc).set(id, goal);
  }, new IntentOrigin('proposeGoal'));
  return id;
}

export interface MoveTarget {
  readonly stage: Stage;
  /** Position among the other goals of the target stage (0 = first); past the end appends. */
  readonly index: number;
}

/**
 * Moves a goal to a stage and position. Writes only the moved goal's rank, except when concurrent moves left
 * equal ranks around the slot: then the whole stage is re-ranked once, so the new position is expressible.
 */
export function moveGoal(doc: Y.Doc, goalId: string, target: MoveTarget): boolean {
  const entry = goalEntry(doc, goalId);
  if (!entry) return false;
  doc.transact(() => {
    const others = readGoalsInStage(doc, target.stage).filter((goal) => goal.id !== goalId);
    const index = Math.max(0, Math.min(target.index, others.length));
    const lower = others[index - 1]?.rank ?? null;
    const upper = others[index]?.rank ?? null;
    entry.set('stage', target.stage);
    if (lower === null || upper === null || lower < upper) {
      entry.set('rank', rankBetween(lower, upper));
      return;
    }
    const ordered = [...others.slice(0, index), { id: goalId }, ...others.slice(index)];
    const ranks = ranksBetween(null, null, ordered.length);
    ordered.forEach((goal, i) => {
      goalEntry(doc, goal.id)?.set('rank', ranks[i]);
    });
  }, new IntentOrigin('moveGoal'));
  return true;
}

/** Moves a goal to the end of another stage (the "Verschieben nach…" menu). */
export function setGoalStage(doc: Y.Doc, goalId: string, stage: Stage): boolean {
  return moveGoal(doc, goalId, { stage, index: Number.MAX_SAFE_INTEGER });
}

/**
 * Withdraws a goal (its proposer or a facilitator; the server puts anyone else's back and sets the time and the
 * writer's id when they are off). It keeps its stage, so restoring puts it back where it was.
 */
export function withdrawGoal(doc: Y.Doc, goalId: string, by: string, now: number): boolean {
  const entry = goalEntry(doc, goalId);
  if (!entry) return false;
  doc.transact(() => {
    entry.set('withdrawnAt', now);
    entry.set('withdrawnBy', by);
  }, new IntentOrigin('withdrawGoal'));
  return true;
}

/** Puts a withdrawn goal back on the board, in the stage it kept. */
export function restoreGoal(doc: Y.Doc, goalId: string): boolean {
  const entry = goalEntry(doc, goalId);
  if (!entry?.has('withdrawnAt')) return false;
  doc.transact(() => {
    entry.delete('withdrawnAt');
    entry.delete('withdrawnBy');
  }, new IntentOrigin('restoreGoal'));
  return true;
}

export function removeGoal(doc: Y.Doc, goalId: string): boolean {
  if (!goalsMap(doc).has(goalId)) return false;
  doc.transact(() => goalsMap(doc).delete(goalId), new IntentOrigin('removeGoal'));
  return true;
}

/** Applies a text change (from an editor's diff) to a goal field, so concurrent typing merges per character. */
export function editGoalText(
  doc: Y.Doc,
  goalId: string,
  field: GoalTextField,
  change: { index: number; deleteCount: number; insert: string },
): boolean {
  const text = goalText(doc, goalId, field);
  if (!text) return false;
  doc.transact(() => {
    if (change.deleteCount > 0) text.delete(change.index, change.deleteCount);
    if (change.insert) text.insert(change.index, change.insert);
  }, new IntentOrigin('editGoalText'));
  return true;
}
