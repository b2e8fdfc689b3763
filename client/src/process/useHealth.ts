import { useBoardChanges, useRefreshing } from '../activity/useRefreshing';
import { useBoardContext } from '../sync/SessionContext';
import { processApi } from './api';

/** The server's health check of the live board, reloaded a moment after the board or its record changed. */
export function useHealth() {
  const { boardId, token } = useBoardContext();
  const version = useBoardChanges();
  return useRefreshing(() => processApi.health(boardId, token), `${boardId}:${version}`);
}
