import { originOf } from '@common-ground/shared/schema';
import * as Y from 'yjs';
import type { NewUpdate } from '../storage/types';
import { ClientWrites, type ClientWritesDeps } from './clientWrites';
import { DocSize } from './docSize';
import { PeerWrites } from './peerWrites';
import { ServerWrites } from './serverWrites';
import { WriteQueue, type WriteQueueEvents } from './writeQueue';

export interface RoomWritesDeps extends Omit<ClientWritesDeps, 'queue' | 'size'> {
  readonly maxDocBytes: number;
  /** Bytes of the stored state the document was loaded from: the size budget's first figure. */
  readonly storedBytes: number;
  /** Appends a batch to the document's log (see WriteQueue). */
  readonly store: (updates: readonly NewUpdate[]) => number[] | Promise<number[]>;
  readonly events: WriteQueueEvents;
}

/**
 * Every write to one room's document, by who makes it: a client's update (ClientWrites), the server's own
 * (ServerWrites), another instance's (PeerWrites). Each is applied in a transaction with its writer's origin, and
 * the document's update handler (emitted) tells them apart by that origin alone: what Yjs emitted joins the write
 * queue, logged with its writer's participant (or none, or not at all), and is sent once its batch is stored.
 */
export class RoomWrites {
  readonly queue: WriteQueue;
  /** The board's size budget: checked on a client's update, grown by every update, measured by snapshots. */
  readonly size: DocSize;
  readonly client: ClientWrites;
  readonly server: ServerWrites;
  readonly peer: PeerWrites;

  constructor(private readonly deps: RoomWritesDeps) {
    const { doc } = deps;
    this.queue = new WriteQueue(deps.docKey, deps.store, deps.events);
    const measure = () => Y.encodeStateAsUpdate(doc).byteLength;
    this.size = new DocSize(deps.storedBytes, deps.maxDocBytes, measure, deps.now);
    this.client = new ClientWrites({ ...deps, queue: this.queue, size: this.size });
    this.server = new ServerWrites(doc, this.queue);
    this.peer = new PeerWrites(doc, this.queue);
  }

  /** The document emitted `update` for a transaction with `transactionOrigin`: it joins the queue accordingly. */
  emitted(update: Uint8Array, transactionOrigin: unknown, transaction: Y.Transaction): void {
    this.size.grew(update.byteLength, transaction.deleteSet.clients.size > 0);
    const origin = originOf(transactionOrigin);
    switch (origin?.kind) {
      case 'peer':
        this.queue.push(this.peer.emitted(update));
        return;
      case 'client':
        if (this.client.collect(origin, update, transaction)) return;
        break;
      case 'server': {
        const item = this.server.emitted(update, this.deps.now());
        const repairOf = this.client.repairing;
        this.queue.push(repairOf ? { ...item, repairOf } : item);
        return;
      }
    }
    // A library's transaction (the server makes no intents, and applies a client's update only in ClientWrites).
    this.queue.push({
      update,
      sender: null,
      log: { participantId: null, update, at: this.deps.now() },
      remoteSeq: null,
    });
  }
}
