import { type Goal, isWithdrawn, STAGES, type Stage } from '@common-ground/shared/schema';
import type { GoalRounds } from '../sync/goalRounds';

/** Where a goal sits on the board; its texts are not part of it. */
export type PlacedGoal = Pick<Goal, 'id' | 'stage'>;

/** The columns' content by goal id: what the columns re-render for (a goal's text edit changes none of it). */
export interface BoardLayout {
  /** Goals in the stage columns, in board order (drag and drop counts positions in it). */
  readonly placed: readonly PlacedGoal[];
  readonly byStage: ReadonlyMap<Stage, readonly string[]>;
  /** "Vereinbart": filled from the record, in the order the goals were agreed. */
  readonly agreed: readonly string[];
}

/**
 * An agreed goal leaves its stage column; the record orders "Vereinbart" by when each goal was agreed. A withdrawn
 * goal is in no column (the board lists it apart).
 */
export function boardLayout(
  goals: readonly Goal[],
  goalRounds: Readonly<Record<string, GoalRounds>>,
): BoardLayout {
  const byStage = new Map<Stage, string[]>(STAGES.map((stage) => [stage, []]));
  const placed: PlacedGoal[] = [];
  const agreed: Goal[] = [];
  for (const goal of goals) {
    if (isWithdrawn(goal)) continue;
    if (goalRounds[goal.id]?.agreed) agreed.push(goal);
    else {
      placed.push({ id: goal.id, stage: goal.stage });
      byStage.get(goal.stage)?.push(goal.id);
    }
  }
  const agreedAt = (goal: Goal) => goalRounds[goal.id]?.latestClosed?.closedAt ?? 0;
  agreed.sort((a, b) => agreedAt(a) - agreedAt(b));
  return { placed, byStage, agreed: agreed.map((goal) => goal.id) };
}

const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

export function sameLayout(a: BoardLayout, b: BoardLayout): boolean {
  return (
    sameIds(a.agreed, b.agreed) &&
    a.placed.length === b.placed.length &&
    a.placed.every((goal, i) => goal.id === b.placed[i]?.id && goal.stage === b.placed[i]?.stage)
  );
}

/**
 * A store selector for the layout that returns the previous layout while it is equal, so the columns keep
 * their render when a goal's text changes.
 */
export function layoutSelector(): (state: {
  goals: readonly Goal[];
  goalRounds: Readonly<Record<string, GoalRounds>>;
}) => BoardLayout {
  let last: BoardLayout | null = null;
  return ({ goals, goalRounds }) => {
    const next = boardLayout(goals, goalRounds);
    if (last && sameLayout(last, next)) return last;
    last = next;
    return next;
  };
}
