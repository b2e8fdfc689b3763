import { type DraggableSyntheticListeners, useDraggable } from '@dnd-kit/core';
import { createContext, type ReactNode, type SyntheticEvent, useContext, useMemo } from 'react';
import { useT } from '../i18n/locale';

/** dnd-kit's id of the one draggable behind every card's handle (see goalOfDrag for which goal moves). */
const DRAG_SOURCE_ID = 'goal';

interface DragSource {
  /** The props of a card's handle: dnd-kit's listeners, which first point the draggable at that card. */
  readonly handleProps: Record<string, unknown>;
}

const DragSourceContext = createContext<DragSource | null>(null);

/**
 * One dnd-kit draggable for all cards. With one per card, each of ~300 cards consumed dnd-kit's context and
 * re-rendered when a drag started, ended or changed column: about 100 ms of script in the frame of the pickup.
 * Here a handle points the draggable at its card and itself on press, then hands the event to dnd-kit's own
 * listeners (pointer, touch, keyboard), so the cards never subscribe to the drag.
 */
export function DragSourceProvider({ children }: { children: ReactNode }) {
  const t = useT();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef } = useDraggable({
    id: DRAG_SOURCE_ID,
    attributes: { roleDescription: t('dnd.roleDescription') },
  });
  const { role, tabIndex } = attributes;
  const roleDescription = attributes['aria-roledescription'];
  const describedBy = attributes['aria-describedby'];
  const source = useMemo((): DragSource => {
    const arm = (event: SyntheticEvent<HTMLElement>) => {
      setActivatorNodeRef(event.currentTarget);
      setNodeRef(event.currentTarget.closest('li'));
    };
    return {
      handleProps: {
        role,
        tabIndex,
        'aria-roledescription': roleDescription,
        'aria-describedby': describedBy,
        ...armedListeners(listeners, arm),
      },
    };
  }, [listeners, setNodeRef, setActivatorNodeRef, role, tabIndex, roleDescription, describedBy]);
  return <DragSourceContext.Provider value={source}>{children}</DragSourceContext.Provider>;
}

function armedListeners(
  listeners: DraggableSyntheticListeners,
  arm: (event: SyntheticEvent<HTMLElement>) => void,
): Record<string, (event: SyntheticEvent<HTMLElement>) => void> {
  return Object.fromEntries(
    Object.entries(listeners ?? {}).map(([name, listener]) => [
      name,
      (event: SyntheticEvent<HTMLElement>) => {
        arm(event);
        listener(event);
      },
    ]),
  );
}

/** The props for a card's drag handle (the same for every card). */
export function useDragHandleProps(): Record<string, unknown> {
  const source = useContext(DragSourceContext);
  if (!source) throw new Error('useDragHandleProps needs a DragSourceProvider');
  return source.handleProps;
}

/** The goal a drag moves: the card whose handle started it (its element carries the goal id). */
export function goalOfDrag(activatorEvent: Event | null): string | null {
  const target = activatorEvent?.target;
  if (!(target instanceof Element)) return null;
  return target.closest<HTMLElement>('[data-goal-id]')?.dataset.goalId ?? null;
}
