import * as Y from 'yjs';
import { recordDocKey } from '../rooms/docKeys';
import type { Storage } from '../storage/types';

/** Keys of the record's `facilitation` map that only change while someone leads a session at the table. */
const SESSION_KEYS = new Set(['focus', 'timer']);
const CAPACITY = 16;

interface Replayed {
  readonly doc: Y.Doc;
  lastSeq: number;
  readonly times: number[];
}

/**
 * When the facilitator set a focus or ran the timebox, read from the record document's update log (the record
 * keeps only the current state; its log keeps every change with its time). Replayed incrementally per board and
 * kept for the most recently asked-for boards, like the activity replays.
 */
export class SessionLog {
  private readonly boards = new Map<string, Replayed>();

  constructor(private readonly storage: Pick<Storage, 'log'>) {}

  async times(boardId: string): Promise<readonly number[]> {
    let replayed = this.boards.get(boardId);
    if (replayed) this.boards.delete(boardId);
    else replayed = { doc: new Y.Doc(), lastSeq: 0, times: [] };
    this.boards.set(boardId, replayed);
    for (const id of this.boards.keys()) {
      if (this.boards.size <= CAPACITY) break;
      // Not destroyed: a request may still be replaying it across an await; the collector frees it.
      this.boards.delete(id);
    }
    const updates = await this.storage.log.listUpdates(recordDocKey(boardId), replayed.lastSeq);
    const map = replayed.doc.getMap<unknown>('facilitation');
    for (const entry of updates) {
      // Two requests refreshing at once: the later one skips what the earlier one replayed.
      if (entry.seq <= replayed.lastSeq) continue;
      let touched = false;
      const observe = (event: Y.YMapEvent<unknown>) => {
        for (const key of event.keysChanged) if (SESSION_KEYS.has(key)) touched = true;
      };
      map.observe(observe);
      Y.applyUpdate(replayed.doc, entry.update);
      map.unobserve(observe);
      if (touched) replayed.times.push(entry.at);
      replayed.lastSeq = entry.seq;
    }
    return replayed.times;
  }
}
