import { CloseCode } from '@common-ground/shared/protocol';
import type * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Logger } from '../log';
import type { LoadedDocument, NewUpdate, Storage } from '../storage/types';
import type { DocumentSchema } from './boardSchema';
import type { Connection, SequencedUpdate } from './connection';
import { type DocumentHooks, documentRef } from './documentHooks';
import { outgoingFrames } from './fanOut';
import type { LogBudgets } from './logBudget';
import type { SnapshotPreview } from './previews';
import { syncStep1Message } from './protocol';
import { RoomPresence } from './roomPresence';
import { RoomWrites } from './roomWrites';
import { Snapshots } from './snapshots';
import { buildStoredState } from './storedState';
import { SyncReplies } from './syncReplies';
import type { StorageWriteError } from './violation';
import type { QueuedUpdate, WriteQueue } from './writeQueue';

export interface RoomDeps {
  readonly storage: Storage;
  readonly log: Logger;
  readonly now: () => number;
  readonly maxDocBytes: number;
  readonly maxAwarenessBytes: number;
  /** Bytes of live updates a connection may send ahead of its sync step 2 that wait for it (see EarlyUpdates). */
  readonly maxEarlyBytes: number;
  /** What each participant and each board may add to the update log (shared by every room of the process). */
  readonly budgets: LogBudgets;
  /** Snapshot after this many logged updates (and on unload, and on load if the tail is this long); 0 = never. */
  readonly snapshotEvery: number;
  /**
   * What the rest of the server is told (stored batches, changes, quarantined entries, loads and unloads): the
   * hook pipeline. Its errors are logged, never thrown at the writers, whose updates are stored.
   */
  readonly hooks?: DocumentHooks<Room>;
  /** Repairs what a client's update left invalid, in the same batch (the board document's schema). */
  readonly schema?: DocumentSchema;
}

/**
 * One loaded document with its connections and awareness. Applied, then stored, then sent: a client's update is
 * first proven applicable (checkApplicable) and applied to the document; what Yjs emits for it — never the
 * client's bytes — joins the write queue and is sent to the others only when its batch is stored (RoomWrites:
 * every writer's path, told apart by transaction origin). So the log holds only what applied cleanly, and a board
 * always loads. A sync step 2 (and the cached full-state frame) is only ever encoded while the queue is idle
 * (SyncReplies), so no one receives an update that is not stored. If a batch fails, nothing of it is sent and the
 * room breaks: all sockets close with 1011 and the registry drops it, so the next connection reloads exactly what
 * was stored. The room itself keeps the connections, sends stored batches to them, loads and frees the document.
 */
export class Room {
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<Connection>();
  private readonly presence: RoomPresence;
  private readonly writes: RoomWrites;
  private readonly queue: WriteQueue;
  /** Highest sequence number stored by this instance or received from another. */
  private highestSeq: number;
  private readonly snapshots: Snapshots;
  private readonly syncReplies: SyncReplies;
  private destroyed = false;
  /**
   * The board is archived or waiting for its deletion: every client's write is dropped, as an observer's is, for
   * sockets that joined before the change too (lifecycle/service.ts sets it; it is read for every frame).
   */
  readOnly = false;

  /**
   * Builds the room from what storage returned (the registry reads it first, see previews.ts); rejects (and leaves
   * nothing behind) if it cannot be applied. `preview`, given when the stored state is a snapshot with no tail, is
   * that snapshot's frame: the first joiners with an empty state get it as it is instead of waiting for the
   * document to be encoded again (about as long as loading it).
   */
  static async open(
    docKey: string,
    deps: RoomDeps,
    onBroken: (room: Room) => void,
    loaded: LoadedDocument,
    preview: SnapshotPreview | null,
  ): Promise<Room> {
    const stored = buildStoredState(loaded);
    const room = new Room(docKey, deps, onBroken, stored.doc, loaded, preview?.message ?? null);
    if (stored.quarantined.length > 0) {
      deps.log.error('log entries skipped on load', { docKey, entries: stored.quarantined });
      await room.report('onQuarantine', () =>
        deps.hooks?.onQuarantine({ ...documentRef(docKey), entries: stored.quarantined }),
      );
    }
    // A long tail (after a crash, or with snapshots off until now) is replayed once, not on every load; a snapshot
    // without what was skipped also spares the next load from skipping it again.
    const repaired = stored.quarantined.length > 0 || stored.droppedPending;
    if (room.snapshots.due || (repaired && deps.snapshotEvery > 0)) await room.snapshots.take();
    return room;
  }

