import type { Goal } from '@common-ground/shared/schema';
import { useCallback, useSyncExternalStore } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { BoardState } from './boardState';
import { goalById } from './goalIndex';
import { useBoardContext } from './SessionContext';

type Listener = () => void;

interface GoalListeners {
  readonly byGoal: Map<string, Set<Listener>>;
  stop: (() => void) | null;
}

const perStore = new WeakMap<StoreApi<BoardState>, GoalListeners>();

/**
 * Calls `listener` when the goal with this id changes (another object, or gone). Every card selecting its goal
 * from the store would run its selector and React's snapshot check on every change of the store, i.e. 300
 * times per remote keystroke on a board of 300 goals; instead one store listener looks up, when the goals list
 * changed, the goals that have listeners and wakes only those whose object changed (the bridge keeps the
 * objects of untouched goals).
 */
export function subscribeGoal(store: StoreApi<BoardState>, goalId: string, listener: Listener): () => void {
  let listeners = perStore.get(store);
  if (!listeners) {
    listeners = { byGoal: new Map(), stop: null };
    perStore.set(store, listeners);
  }
  const { byGoal } = listeners;
  if (!listeners.stop) {
    listeners.stop = store.subscribe((state, previous) => {
      if (state.goals === previous.goals) return;
      for (const [id, woken] of byGoal) {
        if (goalById(state.goals, id) === goalById(previous.goals, id)) continue;
        for (const wake of [...woken]) wake();
      }
    });
  }
  const forGoal = byGoal.get(goalId) ?? new Set<Listener>();
  byGoal.set(goalId, forGoal);
  forGoal.add(listener);
  return () => {
    forGoal.delete(listener);
    if (forGoal.size === 0 && byGoal.get(goalId) === forGoal) byGoal.delete(goalId);
    if (byGoal.size === 0 && listeners.stop) {
      listeners.stop();
      listeners.stop = null;
    }
  };
}

/** The board's goal with this id, re-rendering the caller only when that goal changes (see subscribeGoal). */
export function useGoal(goalId: string): Goal | undefined {
  const { store } = useBoardContext().session;
  const subscribe = useCallback(
    (listener: Listener) => subscribeGoal(store, goalId, listener),
    [store, goalId],
  );
  return useSyncExternalStore(subscribe, () => goalById(store.getState().goals, goalId));
}
