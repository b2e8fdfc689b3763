import { markPageReady } from '../pwa/serviceWorker';
import type { SessionServices } from '../sync/useRememberedSession';
import { api, roundsApi } from './api';
import { ApiError } from './apiError';
import { useRememberedBoards } from './rememberedBoards';

/** The app's side of a board session (see useRememberedSession): its API, its list of boards, the PWA. */
export const sessionServices: SessionServices = {
  getBoard: (boardId, token) => api.getBoard(boardId, token),
  statusOf: (error) =>
    error instanceof ApiError && error.failure.kind === 'http' ? error.failure.status : 0,
  loadRounds: (boardId, token) => roundsApi.list(boardId, token),
  forgetBoard: (boardId) => useRememberedBoards.getState().forget(boardId),
  pageReady: markPageReady,
};
