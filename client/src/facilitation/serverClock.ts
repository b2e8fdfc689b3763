import { useEffect, useState } from 'react';
import { facilitationApi } from '../app/api';

/**
 * The timer is stored in server time; a phone's clock may be off by seconds. One request per session estimates
 * the offset (server time minus local time, taking the round trip's midpoint); 0 until it answers or offline.
 */
export function useServerOffset(boardId: string, token: string): number {
  const [offset, setOffset] = useState(0);
  useEffect(() => {
    let active = true;
    const sentAt = Date.now();
    facilitationApi.get(boardId, token).then(
      ({ serverNow }) => {
        const receivedAt = Date.now();
        if (active) setOffset(serverNow - (sentAt + receivedAt) / 2);
      },
      () => {
        // Offline: the local clock is the best guess.
      },
    );
    return () => {
      active = false;
    };
  }, [boardId, token]);
  return offset;
}

/** Server time, re-rendering every `intervalMs` while `running`. */
export function useServerNow(offset: number, running: boolean, intervalMs = 250): number {
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    setNow(Date.now() + offset);
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now() + offset), intervalMs);
    return () => clearInterval(timer);
  }, [offset, running, intervalMs]);
  return now;
}
