import { useCallback, useEffect, useRef } from 'react';
import type { BoardLayout } from './boardLayout';

/**
 * After a keyboard drop, focus goes back to the moved card's drag handle. Moved to another column, the card is
 * a new element (dnd-kit's own focus restore finds only the old, detached handle); moved within its column, its
 * element was taken out of the list and put back, which drops focus too. So the handle is focused once the
 * columns have rendered the move, found by the goal's id. Call `expectMove` just before making the move.
 */
export function useFocusAfterKeyboardDrop(layout: BoardLayout): (goalId: string) => void {
  const pending = useRef<{ goalId: string; before: BoardLayout } | null>(null);
  useEffect(() => {
    const drop = pending.current;
    if (!drop || drop.before === layout) return;
    pending.current = null;
    document
      .querySelector<HTMLElement>(`[data-goal-id="${CSS.escape(drop.goalId)}"] [data-testid="drag-handle"]`)
      ?.focus();
  }, [layout]);
  return useCallback(
    (goalId: string) => {
      pending.current = { goalId, before: layout };
    },
    [layout],
  );
}
