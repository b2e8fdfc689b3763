import { boardDocKey } from '../rooms/docKeys';
import type { Storage } from '../storage/types';
import { BoardReplay } from './replay';

/** How many boards keep their replay in memory; the least recently asked-for one is dropped first. */
export const DEFAULT_REPLAY_CACHE_SIZE = 16;

/**
 * Replays per board, kept in memory between requests (an LRU), each brought up to date with the updates logged
 * since it was last asked for. A dropped or never-built replay is rebuilt from seq 1 on the next request.
 */
export class ReplayCache {
  private readonly replays = new Map<string, BoardReplay>();

  constructor(
    private readonly storage: Storage,
    private readonly capacity = DEFAULT_REPLAY_CACHE_SIZE,
  ) {}

  /** The board's replay, current with every update logged so far. */
  async get(boardId: string): Promise<BoardReplay> {
    let replay = this.replays.get(boardId);
    if (replay) {
      this.replays.delete(boardId);
    } else {
      replay = new BoardReplay();
    }
    this.replays.set(boardId, replay);
    this.evictOverCapacity();
    // advance() skips what it has, so two requests refreshing one replay at once do no harm.
    replay.advance(await this.storage.listUpdates(boardDocKey(boardId), replay.lastSeq));
    return replay;
  }

  clear(): void {
    for (const replay of this.replays.values()) replay.destroy();
    this.replays.clear();
  }

  /** Dropped, not destroyed: a request may still be reading it across an await; the collector frees it. */
  private evictOverCapacity(): void {
    for (const boardId of this.replays.keys()) {
      if (this.replays.size <= this.capacity) return;
      this.replays.delete(boardId);
    }
  }
}
