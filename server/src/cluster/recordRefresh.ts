import { writeRecordEntries } from '@common-ground/shared';
import type { Logger } from '../log';
import { RecordProjector } from '../rooms/projector';
import { recordEntries } from '../rooms/record';
import type { RoomRegistry } from '../rooms/registry';
import type { Storage } from '../storage/types';

/** Long enough to take a burst of another instance's record writes (a round closing) in one read. */
const DEBOUNCE_MS = 50;

/**
 * Re-projects a board's record document from the database after another instance wrote it, in the same
 * per-board queue as this instance's own projections. Two instances projecting concurrently may leave the older
 * state winning the CRDT merge; a projection read after both writes puts the stored state back. It writes only
 * entries that differ, so when the record already matches nothing is written and nothing echoes back.
 */
export function createRecordRefresher(
  rooms: RoomRegistry,
  storage: Storage,
  log: Logger,
): { refresh(boardId: string): void; close(): void } {
  const projector = new RecordProjector(rooms, log, 'another instance changed it');
  const timers = new Map<string, NodeJS.Timeout>();
  return {
    refresh(boardId) {
      if (timers.has(boardId)) return;
      const timer = setTimeout(() => {
        timers.delete(boardId);
        void projector.project(boardId, async () => {
          const entries = await recordEntries(storage, boardId);
          return (doc) => writeRecordEntries(doc, entries);
        });
      }, DEBOUNCE_MS);
      timer.unref();
      timers.set(boardId, timer);
    },
    close() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
