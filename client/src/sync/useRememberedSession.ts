import type { Role } from '@common-ground/shared';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, api, roundsApi } from '../app/api';
import type { RememberedBoard } from '../app/deviceStorage';
import { markPageReady } from '../pwa/serviceWorker';
import type { BoardContextValue } from './SessionContext';
import { type BoardSession, openBoardSession } from './session';

export interface RememberedSession {
  /** Null until the session is open. */
  readonly context: BoardContextValue | null;
  /** The server no longer accepts this device's token (or the board is gone). */
  readonly lostAccess: boolean;
}

/**
 * Opens the live session with the token this device remembers, and checks it with the API in parallel: the
 * session is there at once (also offline); the API's answer seeds the record and the current role.
 */
export function useRememberedSession(board: RememberedBoard): RememberedSession {
  const { boardId, token, participantId } = board;
  const [session, setSession] = useState<BoardSession | null>(null);
  const [role, setRole] = useState<Role>(board.role);
  const [lostAccess, setLostAccess] = useState(false);

  useEffect(() => {
    const opened = openBoardSession({
      boardId,
      participantId,
      token,
      loadRounds: () => roundsApi.list(boardId, token),
    });
    setSession(opened);
    // Once: the store changes with every edit for as long as the board is open.
    const stopWatchingLoad = opened.store.subscribe((state) => {
      if (!state.loaded) return;
      markPageReady();
      stopWatchingLoad();
    });
    let active = true;
    api.getBoard(boardId, token).then(
      (info) => {
        if (!active) return;
        opened.seedRecord({ partners: info.partners, participants: info.participants });
        setRole(info.me.role);
      },
      (error: unknown) => {
        // Other failures (offline, server down) leave the session as it is: the live record catches up.
        const status = error instanceof ApiError && error.failure.kind === 'http' ? error.failure.status : 0;
        if (active && (status === 401 || status === 403 || status === 404)) setLostAccess(true);
      },
    );
    return () => {
      active = false;
      stopWatchingLoad();
      opened.destroy();
      setSession(null);
    };
  }, [boardId, participantId, token]);

  const context = useMemo<BoardContextValue | null>(
    () => (session ? { session, boardId, token, role } : null),
    [session, boardId, token, role],
  );
  return { context, lostAccess };
}