  private constructor(
    readonly docKey: string,
    private readonly deps: RoomDeps,
    private readonly onBroken: (room: Room) => void,
    readonly doc: Y.Doc,
    loaded: LoadedDocument,
    storedFullState: Uint8Array | null,
  ) {
    this.presence = new RoomPresence(doc, deps.maxAwarenessBytes, this.connections);
    this.awareness = this.presence.awareness;
    this.syncReplies = new SyncReplies(doc, storedFullState, () => this.queue.idle);
    this.highestSeq = loaded.updates.at(-1)?.seq ?? loaded.snapshotSeq;
    const { storage, log, now } = deps;
    this.writes = new RoomWrites({
      docKey,
      doc,
      now,
      budgets: deps.budgets,
      schema: deps.schema,
      maxDocBytes: deps.maxDocBytes,
      maxEarlyBytes: deps.maxEarlyBytes,
      storedBytes: loaded.updates.reduce(
        (sum, u) => sum + u.update.byteLength,
        loaded.snapshot?.byteLength ?? 0,
      ),
      store: (updates: readonly NewUpdate[]) => storage.log.appendUpdates(docKey, updates),
      events: {
        stored: (batch, seqs) => this.sendStored(batch, seqs),
        idle: () => this.onIdle(),
        failed: (error) => this.break(error),
      },
      threw: (sender, error) => this.rebuild(sender, error),
      followUp: (check) => void this.report('schema', () => check((fn) => this.mutate(fn))),
    });
    this.queue = this.writes.queue;
    const lastSeq = () => this.highestSeq;
    const { size } = this.writes;
    this.snapshots = new Snapshots(
      { docKey, doc, storage, log, now, every: deps.snapshotEvery, size, lastSeq },
      loaded.updates.length,
    );
    // Only after loading: replaying the log must not append it again.
    this.doc.on('update', this.onDocUpdate);
  }

  /** Highest sequence number stored by this instance or received from another (after load: loaded through). */
  get lastSeq(): number {
    return this.highestSeq;
  }

  /**
   * With several instances, updates may arrive out of order: a snapshot then covers only the seq through which
   * the document has every update, which `coverage` tells.
   */
  setSnapshotCoverage(coverage: () => number): void {
    this.snapshots.setCoverage(coverage);
  }

  /** Awareness client ids owned by this instance's connections. */
  localPresenceIds(): number[] {
    return this.presence.ownedClientIds();
  }

  /** True while nothing is applied-but-unstored. */
  get idle(): boolean {
    return this.queue.idle;
  }

  addConnection(conn: Connection): void {
    this.connections.add(conn);
    conn.send(syncStep1Message(this.doc));
    this.presence.greet(conn);
  }

  removeConnection(conn: Connection): void {
    this.connections.delete(conn);
    this.writes.client.forget(conn);
    this.presence.release(conn);
  }

  /**
   * A writer's update (a sync step 2 or a live update): proven applicable, checked against the size and log
   * budgets, applied, and sent on once stored (what it changed, as Yjs encodes it: a step 2 repeats the client's
   * whole delete set and whatever the server got meanwhile from others, which stays out of the log). Throws
   * ConnectionViolation (nothing applied or stored) on an update that cannot be taken, StorageWriteError if the
   * room is broken.
   */
  applyClientUpdate(conn: Connection, update: Uint8Array, kind: 'step2' | 'update' = 'update'): void {
    this.throwIfBroken();
    this.writes.client.apply(conn, update, kind);
  }

  /**
   * Applies `fn` as a server write; resolves once it is stored, rejects with StorageWriteError if it cannot be.
   * `participantId` names who the log attributes it to, for a write a person asked for through the API.
   */
  mutate(fn: (doc: Y.Doc) => void, participantId: string | null = null): Promise<void> {
    return this.writes.server.mutate(fn, participantId);
  }

  /**
   * Updates another instance stored (with their sequence numbers), in its order: applied without logging them
   * again, sent to every local connection behind any batch still in flight, so they never overtake it.
   */
  applyRemoteUpdates(entries: readonly SequencedUpdate[]): void {
    if (this.queue.broken || this.destroyed) return;
    // Already known (Yjs emitted nothing): still counts as seen.
    this.writes.peer.apply(entries, (seq) => {
      this.highestSeq = Math.max(this.highestSeq, seq);
    });
  }

  /** Sends the answer to a client's sync step 1 once nothing unstored is in the document. */
  answerSyncStep1(conn: Connection, stateVector: Uint8Array): void {
    this.syncReplies.answer(conn, stateVector);
  }

  /** Resolves once nothing is applied-but-unstored; rejects with StorageWriteError if the room broke. */
  whenIdle(): Promise<void> {
    return this.queue.whenIdle();
  }

