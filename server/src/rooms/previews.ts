import type { LoadedDocument } from '../storage/types';
import { syncStep2MessageOf } from './protocol';

/**
 * A document that is still loading, as it is stored: with no tail, the stored snapshot is the whole stored
 * document, so its sync step 2 can answer a joiner with an empty state before the snapshot is applied (which takes
 * about as long as the client's own decode: hundreds of ms for a large board).
 */
export class SnapshotPreview {
  /**
   * The state the preview carries, set by the registry from the room right after it applied the snapshot (what
   * `Y.encodeStateVectorFromUpdate` would give, without decoding the snapshot again); null until then.
   */
  stateVector: Uint8Array | null = null;

  private constructor(
    /** The stored snapshot as a sync step 2; the room's full-state answer too, until its first change. */
    readonly message: Uint8Array,
  ) {}

  static of(loaded: LoadedDocument): SnapshotPreview | null {
    if (!loaded.snapshot || loaded.updates.length > 0) return null;
    return new SnapshotPreview(syncStep2MessageOf(loaded.snapshot));
  }
}

/** A socket waiting for its room (ws/upgrade): it may answer its queued sync step 1 from a preview. */
export interface PreviewWaiter {
  /**
   * A preview of the document is published. `settled` is to be called once the socket's first sync step 1 was
   * answered from it, or turned out to carry state (it waits for the room), or the socket closed.
   */
  offer(preview: SnapshotPreview, settled: () => void): void;
}

interface Publication {
  readonly preview: SnapshotPreview;
  readonly unsettled: Set<PreviewWaiter>;
  /** Set while the load waits: told whenever a waiter settles or leaves. */
  changed: (() => void) | null;
}

/**
 * The previews of documents being loaded and the sockets waiting for those documents. A load publishes its
 * preview, waits (bounded) until every waiting socket has settled, then applies the snapshot, and withdraws the
 * preview once the room is ready or the load failed.
 */
export class PreviewBoard {
  private readonly waiters = new Map<string, Set<PreviewWaiter>>();
  private readonly published = new Map<string, Publication>();

  /** Registers a socket waiting for `docKey`; it is offered the preview now if there is one. Returns the undo. */
  watch(docKey: string, waiter: PreviewWaiter): () => void {
    let set = this.waiters.get(docKey);
    if (!set) {
      set = new Set();
      this.waiters.set(docKey, set);
    }
    set.add(waiter);
    const publication = this.published.get(docKey);
    if (publication) this.offer(publication, waiter);
    return () => {
      set.delete(waiter);
      if (set.size === 0 && this.waiters.get(docKey) === set) this.waiters.delete(docKey);
      this.settle(docKey, waiter);
    };
  }

  publish(docKey: string, preview: SnapshotPreview): void {
    const publication: Publication = { preview, unsettled: new Set(), changed: null };
    this.published.set(docKey, publication);
    for (const waiter of this.waiters.get(docKey) ?? []) this.offer(publication, waiter);
  }

  withdraw(docKey: string, preview: SnapshotPreview): void {
    if (this.published.get(docKey)?.preview === preview) this.published.delete(docKey);
  }

  /**
   * Resolves once every socket waiting for the document has settled, or after `maxWaitMs`. "Every" is checked
   * again after the event loop has polled once more, so sockets whose upgrade or first frame has already arrived
   * join (and are answered) before the apply blocks the loop.
   */
  settled(docKey: string, maxWaitMs: number): Promise<void> {
    const publication = this.published.get(docKey);
    if (!publication) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let checking = false;
      const finish = () => {
        clearTimeout(timer);
        publication.changed = null;
        resolve();
      };
      const timer = setTimeout(finish, maxWaitMs);
      const check = () => {
        if (publication.unsettled.size > 0 || checking) return;
        checking = true;
        afterNextPoll(() => {
          checking = false;
          if (publication.unsettled.size === 0 && publication.changed === check) finish();
        });
      };
      publication.changed = check;
      check();
    });
  }

  private offer(publication: Publication, waiter: PreviewWaiter): void {
    publication.unsettled.add(waiter);
    let done = false;
    waiter.offer(publication.preview, () => {
      if (done) return;
      done = true;
      if (publication.unsettled.delete(waiter)) publication.changed?.();
    });
  }

  private settle(docKey: string, waiter: PreviewWaiter): void {
    const publication = this.published.get(docKey);
    if (publication?.unsettled.delete(waiter)) publication.changed?.();
  }
}

/**
 * Runs `fn` after the event loop has been through its poll phase at least once: one setImmediate may fire in the
 * check phase of the current iteration, before anything new is read; the second runs after the next poll.
 */
function afterNextPoll(fn: () => void): void {
  setImmediate(() => setImmediate(fn));
}
