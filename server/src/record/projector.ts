import { writeRecordEntries } from '@common-ground/shared/schema';
import type * as Y from 'yjs';
import type { Extension } from '../hooks/extension';
import type { Logger } from '../log';
import { recordDocKey } from '../rooms/docKeys';
import type { LoadedEvent } from '../rooms/documentHooks';
import type { RoomRegistry } from '../rooms/registry';
import type { Room } from '../rooms/room';
import type { Storage } from '../storage/types';
import { recordEntries } from './entries';

/** Builds a projection once its turn comes: the write to apply to the record, or null for nothing to write. */
export type ProjectionBuild = () => Promise<((doc: Y.Doc) => void) | null>;

/** The projections of one kind of change (a service's), in the board queues every projection shares. */
export interface BoardProjection {
  project(boardId: string, build: ProjectionBuild): Promise<void>;
}

/** Long enough to take a burst of another instance's record writes (a round closing) in one read. */
const REFRESH_DEBOUNCE_MS = 50;

/**
 * Projects stored state into the boards' record documents; one per server. Each board has one queue that every
 * projection takes its turn in, whoever made it, each reading storage only when its turn comes. Two changes of
 * one entry (two stances of a round, a relation created and removed) may finish their storage writes in one order
 * and reach the record in the other; read in turn, the last projection always writes the latest state, so the
 * record never goes back to an older one.
 * As an extension it reconciles every record document that loads with storage (afterLoadDocument), so the record
 * catches up even if a projection after a change failed.
 */
export class RecordProjector implements Extension {
  readonly name = 'record projection';
  private readonly queues = new Map<string, Promise<void>>();
  private readonly refreshes = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly rooms: RoomRegistry,
    private readonly storage: Storage,
    private readonly log: Logger,
  ) {}

  /** The projections of one kind of change; `what` says in the log what failed, e.g. 'a round change'. */
  for(what: string): BoardProjection {
    return { project: (boardId, build) => this.project(boardId, what, build) };
  }

  /**
   * Runs `build` after every earlier projection of the board, then applies the write it returns. Never rejects:
   * the change is committed whatever happens here, and if the record cannot be written now it catches up from
   * storage when it is next loaded.
   */
  project(boardId: string, what: string, build: ProjectionBuild): Promise<void> {
    const previous = this.queues.get(boardId) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        const write = await build();
        if (write) await this.rooms.mutate(recordDocKey(boardId), write);
      } catch (error) {
        this.log.error(`record document not updated after ${what}`, { boardId, error });
      }
    });
    this.queues.set(boardId, next);
    void next.then(() => {
      if (this.queues.get(boardId) === next) this.queues.delete(boardId);
    });
    return next;
  }

  /**
   * Another instance wrote the board's record: re-projects it from storage, in the board's queue. Two instances
   * projecting concurrently may leave the older state winning the CRDT merge; a projection read after both writes
   * puts the stored state back. Only entries that differ are written, so when the record already matches nothing
   * is written and nothing echoes back.
   */
  refresh(boardId: string): void {
    if (this.refreshes.has(boardId)) return;
    const timer = setTimeout(() => {
      this.refreshes.delete(boardId);
      void this.project(boardId, 'another instance changed it', async () => {
        const entries = await recordEntries(this.storage, boardId);
        return (doc) => writeRecordEntries(doc, entries);
      });
    }, REFRESH_DEBOUNCE_MS);
    timer.unref();
    this.refreshes.set(boardId, timer);
  }

  /** A record document loading is written from storage before anyone joins it; a failure fails the load. */
  async afterLoadDocument({ kind, boardId, room }: LoadedEvent<Room>): Promise<void> {
    if (kind !== 'record') return;
    const entries = await recordEntries(this.storage, boardId);
    await room.mutate((doc) => writeRecordEntries(doc, entries));
  }

  onDestroy(): void {
    for (const timer of this.refreshes.values()) clearTimeout(timer);
    this.refreshes.clear();
  }
}
