import { useBoardChanges, useRefreshing } from '../activity/useRefreshing';
import { useOffline } from '../sync/offlineHooks';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { processApi } from './api';

/**
 * The server's health check of the live board, reloaded a moment after the board or its record changed. Not
 * before the board has arrived (the check replays the board's log on the server, and the board comes first),
 * unless the server cannot be reached: then the request fails and says so.
 */
export function useHealth() {
  const { boardId, token } = useBoardContext();
  const loaded = useBoard((s) => s.loaded);
  const unreachable = useOffline((s) => s.unreachable);
  const ask = loaded || unreachable;
  const version = useBoardChanges();
  return useRefreshing(ask ? () => processApi.health(boardId, token) : null, `${boardId}:${ask}:${version}`);
}
