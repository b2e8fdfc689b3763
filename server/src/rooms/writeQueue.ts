import type { Appended, NewUpdate } from '../storage/types';
import type { Connection } from './connection';
import { StorageWriteError } from './violation';

/** An update applied to the room's document that is not yet sent to anyone. */
export interface QueuedUpdate {
  readonly update: Uint8Array;
  /** The connection it came from: everyone else receives it. null for server writes and remote updates. */
  readonly sender: Connection | null;
  /** What to append to the log; null for an update another instance stored already. */
  readonly log: NewUpdate | null;
  /** The sequence number another instance stored it under (remote updates only). */
  readonly remoteSeq: number | null;
  /**
   * The connection whose update this server write repairs (the schema's repair in the writer's batch): sent to
   * the others merged with that update, so that nobody else ever holds what the server put back.
   */
  readonly repairOf?: Connection;
  /** Settled when it is stored (a server write awaits it). */
  readonly done?: { resolve(): void; reject(error: Error): void };
}

export interface WriteQueueEvents {
  /** A batch is stored (`seqs` are those of its entries with a `log`, in order); send it now, in order. */
  stored(batch: readonly QueuedUpdate[], seqs: readonly number[]): void;
  /** Nothing is applied-but-unstored any more. */
  idle(): void;
  /** A batch could not be stored; the queue is broken for good and keeps nothing. */
  failed(error: StorageWriteError): void;
}

/**
 * Group commit for one room. Updates join the queue in the order the document applied them; one `store` call
 * takes everything queued, and while it is in flight new updates wait for the next call. A batch's updates are
 * handed to `stored` only after the call succeeded, so nothing unstored is ever sent; a failed call breaks the
 * queue (and the room): the failed batch and everything queued behind it are dropped, their waiters rejected.
 */
export class WriteQueue {
  private pending: QueuedUpdate[] = [];
  private inFlight = false;
  private failure: StorageWriteError | null = null;
  private idleWaiters: { resolve(): void; reject(error: Error): void }[] = [];

  constructor(
    private readonly docKey: string,
    private readonly store: (updates: readonly NewUpdate[]) => Appended,
    private readonly events: WriteQueueEvents,
  ) {}

  get idle(): boolean {
    return !this.inFlight && this.pending.length === 0;
  }

  get broken(): StorageWriteError | null {
    return this.failure;
  }

  push(item: QueuedUpdate): void {
    if (this.failure) {
      item.done?.reject(this.failure);
      return;
    }
    this.pending.push(item);
  }

  /**
   * Starts a batch with everything queued, unless one is in flight (its completion starts the next). A store that
   * returns its sequence numbers at once (SQLite) completes the batch now: it is sent in this turn of the event loop.
   */
  flush(): void {
    if (this.inFlight || this.failure || this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const logs = batch.flatMap((item) => (item.log ? [item.log] : []));
    if (logs.length === 0) {
      // Only updates stored elsewhere: nothing to wait for, but they still go out behind earlier batches.
      this.completed(batch, []);
      return;
    }
    let stored: Appended;
    try {
      stored = this.store(logs);
    } catch (cause) {
      this.fail(cause, batch);
      return;
    }
    if (Array.isArray(stored)) {
      try {
        this.settle(batch, logs.length, stored);
      } catch (error) {
        // As below: a throwing listener breaks the room rather than the writer's socket.
        this.fail(error, batch);
      }
      return;
    }
    this.inFlight = true;
    stored
      .then(
        (seqs) => {
          this.inFlight = false;
          this.settle(batch, logs.length, seqs);
        },
        (cause: unknown) => {
          this.inFlight = false;
          this.fail(cause, batch);
        },
      )
      // A throwing listener must not leave a rejected promise nobody handles; the room reloads instead, and no
      // server write of the batch waits forever (settling it twice does nothing).
      .catch((error: unknown) => this.fail(error, batch));
  }

  /** Resolves once nothing is applied-but-unstored; rejects if the queue broke. */
  whenIdle(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.idle) return Promise.resolve();
    return new Promise((resolve, reject) => this.idleWaiters.push({ resolve, reject }));
  }

  private settle(batch: readonly QueuedUpdate[], logged: number, seqs: readonly number[]): void {
    if (seqs.length === logged) this.completed(batch, seqs);
    else
      this.fail(new Error(`storage returned ${seqs.length} sequence numbers for ${logged} updates`), batch);
  }

  private completed(batch: readonly QueuedUpdate[], seqs: readonly number[]): void {
    this.events.stored(batch, seqs);
    for (const item of batch) item.done?.resolve();
    this.flush();
    if (!this.idle || this.failure) return;
    for (const waiter of this.idleWaiters.splice(0)) waiter.resolve();
    this.events.idle();
  }

  private fail(cause: unknown, batch: readonly QueuedUpdate[]): void {
    if (this.failure) return;
    this.failure = new StorageWriteError(this.docKey, { cause });
    const lost = [...batch, ...this.pending];
    this.pending = [];
    for (const item of lost) item.done?.reject(this.failure);
    for (const waiter of this.idleWaiters.splice(0)) waiter.reject(this.failure);
    this.events.failed(this.failure);
  }
}
