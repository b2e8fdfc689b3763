import { useBoardChanges, useRefreshing } from '../activity/useRefreshing';
import { useBoard, useBoardContext } from '../sync/SessionContext';
import { processApi } from './api';

/**
 * The server's health check of the live board, reloaded a moment after the board or its record changed. Not
 * before the board has arrived: the check replays the board's log on the server, and the board comes first.
 */
export function useHealth() {
  const { boardId, token } = useBoardContext();
  const loaded = useBoard((s) => s.loaded);
  const version = useBoardChanges();
  return useRefreshing(
    loaded ? () => processApi.health(boardId, token) : null,
    `${boardId}:${loaded}:${version}`,
  );
}
