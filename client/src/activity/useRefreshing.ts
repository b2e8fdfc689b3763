import { useEffect, useRef, useState } from 'react';
import { errorMessageKey } from '../app/errorMessage';
import type { MessageKey } from '../i18n/catalogues';
import { useBoardContext } from '../sync/SessionContext';
import type { BoardState } from '../sync/session';

const CHANGE_DELAY_MS = 1200;

const watched = (s: BoardState) => [s.goals, s.details, s.rounds, s.partners, s.profiles, s.relations];

/**
 * A number that grows a moment after the board or its record changed: what the server derives from its log
 * (activity, positions, balance) is reloaded then, once per burst of typing rather than per keystroke.
 */
export function useBoardChanges(delay = CHANGE_DELAY_MS): number {
  const { session } = useBoardContext();
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = watched(session.store.getState());
    const unsubscribe = session.store.subscribe((state) => {
      const next = watched(state);
      if (next.every((value, index) => value === last[index])) return;
      last = next;
      clearTimeout(timer);
      timer = setTimeout(() => setVersion((v) => v + 1), delay);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [session, delay]);
  return version;
}

/** `value`, once it has stayed the same for `delay` ms. */
export function useDebounced<T>(value: T, delay = CHANGE_DELAY_MS): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

export interface Loaded<T> {
  readonly data: T | null;
  readonly error: MessageKey | null;
  /** A request is running; the previous data stays on screen meanwhile (no flicker). */
  readonly loading: boolean;
}

/** Loads `load()` whenever `key` changes; keeps showing the last answer while the next one is on its way. */
export function useRefreshing<T>(load: (() => Promise<T>) | null, key: string): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ data: null, error: null, loading: load !== null });
  const loadRef = useRef(load);
  loadRef.current = load;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names everything `load` depends on.
  useEffect(() => {
    const current = loadRef.current;
    if (!current) return;
    let active = true;
    setState((s) => ({ ...s, loading: true }));
    current().then(
      (data) => active && setState({ data, error: null, loading: false }),
      (failure: unknown) =>
        active && setState((s) => ({ ...s, error: errorMessageKey(failure), loading: false })),
    );
    return () => {
      active = false;
    };
  }, [key]);
  return state;
}
