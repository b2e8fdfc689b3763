import type { AsOfGoal } from '@common-ground/shared/api';
import { jsonEqual } from '@common-ground/shared/rules';
import { goalText, readGoalById, readGoalStructure, readGoals } from '@common-ground/shared/schema';
import * as Y from 'yjs';
import { restoreText } from '../rounds/restoreText';

/**
 * Writing a goal back to how it stood at an earlier moment (its "as of" state) into the live board document. Pure
 * document work, run inside one server write (rooms.mutate), so every replica receives the restore as one new
 * change on top of the log — nothing in the log is rewritten.
 */

/** What a restore writes: the goals as they stood then, and whether goals that did not exist then are removed. */
export interface RestorePlan {
  readonly goals: readonly AsOfGoal[];
  /** A whole-board restore removes goals created after the moment; a single-goal restore touches no other goal. */
  readonly removeOthers: boolean;
}

const goalsMap = (doc: Y.Doc) => doc.getMap<unknown>('goals');

/** Ids of current goals the plan would remove. */
function removedIds(doc: Y.Doc, plan: RestorePlan): string[] {
  if (!plan.removeOthers) return [];
  const kept = new Set(plan.goals.map((g) => g.id));
  return readGoals(doc)
    .map((g) => g.id)
    .filter((id) => !kept.has(id));
}

/**
 * Goals whose wording the plan would change or which it would remove: an open round locks exactly these (its
 * frozen wording would no longer match), so the caller refuses the restore while one of them has a round open.
 * A goal that is only re-created or whose wording already matches is not affected by a lock.
 */
export function wordingTouched(doc: Y.Doc, plan: RestorePlan): string[] {
  const changed = plan.goals.flatMap((target) => {
    const current = readGoalById(doc, target.id);
    if (!current) return [];
    const same = current.title === target.title && current.description === target.description;
    return same ? [] : [target.id];
  });
  return [...changed, ...removedIds(doc, plan)];
}

/** Whether the goal already is as `target` describes it (so it is not counted as restored). */
function matches(doc: Y.Doc, target: AsOfGoal): boolean {
  const current = readGoalById(doc, target.id);
  if (!current) return false;
  const structure = readGoalStructure(doc, target.id);
  return (
    current.title === target.title &&
    current.description === target.description &&
    current.stage === target.stage &&
    current.rank === target.rank &&
    structure.leadPartnerId === target.leadPartnerId &&
    structure.reviewDate === target.reviewDate &&
    jsonEqual(structure.commitments, target.commitments)
  );
}

/** A goal entry with its id, as proposeGoal builds one; comments start empty (the restore leaves comments alone). */
function recreate(doc: Y.Doc, target: AsOfGoal, createdBy: string): Y.Map<unknown> {
  const goal = new Y.Map<unknown>();
  goal.set('title', new Y.Text(target.title));
  goal.set('description', new Y.Text(target.description));
  goal.set('createdBy', target.proposedBy ?? createdBy);
  goal.set('createdAt', target.createdAt);
  goal.set('comments', new Y.Array<unknown>());
  goal.set('commitments', new Y.Map<unknown>());
  goalsMap(doc).set(target.id, goal);
  return goal;
}

/** Sets each field only where it differs, so an unchanged field adds nothing to the log or to others' views. */
function setIfChanged(goal: Y.Map<unknown>, key: string, value: string | null): void {
  if (value === null) {
    if (goal.has(key)) goal.delete(key);
  } else if (goal.get(key) !== value) {
    goal.set(key, value);
  }
}

function writeCommitments(goal: Y.Map<unknown>, commitments: AsOfGoal['commitments']): void {
  let map = goal.get('commitments');
  if (!(map instanceof Y.Map)) {
    map = new Y.Map<unknown>();
    goal.set('commitments', map);
  }
  const target = new Map(commitments.map((c) => [c.partnerId, c.text]));
  const live = map as Y.Map<unknown>;
  for (const partnerId of [...live.keys()]) if (!target.has(partnerId)) live.delete(partnerId);
  for (const [partnerId, text] of target) if (live.get(partnerId) !== text) live.set(partnerId, text);
}

function writeGoal(doc: Y.Doc, target: AsOfGoal, createdBy: string): void {
  const existing = readGoalById(doc, target.id) ? goalsMap(doc).get(target.id) : null;
  const goal = existing instanceof Y.Map ? existing : recreate(doc, target, createdBy);
  for (const field of ['title', 'description'] as const) {
    const text = goalText(doc, target.id, field);
    // The smallest replacement on whole graphemes (restoreText): other people's carets stay, emoji stay whole.
    if (text) restoreText(text, target[field]);
  }
  setIfChanged(goal, 'stage', target.stage);
  setIfChanged(goal, 'rank', target.rank);
  setIfChanged(goal, 'lead', target.leadPartnerId);
  setIfChanged(goal, 'reviewDate', target.reviewDate);
  writeCommitments(goal, target.commitments);
}

/**
 * Applies the plan to the live document (call inside a transaction); returns how many goals it changed.
 * `createdBy` names the creator of a re-created goal whose proposer the log does not know.
 */
export function applyRestore(doc: Y.Doc, plan: RestorePlan, createdBy: string): number {
  let changed = 0;
  for (const id of removedIds(doc, plan)) {
    goalsMap(doc).delete(id);
    changed++;
  }
  for (const target of plan.goals) {
    if (matches(doc, target)) continue;
    writeGoal(doc, target, createdBy);
    changed++;
  }
  return changed;
}
