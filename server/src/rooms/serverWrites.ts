import { SERVER_ORIGIN } from '@common-ground/shared/schema';
import type * as Y from 'yjs';
import type { QueuedUpdate, WriteQueue } from './writeQueue';

/** Writes to a document as the server, resolving once stored (Room.mutate). */
export type ServerWrite = (fn: (doc: Y.Doc) => void) => Promise<void>;

/** A mutate() whose transaction is running: the update it emits settles it once stored. */
interface Waiting {
  resolve(): void;
  reject(error: Error): void;
  /** Whom the log names for this server write (a facilitator's deliberate change); null = the server. */
  readonly participantId: string | null;
}

/**
 * The server's own writes to one room's document, as transactions with the server's origin. Each joins the write
 * queue like a client's update; mutate() resolves once it is stored, so a caller never reads back something that
 * a failed batch would lose.
 */
export class ServerWrites {
  private waiting: Waiting | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly queue: WriteQueue,
  ) {}

  /**
   * Applies `fn` as a server write; resolves once it is stored, rejects with StorageWriteError if it cannot be.
   * `participantId` names who the log attributes it to, for a write a person asked for through the API.
   */
  mutate(fn: (doc: Y.Doc) => void, participantId: string | null = null): Promise<void> {
    const broken = this.queue.broken;
    if (broken) return Promise.reject(broken);
    return new Promise<void>((resolve, reject) => {
      this.waiting = { resolve, reject, participantId };
      try {
        this.doc.transact(() => fn(this.doc), SERVER_ORIGIN);
        // A transaction that changed nothing emitted no update: there is nothing to wait for.
        if (this.waiting) resolve();
      } catch (error) {
        // What `fn` changed before it threw is stored all the same (Yjs committed it); the caller gets the error.
        reject(error);
      } finally {
        this.waiting = null;
        this.queue.flush();
      }
    });
  }

  /**
   * What a transaction with the server's origin emitted, ready for the queue: a mutate()'s update carries its
   * waiter and its participant; any other server transaction (a schema repair) is logged with no participant.
   */
  emitted(update: Uint8Array, at: number): QueuedUpdate {
    const done = this.waiting;
    this.waiting = null;
    return {
      update,
      sender: null,
      log: { participantId: done?.participantId ?? null, update, at },
      remoteSeq: null,
      ...(done ? { done } : {}),
    };
  }
}
