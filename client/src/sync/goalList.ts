import { compareGoals, type Goal } from '@common-ground/shared/schema';

const sameGoal = (a: Goal, b: Goal): boolean =>
  a.title === b.title &&
  a.description === b.description &&
  a.stage === b.stage &&
  a.rank === b.rank &&
  a.createdBy === b.createdBy &&
  a.createdAt === b.createdAt &&
  a.withdrawnAt === b.withdrawnAt &&
  a.withdrawnBy === b.withdrawnBy;

/**
 * The board's goals after a change that touched `touched`: each touched goal is read again (null: removed or no
 * longer valid), every other goal keeps its object, and a re-read goal equal to its previous value keeps the
 * previous object too, so memoized cards of untouched goals keep equal props. In board order (compareGoals);
 * `previous` itself when nothing changed.
 */
export function mergeGoals(
  previous: readonly Goal[],
  touched: ReadonlySet<string>,
  read: (goalId: string) => Goal | null,
): readonly Goal[] {
  if (touched.size === 0) return previous;
  const fresh = new Map<string, Goal | null>();
  for (const id of touched) fresh.set(id, read(id));
  let changed = false;
  let reorder = false;
  const next: Goal[] = [];
  for (const goal of previous) {
    if (!fresh.has(goal.id)) {
      next.push(goal);
      continue;
    }
    const now = fresh.get(goal.id) ?? null;
    fresh.delete(goal.id);
    if (now === null) {
      changed = true;
      continue;
    }
    if (sameGoal(goal, now)) {
      next.push(goal);
      continue;
    }
    changed = true;
    if (now.stage !== goal.stage || now.rank !== goal.rank) reorder = true;
    next.push(now);
  }
  for (const added of fresh.values()) {
    if (added === null) continue;
    changed = true;
    reorder = true;
    next.push(added);
  }
  if (!changed) return previous;
  return reorder ? next.sort(compareGoals) : next;
}
