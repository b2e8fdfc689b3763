import type { Goal, Stage } from '@common-ground/shared';
import {
  type Announcements,
  type CollisionDetection,
  closestCenter,
  pointerWithin,
  rectIntersection,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import type { Translate } from '../i18n/translate';
import { stageOfColumnId } from './dropTarget';

/**
 * Pointer and touch: the card or column under the finger; in a column's empty space, the nearest card of that
 * column. Keyboard (no pointer): the most overlapping target, which prefers cards over the much larger columns.
 */
export const collisionDetection: CollisionDetection = (args) => {
  const underPointer = pointerWithin(args);
  if (underPointer.length === 0) return rectIntersection(args);
  const card = underPointer.find((hit) => stageOfColumnId(String(hit.id)) === null);
  if (card) return [card];
  const column = underPointer[0];
  const stage = column ? stageOfColumnId(String(column.id)) : null;
  const cardsInColumn = args.droppableContainers.filter(
    (container) => container.data.current?.stage === stage && stageOfColumnId(String(container.id)) === null,
  );
  if (cardsInColumn.length === 0) return underPointer;
  return closestCenter({ ...args, droppableContainers: cardsInColumn });
};

/** Screen reader announcements naming the goal and the column, in the person's language. */
export function announcements(t: Translate, goals: readonly Goal[]): Announcements {
  const goalById = (id: UniqueIdentifier) => goals.find((goal) => goal.id === id);
  const title = (id: UniqueIdentifier) => goalById(id)?.title || t('goal.untitled');
  const stageOf = (id: UniqueIdentifier): Stage | null =>
    stageOfColumnId(String(id)) ?? goalById(id)?.stage ?? null;
  return {
    onDragStart: ({ active }) => t('dnd.start', { title: title(active.id) }),
    onDragOver: ({ active, over }) => {
      const stage = over ? stageOf(over.id) : null;
      if (!over || !stage) return t('dnd.outside', { title: title(active.id) });
      const column = t(`stage.${stage}`);
      if (stageOfColumnId(String(over.id)) || over.id === active.id) {
        return t('dnd.overColumn', { title: title(active.id), column });
      }
      return t('dnd.overGoal', { title: title(active.id), other: title(over.id), column });
    },
    onDragEnd: ({ active, over }) => {
      const stage = over ? stageOf(over.id) : null;
      if (!stage) return t('dnd.endNowhere', { title: title(active.id) });
      return t('dnd.end', { title: title(active.id), column: t(`stage.${stage}`) });
    },
    onDragCancel: ({ active }) => t('dnd.cancel', { title: title(active.id) }),
  };
}
