import type { MoveTarget } from '@common-ground/shared/schema';
import {
  type DragEndEvent,
  type DragMoveEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useBoardContext } from '../sync/SessionContext';
import type { PlacedGoal } from './boardLayout';
import { DragLayout } from './dragLayout';
import { goalOfDrag } from './dragSource';
import { setDropSlot, useDragState } from './dragState';
import { moveFor, ownSlot, slotIndexAt, stageOfColumnId, stepOfKey, stepSlot } from './dropTarget';

const POINTER = { activationConstraint: { distance: 6 } };
const TOUCH = { activationConstraint: { delay: 200, tolerance: 8 } };

/**
 * Sensors and handlers for dragging goals between and within the stage columns. Only the columns are drop
 * targets; the slot in a column comes from the cards' places (DragLayout): by the dragged card's centre for
 * pointer and touch, and one slot per arrow key for the keyboard. `move` learns whether the keyboard dropped it.
 */
export function useBoardDrag(
  goals: readonly PlacedGoal[],
  move: (goalId: string, target: MoveTarget, byKeyboard: boolean) => void,
) {
  const layout = useRef<DragLayout | null>(null);
  const { session } = useBoardContext();
  // A remote change while dragging can move cards or change their height (a text edit), so their places are read
  // again when next needed. Subscribed, not rendered: a keystroke must not re-render the columns.
  useEffect(
    () =>
      session.store.subscribe((state, previous) => {
        if (state.goals !== previous.goals) layout.current?.invalidate();
      }),
    [session],
  );

  const coordinateGetter: KeyboardCoordinateGetter = useCallback((event, { context }) => {
    // The document's direction, not the locale's: the columns are laid out by what the page computes.
    const step = stepOfKey(
      event.code,
      getComputedStyle(document.documentElement).direction === 'rtl' ? 'rtl' : 'ltr',
    );
    const { slot } = useDragState.getState();
    const rect = context.collisionRect;
    if (!step || !slot || !layout.current || !rect) return undefined;
    event.preventDefault();
    const current = layout.current;
    const next = stepSlot(slot, step, (stage) => current.others(stage));
    setDropSlot(next);
    let point = current.slotPoint(next, rect.top + rect.height / 2);
    // On a phone the columns are stacked and the next one lies below the window: it is scrolled into view at once
    // (dnd-kit adds the scroll to the card's place, so the drop target stays right), and the card shown there.
    const margin = rect.height / 2;
    if (point.y < margin || point.y > window.innerHeight - margin) {
      window.scrollBy({ top: point.y - window.innerHeight / 2, behavior: 'instant' });
      point = current.slotPoint(next, rect.top + rect.height / 2);
    }
    return { x: point.x - rect.width / 2, y: point.y - rect.height / 2 };
  }, []);
  // Stable options keep dnd-kit's listeners, and so every card's handle props, the same from render to render.
  const keyboard = useMemo(() => ({ coordinateGetter }), [coordinateGetter]);
  const sensors = useSensors(
    useSensor(PointerSensor, POINTER),
    useSensor(TouchSensor, TOUCH),
    useSensor(KeyboardSensor, keyboard),
  );

  // Pointer and touch: the slot under the dragged card's centre. The keyboard sets its slot itself, key by key.
  const track = ({ active, over, activatorEvent }: DragMoveEvent) => {
    if (activatorEvent instanceof KeyboardEvent || !useDragState.getState().activeId) return;
    const stage = over ? stageOfColumnId(String(over.id)) : null;
    const rect = active.rect.current.translated;
    if (!stage || !rect || !layout.current) {
      setDropSlot(null);
      return;
    }
    const y = rect.top + rect.height / 2 + window.scrollY;
    setDropSlot({ stage, index: slotIndexAt(layout.current.middles(stage), y) });
  };
  const finish = () => {
    layout.current = null;
    useDragState.setState({ activeId: null, slot: null });
  };

  return {
    sensors,
    onDragStart: ({ activatorEvent }: DragStartEvent) => {
      const id = goalOfDrag(activatorEvent);
      if (!id) return;
      layout.current = new DragLayout(id);
      useDragState.setState({ activeId: id, slot: ownSlot(goals, id) });
    },
    onDragMove: track,
    onDragOver: track,
    onDragEnd: ({ activatorEvent }: DragEndEvent) => {
      const { activeId, slot } = useDragState.getState();
      finish();
      const target = activeId && slot ? moveFor(goals, activeId, slot) : null;
      if (activeId && target) move(activeId, target, activatorEvent instanceof KeyboardEvent);
    },
    onDragCancel: finish,
  };
}
