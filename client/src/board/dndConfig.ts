import type { Goal, Stage } from '@common-ground/shared';
import type { Announcements, CollisionDetection, UniqueIdentifier } from '@dnd-kit/core';
import type { Translate } from '../i18n/translate';
import { stageOfColumnId } from './dropTarget';
import { closestTo, collisionWith, contains, dropTargets, mostOverlapping, type Target } from './targetRects';

/**
 * Pointer and touch: the card or column under the finger; in a column's empty space, the nearest card of that
 * column. Outside every column (a card may stick out) and for the keyboard (no pointer): a card under the
 * pointer, else the most overlapping target, which prefers cards over the much larger columns.
 */
export const collisionDetection: CollisionDetection = (args) => {
  const targets = dropTargets(args.droppableContainers, args.droppableRects);
  const pointer = args.pointerCoordinates;
  const under = (target: Target) => pointer !== null && contains(target, pointer.x, pointer.y);
  const column = targets.find((target) => target.isColumn && under(target));
  if (column) {
    const cards = targets.filter((target) => !target.isColumn && target.stage === column.stage);
    const card = cards.find(under) ?? closestTo(cards, args.collisionRect);
    return [collisionWith(card ?? column)];
  }
  const card = targets.find((target) => !target.isColumn && under(target));
  if (card) return [collisionWith(card)];
  const overlapping = mostOverlapping(targets, args.collisionRect);
  return overlapping ? [collisionWith(overlapping.target, overlapping.ratio)] : [];
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
