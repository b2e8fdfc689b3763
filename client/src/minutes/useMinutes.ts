import type { BoardInfoResponse, MinutesResponse } from '@common-ground/shared/api';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../app/api';
import { ApiError } from '../app/apiError';
import { errorMessageKey } from '../app/errorMessage';
import type { MessageKey } from '../i18n/catalogues';
import { minutesApi } from './minutesApi';

export interface MinutesState {
  readonly minutes: MinutesResponse | null;
  /** The board: its title, the reader's role, and the participants the facilitator may add to the list. */
  readonly board: BoardInfoResponse | null;
  /** Loading failed: the page shows this instead of the minutes. */
  readonly loadError: MessageKey | null;
}

/** The outcome of a change, for the page to announce (and to move focus to the announcement). */
export type ChangeResult = { ok: true } | { ok: false; message: MessageKey };

const isConflict = (error: unknown) =>
  error instanceof ApiError && error.failure.kind === 'http' && error.failure.status === 409;
const isGone = (error: unknown) =>
  error instanceof ApiError && error.failure.kind === 'http' && error.failure.status === 404;

/**
 * The minutes of one meeting and the board they belong to, and `change` for every write: its answer replaces the
 * minutes. A 409 means someone changed them meanwhile (or finalised them): they are loaded again, and the person is
 * told so in plain words.
 */
export function useMinutes(boardId: string, meetingId: string, token: string | null) {
  const [state, setState] = useState<MinutesState>({ minutes: null, board: null, loadError: null });

  useEffect(() => {
    if (!token) return;
    let active = true;
    Promise.all([minutesApi.get(boardId, token, meetingId), api.getBoard(boardId, token)]).then(
      ([minutes, board]) => active && setState({ minutes, board, loadError: null }),
      (failure: unknown) =>
        active &&
        setState((s) => ({
          ...s,
          loadError: isGone(failure)
            ? 'minutes.notFound'
            : isConflict(failure)
              ? 'minutes.cancelledMeeting'
              : errorMessageKey(failure),
        })),
    );
    return () => {
      active = false;
    };
  }, [boardId, meetingId, token]);

  const change = useCallback(
    async (write: (token: string) => Promise<MinutesResponse>): Promise<ChangeResult> => {
      if (!token) return { ok: false, message: 'board.noAccessText' };
      try {
        const minutes = await write(token);
        setState((s) => ({ ...s, minutes }));
        return { ok: true };
      } catch (failure) {
        if (!isConflict(failure)) return { ok: false, message: errorMessageKey(failure) };
        try {
          const minutes = await minutesApi.get(boardId, token, meetingId);
          setState((s) => ({ ...s, minutes }));
          return {
            ok: false,
            message: minutes.status === 'final' ? 'minutes.conflictFinal' : 'minutes.conflict',
          };
        } catch (reloadFailure) {
          return { ok: false, message: errorMessageKey(reloadFailure) };
        }
      }
    },
    [boardId, meetingId, token],
  );

  return { ...state, change };
}
