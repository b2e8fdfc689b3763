import { useEffect, useRef, useState } from 'react';
import { useOffline } from '../sync/offlineHooks';
import { useBoard } from '../sync/SessionContext';

/** How long the board waits for something to show before it draws its empty frame with "Verbinde…". */
export const CONTENT_WAIT_MS = 1000;

/**
 * Whether the board has something to show: the server's state, this device's copy, or the news that the server
 * cannot be reached; at the latest after CONTENT_WAIT_MS. Once true, it stays true. Drawn before that, the board
 * showed every column as "no goals yet" for a moment, and the frame's render and layout were done twice (about
 * 200 ms of a first visit on the benchmark machine).
 */
export function useBoardReady(): boolean {
  const loaded = useBoard((s) => s.loaded);
  const somethingElse = useOffline((s) => s.localCopy || s.unreachable);
  const [waited, setWaited] = useState(false);
  const ready = useRef(false);
  if (loaded || somethingElse || waited) ready.current = true;
  useEffect(() => {
    if (ready.current) return;
    const timer = setTimeout(() => setWaited(true), CONTENT_WAIT_MS);
    return () => clearTimeout(timer);
  }, []);
  return ready.current;
}
