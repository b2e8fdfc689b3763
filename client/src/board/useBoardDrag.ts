import type { Goal, MoveTarget } from '@common-ground/shared';
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
import { useCallback, useEffect, useRef } from 'react';
import { DragLayout } from './dragLayout';
import { setDropSlot, useDragState } from './dragState';
import { moveFor, ownSlot, type SlotStep, slotIndexAt, stageOfColumnId, stepSlot } from './dropTarget';

const STEPS: Readonly<Record<string, SlotStep>> = {
  ArrowDown: 'down',
  ArrowUp: 'up',
  ArrowLeft: 'left',
  ArrowRight: 'right',
};

/**
 * Sensors and handlers for dragging goals between and within the stage columns. Only the columns are drop
 * targets; the slot in a column comes from the cards' places (DragLayout): by the dragged card's centre for
 * pointer and touch, and one slot per arrow key for the keyboard.
 */
export function useBoardDrag(goals: readonly Goal[], move: (goalId: string, target: MoveTarget) => void) {
  const layout = useRef<DragLayout | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a remote change while dragging can move cards, so a new goals list means their places are read again when next needed.
  useEffect(() => layout.current?.invalidate(), [goals]);

  const coordinateGetter: KeyboardCoordinateGetter = useCallback((event, { context }) => {
    const step = STEPS[event.code];
    const { slot } = useDragState.getState();
    const rect = context.collisionRect;
    if (!step || !slot || !layout.current || !rect) return undefined;
    event.preventDefault();
    const current = layout.current;
    const next = stepSlot(slot, step, (stage) => current.others(stage));
    setDropSlot(next);
    const point = current.slotPoint(next, rect.top + rect.height / 2);
    return { x: point.x - rect.width / 2, y: point.y - rect.height / 2 };
  }, []);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter }),
  );

  // Pointer and touch: the slot under the dragged card's centre. The keyboard sets its slot itself, key by key.
  const track = ({ active, over, activatorEvent }: DragMoveEvent) => {
    if (activatorEvent instanceof KeyboardEvent) return;
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
    onDragStart: ({ active }: DragStartEvent) => {
      const id = String(active.id);
      layout.current = new DragLayout(id);
      useDragState.setState({ activeId: id, slot: ownSlot(goals, id) });
    },
    onDragMove: track,
    onDragOver: track,
    onDragEnd: ({ active }: DragEndEvent) => {
      const { slot } = useDragState.getState();
      finish();
      const target = slot ? moveFor(goals, String(active.id), slot) : null;
      if (target) move(String(active.id), target);
    },
    onDragCancel: finish,
  };
}
