import { boardDocKey } from '../rooms/docKeys';
import type { Storage } from '../storage/types';
import { BoardReplay } from './replay';
import { replayTurns, type Turns } from './turns';

/** How many boards keep their replay in memory; the least recently asked-for one is dropped first. */
export const DEFAULT_REPLAY_CACHE_SIZE = 16;

/** A board's replay and the catching up it is doing, if any. */
interface Entry {
  readonly replay: BoardReplay;
  running: Promise<void> | null;
  /** One catch-up for every request that came while one was running: it starts when that one ends. */
  queued: Promise<void> | null;
}

/**
 * Replays per board, kept in memory between requests (an LRU), each brought up to date with the updates logged
 * since it was last asked for. A dropped or never-built replay is rebuilt from seq 1 on the next request. Either
 * way the updates are applied in slices that take turns with the rest of the event loop (Turns), and one board
 * catches up once however many requests ask at the same time.
 */
export class ReplayCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly storage: Pick<Storage, 'log'>,
    private readonly capacity = DEFAULT_REPLAY_CACHE_SIZE,
    private readonly turns: Turns = replayTurns,
  ) {}

  /** The board's replay, current with every update logged before this call. */
  async get(boardId: string): Promise<BoardReplay> {
    const entry = this.touch(boardId);
    await this.catchUp(boardId, entry);
    return entry.replay;
  }

  clear(): void {
    for (const { replay } of this.entries.values()) replay.destroy();
    this.entries.clear();
  }

  /**
   * A catch-up that reads the log after this call: the running one may have read it before, so a caller that
   * comes while one runs gets the queued one, shared with everyone else who came meanwhile.
   */
  private catchUp(boardId: string, entry: Entry): Promise<void> {
    if (!entry.running) {
      entry.running = this.advance(boardId, entry.replay).finally(() => {
        entry.running = null;
      });
      return entry.running;
    }
    if (!entry.queued) {
      const next = () => {
        entry.queued = null;
        return this.catchUp(boardId, entry);
      };
      entry.queued = entry.running.then(next, next);
    }
    return entry.queued;
  }

  private async advance(boardId: string, replay: BoardReplay): Promise<void> {
    const updates = await this.storage.log.listUpdates(boardDocKey(boardId), replay.lastSeq);
    // Catch-ups of one board never overlap, so every listed update is new to the replay.
    await this.turns.sliced(updates, (update) => {
      replay.advance([update]);
      this.turns.stats.logUpdates++;
    });
  }

  private touch(boardId: string): Entry {
    const entry = this.entries.get(boardId) ?? { replay: new BoardReplay(), running: null, queued: null };
    this.entries.delete(boardId);
    this.entries.set(boardId, entry);
    this.evictOverCapacity();
    return entry;
  }

  /** Dropped, not destroyed: a request may still be reading it across an await; the collector frees it. */
  private evictOverCapacity(): void {
    for (const boardId of this.entries.keys()) {
      if (this.entries.size <= this.capacity) return;
      this.entries.delete(boardId);
    }
  }
}
