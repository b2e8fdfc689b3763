import type { Goal } from '@common-ground/shared/schema';

// One index per goals list: built by the first lookup after a change, shared by every card's selector after it.
const indexes = new WeakMap<readonly Goal[], ReadonlyMap<string, Goal>>();

/** The goal with this id in `goals`, in constant time after the first lookup in that list. */
export function goalById(goals: readonly Goal[], goalId: string): Goal | undefined {
  let index = indexes.get(goals);
  if (!index) {
    index = new Map(goals.map((goal) => [goal.id, goal]));
    indexes.set(goals, index);
  }
  return index.get(goalId);
}

export type GoalTitle = Pick<Goal, 'id' | 'title'>;

let lastTitles: readonly GoalTitle[] = [];

/**
 * Ids and titles of `goals`, in their order: the same array as last time while those are equal, so lists that
 * name goals (agenda, focus choice) do not re-render while someone types in a description.
 */
export function goalTitles(goals: readonly Goal[]): readonly GoalTitle[] {
  const same =
    goals.length === lastTitles.length &&
    goals.every((goal, i) => goal.id === lastTitles[i]?.id && goal.title === lastTitles[i]?.title);
  if (!same) lastTitles = goals.map(({ id, title }) => ({ id, title }));
  return lastTitles;
}
