import type * as Y from 'yjs';
import type { Logger } from '../log';
import { recordDocKey } from './docKeys';
import type { RoomRegistry } from './registry';

/** Per registry (one per server): every projector of a board takes its turn in one queue, whoever made it. */
const queuesOf = new WeakMap<RoomRegistry, Map<string, Promise<void>>>();

/**
 * Projects stored state into a board's record document, one projection per board at a time, each reading
 * storage only when its turn comes. Two changes of one entry (two stances of a round, a relation created and
 * removed) may finish their storage writes in one order and reach the record in the other; read in turn, the
 * last projection always writes the latest state, so the record never goes back to an older one.
 */
export class RecordProjector {
  private readonly queues: Map<string, Promise<void>>;

  constructor(
    private readonly rooms: RoomRegistry,
    private readonly log: Logger,
    /** What the log says failed, e.g. 'a round change'. */
    private readonly what: string,
  ) {
    let queues = queuesOf.get(rooms);
    if (!queues) {
      queues = new Map();
      queuesOf.set(rooms, queues);
    }
    this.queues = queues;
  }

  /**
   * Runs `build` after every earlier projection of the board, then applies the write it returns (null = nothing
   * to write). Never rejects: the change is committed whatever happens here, and if the record cannot be written
   * now it catches up from storage when it is next loaded.
   */
  project(boardId: string, build: () => Promise<((doc: Y.Doc) => void) | null>): Promise<void> {
    const previous = this.queues.get(boardId) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        const write = await build();
        if (write) await this.rooms.mutate(recordDocKey(boardId), write);
      } catch (error) {
        this.log.error(`record document not updated after ${this.what}`, { boardId, error });
      }
    });
    this.queues.set(boardId, next);
    void next.then(() => {
      if (this.queues.get(boardId) === next) this.queues.delete(boardId);
    });
    return next;
  }
}
