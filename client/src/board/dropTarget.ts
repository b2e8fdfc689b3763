import type { Goal, MoveTarget, Stage } from '@common-ground/shared/schema';
import { isStage, STAGES } from '@common-ground/shared/schema';

/** Droppable ids: only the stage columns are drop targets; the prefix keeps them apart from goal ids. */
const COLUMN_PREFIX = 'column:';
export const columnDroppableId = (stage: Stage): string => `${COLUMN_PREFIX}${stage}`;
export function stageOfColumnId(id: string): Stage | null {
  if (!id.startsWith(COLUMN_PREFIX)) return null;
  const stage = id.slice(COLUMN_PREFIX.length);
  return isStage(stage) ? stage : null;
}

/** Where a dragged goal would land: a stage and its position among the other goals of that stage (0 = first). */
export interface DropSlot {
  readonly stage: Stage;
  readonly index: number;
}

/** The slot for a dragged card whose centre is at `y`: how many of the column's other cards are above it. */
export function slotIndexAt(middles: readonly number[], y: number): number {
  let index = 0;
  while (index < middles.length && (middles[index] ?? Number.POSITIVE_INFINITY) < y) index++;
  return index;
}

/** The goal's own slot (where it is now). */
export function ownSlot(goals: readonly Pick<Goal, 'id' | 'stage'>[], goalId: string): DropSlot | null {
  const goal = goals.find((g) => g.id === goalId);
  if (!goal) return null;
  const index = goals.filter((g) => g.stage === goal.stage).indexOf(goal);
  return { stage: goal.stage, index };
}

/** The move a drop into `slot` makes; null when the goal would stay where it is. */
export function moveFor(
  goals: readonly Pick<Goal, 'id' | 'stage'>[],
  goalId: string,
  slot: DropSlot,
): MoveTarget | null {
  const own = ownSlot(goals, goalId);
  if (!own || (own.stage === slot.stage && own.index === slot.index)) return null;
  return { stage: slot.stage, index: slot.index };
}

/** One keyboard step: within the column, or to the next or previous stage in the process order. */
export type SlotStep = 'up' | 'down' | 'previous' | 'next';

/**
 * The step an arrow key makes. The columns follow the reading direction, so in a right-to-left language the next
 * stage lies to the left: ArrowRight goes to the column that is visually on the right, whichever stage that is.
 */
export function stepOfKey(code: string, direction: 'ltr' | 'rtl'): SlotStep | undefined {
  switch (code) {
    case 'ArrowDown':
      return 'down';
    case 'ArrowUp':
      return 'up';
    case 'ArrowRight':
      return direction === 'rtl' ? 'previous' : 'next';
    case 'ArrowLeft':
      return direction === 'rtl' ? 'next' : 'previous';
    default:
      return undefined;
  }
}

/**
 * The keyboard's next slot: up and down within the column, previous and next to the neighbouring stage at the
 * same position (or its end). `othersIn(stage)` counts the goals of a stage other than the dragged one.
 */
export function stepSlot(slot: DropSlot, step: SlotStep, othersIn: (stage: Stage) => number): DropSlot {
  if (step === 'up' || step === 'down') {
    const index = slot.index + (step === 'down' ? 1 : -1);
    return { stage: slot.stage, index: Math.max(0, Math.min(index, othersIn(slot.stage))) };
  }
  const stage = STAGES[STAGES.indexOf(slot.stage) + (step === 'next' ? 1 : -1)];
  if (!stage) return slot;
  return { stage, index: Math.min(slot.index, othersIn(stage)) };
}
