import { forgetLocalCopy } from './localPersistence';
import { refusalKind, startsFreshAtOnce } from './refusal';
import { useRefusals } from './refusalStore';
import type { BoardSession } from './session';

/** Local copies being deleted, by board: the next session of that board waits, or it would load the copy again. */
const wipes = new Map<string, Promise<void>>();

/**
 * Follows an open session for its host: a refusal becomes the board's notice (and, for a refused change, a fresh
 * start at once; for ended access, the device forgets the board), and once the server's copy is in, the texts
 * kept from an earlier copy are checked against it.
 */
export function followSession(
  boardId: string,
  session: BoardSession,
  forgetBoard: (boardId: string) => void,
): () => void {
  const refusals = useRefusals.getState();
  refusals.sessionOpened(boardId);
  return session.store.subscribe((state, previous) => {
    if (state.loaded && !previous.loaded) useRefusals.getState().check(boardId, state);
    const refusal = state.refusal;
    if (!refusal || previous.refusal) return;
    const kind = refusalKind(refusal.code);
    if (kind === 'accessEnded') {
      refusals.accessEnded(boardId);
      forgetBoard(boardId);
      return;
    }
    refusals.refused(boardId, refusal, !startsFreshAtOnce(kind));
    if (startsFreshAtOnce(kind)) refusals.startFresh(boardId);
  });
}

/**
 * Ends a session. A refused one's local copy holds what the server refused, and the next sync would send it
 * again: the texts the person changed are kept (see keptText.ts), then the copy and its journal are deleted.
 */
export function closeSession(boardId: string, session: BoardSession): void {
  const refusal = session.store.getState().refusal;
  if (!refusal || refusalKind(refusal.code) === 'accessEnded') {
    session.destroy();
    return;
  }
  useRefusals.getState().keep(boardId, session.touchedTexts());
  session.destroy();
  const wipe = forgetLocalCopy(boardId).finally(() => {
    if (wipes.get(boardId) === wipe) wipes.delete(boardId);
  });
  wipes.set(boardId, wipe);
}

/** Resolves once a refused session's local copy is deleted; null when none is being deleted. */
export const pendingWipe = (boardId: string): Promise<void> | null => wipes.get(boardId) ?? null;
