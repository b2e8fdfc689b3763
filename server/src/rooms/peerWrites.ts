import { PEER_ORIGIN } from '@common-ground/shared/schema';
import * as Y from 'yjs';
import type { SequencedUpdate } from './connection';
import type { QueuedUpdate, WriteQueue } from './writeQueue';

/**
 * Updates another instance of the cluster stored already, applied to this instance's copy of the document with the
 * peer origin: they join the write queue only to be sent on to the local connections behind any batch still in
 * flight, so they never overtake it; they are never logged again.
 */
export class PeerWrites {
  /** Set while apply() applies an entry: the sequence number it was stored under. */
  private applyingSeq: number | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly queue: WriteQueue,
  ) {}

  /** Applies the entries in their order; `seen` is told each one's seq, even if Yjs had it already. */
  apply(entries: readonly SequencedUpdate[], seen: (seq: number) => void): void {
    for (const entry of entries) {
      this.applyingSeq = entry.seq;
      try {
        Y.applyUpdate(this.doc, entry.update, PEER_ORIGIN);
      } finally {
        this.applyingSeq = null;
      }
      seen(entry.seq);
    }
    this.queue.flush();
  }

  /** What a transaction with the peer origin emitted, ready for the queue: sent on, not logged. */
  emitted(update: Uint8Array): QueuedUpdate {
    return { update, sender: null, log: null, remoteSeq: this.applyingSeq };
  }
}
