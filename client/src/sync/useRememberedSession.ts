import type { Role } from '@common-ground/shared';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, api, roundsApi } from '../app/api';
import type { RememberedBoard } from '../app/deviceStorage';
import { useRememberedBoards } from '../app/rememberedBoards';
import { markPageReady } from '../pwa/serviceWorker';
import { closeSession, followSession, pendingWipe } from './freshStart';
import { useRefusals } from './refusalStore';
import type { BoardContextValue } from './SessionContext';
import { type BoardSession, openBoardSession } from './session';

const statusOf = (error: unknown): number =>
  error instanceof ApiError && error.failure.kind === 'http' ? error.failure.status : 0;

/** What a 4401 close does (freshStart.ts), for a token the API refused: say why, forget the board and its copy. */
function endAccess(boardId: string): void {
  useRefusals.getState().accessEnded(boardId);
  useRememberedBoards.getState().forget(boardId);
}

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

  // A fresh start after a refusal (see freshStart.ts) opens a new session with a new document.
  const generation = useRefusals((s) => s.boards[boardId]?.generation ?? 0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new generation is the very reason to open a new session.
  useEffect(() => {
    let active = true;
    let opened: BoardSession | null = null;
    const stops: (() => void)[] = [];
    const open = () => {
      const current = openBoardSession({
        boardId,
        participantId,
        token,
        loadRounds: () => roundsApi.list(boardId, token),
        checkAccess: () =>
          api.getBoard(boardId, token).then(
            () => 'ok' as const,
            (error: unknown) => (statusOf(error) === 401 ? ('ended' as const) : ('ok' as const)),
          ),
      });
      opened = current;
      setSession(current);
      stops.push(followSession(boardId, current, useRememberedBoards.getState().forget));
      // A facilitator may change this person's role while the board is open: the record says so live.
      stops.push(
        current.store.subscribe((state) => {
          const mine = state.participants.find((p) => p.id === participantId);
          if (mine && !mine.removed) setRole(mine.role);
        }),
      );
      // Once: the store changes with every edit for as long as the board is open.
      const stopWatchingLoad = current.store.subscribe((state) => {
        if (!state.loaded) return;
        markPageReady();
        stopWatchingLoad();
      });
      stops.push(stopWatchingLoad);
      api.getBoard(boardId, token).then(
        (info) => {
          if (!active) return;
          current.seedRecord({ partners: info.partners, participants: info.participants });
          setRole(info.me.role);
        },
        (error: unknown) => {
          // Other failures (offline, server down) leave the session as it is: the live record catches up.
          const status = statusOf(error);
          if (!active) return;
          // The token ended (removed, or replaced by a re-entry link): the device forgets the board, as on 4401.
          if (status === 401) endAccess(boardId);
          else if (status === 403 || status === 404) setLostAccess(true);
        },
      );
    };
    useRefusals.getState().load(boardId);
    const wipe = pendingWipe(boardId);
    if (wipe) {
      void wipe.then(() => {
        if (active) open();
      });
    } else {
      open();
    }
    return () => {
      active = false;
      for (const stop of stops) stop();
      if (opened) closeSession(boardId, opened);
      setSession(null);
    };
  }, [boardId, participantId, token, generation]);

  const context = useMemo<BoardContextValue | null>(
    () => (session ? { session, boardId, token, role } : null),
    [session, boardId, token, role],
  );
  return { context, lostAccess };
}