  /** A client's awareness update; throws ConnectionViolation for presence it may not set (see PresenceBindings). */
  applyAwareness(conn: Connection, update: Uint8Array): void {
    this.presence.apply(conn, update);
  }

  /** All current awareness states, for a client's query. */
  awarenessStatesMessage(): Uint8Array {
    return this.presence.statesMessage();
  }

  /**
   * Record documents only: once every queued update is stored, the stored log is replaced by the document's state
   * (see DocumentLog.compactRecord), so that what was overwritten (an erased name) leaves storage too.
   */
  async compactLog(): Promise<void> {
    await this.snapshots.settled();
    while (!this.queue.idle) await this.queue.whenIdle();
    await this.snapshots.compact();
  }

  /** Waits until every queued update is stored, saves a snapshot if the log grew since the last one, frees it. */
  async unload(): Promise<void> {
    try {
      await this.queue.whenIdle();
      await this.snapshots.final();
    } catch {
      // Broken: memory may hold what storage does not, so nothing of it is saved.
    }
    this.destroy();
  }

  /** Frees the document without saving (after a failed write, memory may hold what storage does not). */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.syncReplies.drop();
    this.doc.off('update', this.onDocUpdate);
    this.presence.destroy();
    this.doc.destroy();
  }

  /**
   * Answer to a client's sync step 1; a client with an empty state vector gets the shared full-state frame.
   * Only while idle (see answerSyncStep1).
   */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
    return this.syncReplies.for(stateVector);
  }

  private readonly onDocUpdate = (
    update: Uint8Array,
    origin: unknown,
    _doc: Y.Doc,
    tr: Y.Transaction,
  ): void => {
    this.syncReplies.changed();
    this.writes.emitted(update, origin, tr);
  };

  /**
   * A stored batch: sent in order (each update to everyone but its sender; a writer's update with the server's
   * repair of it as one, see outgoingFrames), then reported.
   */
  private sendStored(batch: readonly QueuedUpdate[], seqs: readonly number[]): void {
    for (const { message, except, only } of outgoingFrames(batch)) {
      if (only) {
        if (this.connections.has(only)) only.send(message);
        continue;
      }
      for (const conn of this.connections) if (conn !== except) conn.sendShared(message);
    }
    const stored: SequencedUpdate[] = [];
    for (const item of batch) {
      const seq = item.log ? seqs[stored.length] : item.remoteSeq;
      if (seq === undefined || seq === null) continue;
      if (item.log) stored.push({ seq, update: item.update });
      this.highestSeq = Math.max(this.highestSeq, seq);
    }
    this.snapshots.counted(batch.length);
    const ref = documentRef(this.docKey);
    if (stored.length > 0) {
      void this.report('afterStoreDocument', () =>
        this.deps.hooks?.afterStoreDocument({ ...ref, entries: stored }),
      );
    }
    if (batch.length > 0)
      void this.report('onChange', () => this.deps.hooks?.onChange({ ...ref, doc: this.doc }));
  }

  private onIdle(): void {
    if (this.destroyed) return;
    this.syncReplies.sendWaiting((conn) => this.connections.has(conn));
    this.snapshots.takeIfDue();
  }

  /**
   * Yjs threw halfway through a client's update that checkApplicable let through: part of it may be in the
   * document, none of it is stored. Everyone starts again from what was stored; the sender is refused.
   */
  private rebuild(sender: Connection, error: unknown): void {
    this.deps.log.error('update threw while applied; reloading the room', {
      docKey: this.docKey,
      participantId: sender.participantId,
      error,
    });
    sender.close(CloseCode.UpdateRefused, 'Update could not be applied');
    this.closeBroken('Board is being reloaded', sender);
  }

  private break(error: StorageWriteError): void {
    this.deps.log.error('update not stored; closing room', { docKey: this.docKey, error: error.cause });
    this.syncReplies.drop();
    this.closeBroken('Update could not be stored');
  }

  /** Closes every socket (but one closed already); the registry drops the room, clients reload what is stored. */
  private closeBroken(reason: string, closed?: Connection): void {
    for (const conn of [...this.connections])
      if (conn !== closed) conn.close(CloseCode.InternalError, reason);
    this.connections.clear();
    this.onBroken(this);
  }

  private throwIfBroken(): void {
    const broken = this.queue.broken;
    if (broken) throw broken;
  }

  /** Runs a listener; its errors (thrown or rejected) are logged, never passed to the writers. */
  private report(name: string, listener: () => void | Promise<void>): Promise<void> {
    const failed = (error: unknown) =>
      this.deps.log.error(`${name} listener failed`, { docKey: this.docKey, error });
    try {
      return listener()?.catch(failed) ?? Promise.resolve();
    } catch (error) {
      failed(error);
      return Promise.resolve();
    }
  }
}
