import {
  type Announcements,
  type CollisionDetection,
  pointerWithin,
  rectIntersection,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import type { Translate } from '../i18n/translate';
import type { PlacedGoal } from './boardLayout';
import { useDragState } from './dragState';
import { stageOfColumnId } from './dropTarget';

/**
 * Only the stage columns are drop targets. Pointer and touch: the column under the finger; outside every column
 * and for the keyboard (no pointer), the column the dragged card overlaps most.
 */
export const collisionDetection: CollisionDetection = (args) => {
  const underPointer = pointerWithin(args);
  return underPointer.length > 0 ? underPointer : rectIntersection(args);
};

/**
 * Screen reader announcements naming the goal, the column and the position in it, in the person's language.
 * The position is announced when it changes (a pointer moves many times within one slot).
 */
export function announcements(
  t: Translate,
  goals: readonly PlacedGoal[],
  titleOf: (goalId: string) => string | undefined,
): Announcements {
  const columnOf = (id: UniqueIdentifier | undefined) => {
    const stage = id === undefined ? null : stageOfColumnId(String(id));
    return stage ? t(`stage.${stage}`) : null;
  };
  // The goal being dragged (dnd-kit knows only the one draggable behind every handle), kept until the drop.
  let goalId: string | null = null;
  let announced: string | null = null;
  // Read when announced: the title may have been edited since the columns last rendered.
  const title = () => (goalId ? titleOf(goalId) : undefined) || t('goal.untitled');
  return {
    onDragStart: () => {
      goalId = useDragState.getState().activeId;
      announced = null;
      return t('dnd.start', { title: title() });
    },
    onDragOver: ({ over }) => {
      const column = columnOf(over?.id);
      if (!column) return t('dnd.outside', { title: title() });
      return t('dnd.overColumn', { title: title(), column });
    },
    onDragMove: () => {
      const { slot } = useDragState.getState();
      const key = slot ? `${slot.stage}:${slot.index}` : null;
      if (!slot || key === announced) return undefined;
      announced = key;
      const others = goals.filter((goal) => goal.stage === slot.stage && goal.id !== goalId).length;
      return t('dnd.position', {
        title: title(),
        position: slot.index + 1,
        count: others + 1,
        column: t(`stage.${slot.stage}`),
      });
    },
    onDragEnd: ({ over }) => {
      const column = columnOf(over?.id);
      if (!column) return t('dnd.endNowhere', { title: title() });
      return t('dnd.end', { title: title(), column });
    },
    onDragCancel: () => t('dnd.cancel', { title: title() }),
  };
}
