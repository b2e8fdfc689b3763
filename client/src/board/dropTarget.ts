import type { Goal, MoveTarget, Stage } from '@common-ground/shared';
import { isStage } from '@common-ground/shared';

/** Droppable ids: goals use their own id; columns are prefixed so the two can never collide. */
const COLUMN_PREFIX = 'column:';
export const columnDroppableId = (stage: Stage): string => `${COLUMN_PREFIX}${stage}`;
export function stageOfColumnId(id: string): Stage | null {
  if (!id.startsWith(COLUMN_PREFIX)) return null;
  const stage = id.slice(COLUMN_PREFIX.length);
  return isStage(stage) ? stage : null;
}

/**
 * Where a dropped goal goes. Over a column: to its end. Over a goal in the same column: into that goal's slot
 * (the list reorders like arrayMove). Over a goal in another column: before it, or after it when the dragged
 * card's centre is below the other's. Null when nothing would change.
 */
export function dropTarget(
  goals: readonly Goal[],
  activeId: string,
  overId: string,
  placeBelow: boolean,
): MoveTarget | null {
  const active = goals.find((goal) => goal.id === activeId);
  if (!active) return null;
  const columnStage = stageOfColumnId(overId);
  if (columnStage) {
    const others = goals.filter((goal) => goal.stage === columnStage && goal.id !== activeId);
    if (columnStage === active.stage) return null;
    return { stage: columnStage, index: others.length };
  }
  const over = goals.find((goal) => goal.id === overId);
  if (!over || over.id === active.id) return null;
  const column = goals.filter((goal) => goal.stage === over.stage);
  if (over.stage === active.stage) {
    const from = column.indexOf(active);
    const to = column.indexOf(over);
    return from === to ? null : { stage: over.stage, index: to };
  }
  const index = column.indexOf(over) + (placeBelow ? 1 : 0);
  return { stage: over.stage, index };
}
