import type { Participant, Partner, Role, Round } from '@common-ground/shared/api';
import { useEffect, useMemo, useState } from 'react';
import { closeSession, followSession, pendingWipe } from './freshStart';
import { useRefusals } from './refusalStore';
import type { BoardContextValue } from './SessionContext';
import { type BoardSession, openBoardSession } from './session';

/** The board this device remembers, with the token it joined with. */
export interface SessionBoard {
  readonly boardId: string;
  readonly participantId: string;
  readonly token: string;
  readonly role: Role;
}

/**
 * What a session needs from the rest of the app: the API, this device's list of boards and the PWA. The app
 * provides it (app/sessionServices.ts), so this module depends on none of them.
 */
export interface SessionServices {
  getBoard(
    boardId: string,
    token: string,
  ): Promise<{
    readonly partners: readonly Partner[];
    readonly participants: readonly Participant[];
    readonly me: { readonly role: Role };
  }>;
  /** The HTTP status of a failed API call; 0 when it failed without one (offline, server down). */
  statusOf(error: unknown): number;
  loadRounds(boardId: string, token: string): Promise<readonly Round[]>;
  /** Removes the board from this device's list (its copy is deleted by freshStart.ts). */
  forgetBoard(boardId: string): void;
  /** The board has loaded once: the page may count as ready (e.g. for a waiting service worker update). */
  pageReady(): void;
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
export function useRememberedSession(board: SessionBoard, services: SessionServices): RememberedSession {
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
        loadRounds: () => services.loadRounds(boardId, token),
        checkAccess: () =>
          services.getBoard(boardId, token).then(
            () => 'ok' as const,
            (error: unknown) => (services.statusOf(error) === 401 ? ('ended' as const) : ('ok' as const)),
          ),
      });
      opened = current;
      setSession(current);
      stops.push(followSession(boardId, current, services.forgetBoard));
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
        services.pageReady();
        stopWatchingLoad();
      });
      stops.push(stopWatchingLoad);
      services.getBoard(boardId, token).then(
        (info) => {
          if (!active) return;
          current.seedRecord({ partners: info.partners, participants: info.participants });
          setRole(info.me.role);
        },
        (error: unknown) => {
          // Other failures (offline, server down) leave the session as it is: the live record catches up.
          const status = services.statusOf(error);
          if (!active) return;
          // The token ended (removed, or replaced by a re-entry link): say why and forget the board, as on 4401.
          if (status === 401) {
            useRefusals.getState().accessEnded(boardId);
            services.forgetBoard(boardId);
          } else if (status === 403 || status === 404) setLostAccess(true);
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
  }, [boardId, participantId, token, generation, services]);

  const context = useMemo<BoardContextValue | null>(
    () => (session ? { session, boardId, token, role } : null),
    [session, boardId, token, role],
  );
  return { context, lostAccess };
}
