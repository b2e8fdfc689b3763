import type * as Y from 'yjs';
import type { Connection } from './connection';
import { SyncAnswers } from './protocol';

/**
 * Answers to clients' sync step 1, sent only while nothing unstored is in the document: at once while the write
 * queue is idle, else as soon as it is, so no one receives an update that is not stored. Answers are encoded once
 * for every joiner that asks alike until the next change (SyncAnswers: join storms).
 */
export class SyncReplies {
  private readonly answers: SyncAnswers;
  private waiting: { conn: Connection; stateVector: Uint8Array }[] = [];

  constructor(
    doc: Y.Doc,
    storedFullState: Uint8Array | null,
    private readonly idle: () => boolean,
  ) {
    this.answers = new SyncAnswers(doc, storedFullState);
  }

  answer(conn: Connection, stateVector: Uint8Array): void {
    if (this.idle()) conn.send(this.for(stateVector));
    else this.waiting.push({ conn, stateVector });
  }

  /** The sync step 2 for `stateVector` (an empty one gets the shared full-state frame); only while idle. */
  for(stateVector: Uint8Array): Uint8Array {
    return this.answers.for(stateVector);
  }

  /** The document changed: no answer encoded before holds any more. */
  changed(): void {
    this.answers.clear();
  }

  /** The write queue is idle: every waiting connection that is still there gets its answer. */
  sendWaiting(stillThere: (conn: Connection) => boolean): void {
    for (const { conn, stateVector } of this.waiting.splice(0)) {
      if (stillThere(conn)) conn.send(this.for(stateVector));
    }
  }

  /** The room broke or is freed: nobody waiting is answered. */
  drop(): void {
    this.waiting = [];
  }
}
