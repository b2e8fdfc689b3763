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

const isColumn = (id: UniqueIdentifier) => stageOfColumnId(String(id)) !== null;

/** The same rule over all targets, for a pointer outside every column (a card may stick out) and the keyboard. */
const anyTarget: CollisionDetection = (args) => {
  const underPointer = pointerWithin(args);
  if (underPointer.length === 0) return rectIntersection(args);
  const card = underPointer.find((hit) => !isColumn(hit.id));
  if (card) return [card];
  const column = underPointer[0];
  const stage = column ? stageOfColumnId(String(column.id)) : null;
  const cardsInColumn = args.droppableContainers.filter(
    (container) => container.data.current?.stage === stage && !isColumn(container.id),
  );
  if (cardsInColumn.length === 0) return underPointer;
  return closestCenter({ ...args, droppableContainers: cardsInColumn });
};

/**
 * Pointer and touch: the card or column under the finger; in a column's empty space, the nearest card of that
 * column. Keyboard (no pointer): the most overlapping target, which prefers cards over the much larger columns.
 */
export const collisionDetection: CollisionDetection = (args) => {
  // Every rect read walks the scroll offsets of its ancestors, and with ~300 cards checking all of them on each
  // pointer move cost milliseconds per frame; so first the column under the pointer, then only its cards.
  const columns = args.droppableContainers.filter((container) => isColumn(container.id));
  const column = pointerWithin({ ...args, droppableContainers: columns })[0];
  const stage = column ? stageOfColumnId(String(column.id)) : null;
  if (!column || !stage) return anyTarget(args);
  const cardsInColumn = args.droppableContainers.filter(
    (container) => container.data.current?.stage === stage && !isColumn(container.id),
  );
  if (cardsInColumn.length === 0) return [column];
  const card = pointerWithin({ ...args, droppableContainers: cardsInColumn })[0];
  if (card) return [card];
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
