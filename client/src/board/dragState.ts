import type { Stage } from '@common-ground/shared/schema';
import { create } from 'zustand';
import type { DropSlot } from './dropTarget';

interface DragState {
  /** The goal being dragged, and where it would land if dropped now (null outside every column). */
  readonly activeId: string | null;
  readonly slot: DropSlot | null;
}

/**
 * The drag in progress, outside React's render of the board: a column subscribes to its own slot only, so moving
 * the insertion mark re-renders one or two columns, not ~300 cards.
 */
export const useDragState = create<DragState>(() => ({ activeId: null, slot: null }));

export function setDropSlot(slot: DropSlot | null): void {
  const current = useDragState.getState().slot;
  if (current?.stage === slot?.stage && current?.index === slot?.index) return;
  useDragState.setState({ slot });
}

/** The insertion index in `stage` while the dragged goal would land there, else null. */
export const useSlotIn = (stage: Stage): number | null =>
  useDragState((state) => (state.slot?.stage === stage ? state.slot.index : null));
