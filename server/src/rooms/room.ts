import { CloseCode, type RepairScope, scopeOf } from '@common-ground/shared';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../log';
import type { LoadedDocument, NewUpdate, QuarantineEntry, Storage } from '../storage/types';
import { checkApplicable } from './applicability';
import type { DocumentSchema } from './boardSchema';
import { DocSize } from './docSize';
import { EarlyUpdates } from './earlyUpdates';
import type { LogBudgets } from './logBudget';
import { PresenceBindings } from './presence';
import type { SnapshotPreview } from './previews';
import { awarenessMessage, SyncAnswers, syncStep1Message, updateMessage } from './protocol';
import { buildStoredState, dropPending } from './storedState';
import { malformed, type StorageWriteError } from './violation';
import { type QueuedUpdate, WriteQueue } from './writeQueue';

/** One socket in a room, as the room sees it (the ws layer implements it). */
export interface Connection {
  readonly participantId: string;
  /** False for observers and for every client of the record document: their updates are dropped. */
  readonly canWrite: boolean;
  send(message: Uint8Array): void;
  /** Sends a message that goes to many connections in a row: the transport may prepare its wire form once. */
  sendShared(message: Uint8Array): void;
  close(code: CloseCode, reason: string): void;
}

/** A client's update while it is applied: what Yjs emitted for it, and what it touched. */
interface ClientWrite {
  readonly conn: Connection;
  readonly items: QueuedUpdate[];
  scope: RepairScope | null;
}

/** A stored update with its sequence number in the log. */
export interface SequencedUpdate {
  readonly seq: number;
  readonly update: Uint8Array;
}

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
   * Called once per stored batch that changed the document, after it was sent (the rounds service closes rounds
   * whose goal's wording changed). Its errors are logged, never thrown at the writers, whose updates are stored.
   */
  readonly onChange?: (docKey: string, doc: Y.Doc) => void | Promise<void>;
  /** Called after each batch of this instance's updates is stored (the cluster seam: tell the other instances). */
  readonly onStored?: (docKey: string, entries: readonly SequencedUpdate[]) => void;
  /** Repairs what a client's update left invalid, in the same batch (the board document's schema). */
  readonly schema?: DocumentSchema;
  /** Told when loading skipped log entries that cannot be applied (storage marks them; the health check counts). */
  readonly onQuarantine?: (docKey: string, entries: readonly QuarantineEntry[]) => void | Promise<void>;
}

/** Transaction origin of updates the server itself makes; logged with no participant. */
export const SERVER_ORIGIN = 'server';
/** Transaction origin of updates another instance stored already: sent on, never logged again. */
export const REMOTE_ORIGIN = 'remote';
/**
 * One loaded document with its connections and awareness. Applied, then stored, then sent: a client's update is
 * first proven applicable (checkApplicable) and applied to the document; what Yjs emits for it — never the
 * client's bytes — joins the write queue and is sent to the others only when its batch is stored. So the log
 * holds only what applied cleanly, and a board always loads. A sync step 2 (and the cached full-state frame) is
 * only ever encoded while the queue is idle, so no one receives an update that is not stored. If a batch fails,
 * nothing of it is sent and the room breaks: all sockets close with 1011 and the registry drops it, so the next
 * connection reloads exactly what was stored.
 */
export class Room {
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections = new Set<Connection>();
  private readonly presence: PresenceBindings;
  private readonly queue: WriteQueue;
  /** Highest sequence number stored by this instance or received from another. */
  private highestSeq: number;
  /** The highest seq such that the document holds every update up to it (see setSnapshotCoverage). */
  private coverage: () => number = () => this.highestSeq;
  private updatesSinceSnapshot: number;
  private readonly size: DocSize;
  private readonly early: EarlyUpdates;
  /** Set while a client's update is applied: what Yjs emits for it waits here until the apply succeeded. */
  private clientWrite: ClientWrite | null = null;
  /** Sync step 2 answers, encoded once for every joiner that asks alike until the next change (join storms). */
  private readonly answers: SyncAnswers;
  /** Sync step 1 requests waiting for the queue to be idle. */
  private syncWaiters: { conn: Connection; stateVector: Uint8Array }[] = [];
  private snapshotting: Promise<void> | null = null;
  /** Set while mutate() runs its transaction: the update it emits resolves the mutate once stored. */
  private serverWrite: {
    resolve(): void;
    reject(error: Error): void;
    /** Whom the log names for this server write (a facilitator's deliberate change); null = the server. */
    participantId: string | null;
  } | null = null;
  /** Set while applyRemoteUpdates() applies an entry: the sequence number it was stored under. */
  private remoteSeq: number | null = null;
  private destroyed = false;

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
      await room.report('onQuarantine', () => deps.onQuarantine?.(docKey, stored.quarantined));
    }
    // A long tail (after a crash, or with snapshots off until now) is replayed once, not on every load; a snapshot
    // without what was skipped also spares the next load from skipping it again.
    const repaired = stored.quarantined.length > 0 || stored.droppedPending;
    if (room.snapshotDue() || (repaired && deps.snapshotEvery > 0)) await room.snapshot();
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
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.answers = new SyncAnswers(this.doc, storedFullState);
    this.highestSeq = loaded.updates.at(-1)?.seq ?? loaded.snapshotSeq;
    this.updatesSinceSnapshot = loaded.updates.length;
    const storedBytes = loaded.updates.reduce(
      (sum, u) => sum + u.update.byteLength,
      loaded.snapshot?.byteLength ?? 0,
    );
    this.early = new EarlyUpdates((update) => checkApplicable(this.doc, update), deps.maxEarlyBytes);
    this.size = new DocSize(
      storedBytes,
      deps.maxDocBytes,
      () => Y.encodeStateAsUpdate(this.doc).byteLength,
      deps.now,
    );
    this.presence = new PresenceBindings(this.awareness, deps.maxAwarenessBytes);
    const { storage } = deps;
    const store = (updates: readonly NewUpdate[]) =>
      storage.appendUpdatesNow?.(docKey, updates) ?? storage.appendUpdates(docKey, updates);
    this.queue = new WriteQueue(docKey, store, {
      stored: (batch, seqs) => this.sendStored(batch, seqs),
      idle: () => this.onIdle(),
      failed: (error) => this.break(error),
    });
    // The server relays presence but has none of its own.
    this.awareness.setLocalState(null);
    // Listeners only after loading: replaying the log must not append it again.
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
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
    this.coverage = () => Math.min(this.highestSeq, coverage());
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
    const clients = [...this.awareness.getStates().keys()];
    if (clients.length > 0) {
      conn.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)));
    }
  }

  removeConnection(conn: Connection): void {
    this.connections.delete(conn);
    this.early.forget(conn);
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
    if (kind === 'update' && this.early.holds(conn, update)) return;
    this.applyNow(conn, update);
    if (kind === 'step2') for (const held of this.early.release(conn)) this.applyNow(conn, held);
  }

  private applyNow(conn: Connection, update: Uint8Array): void {
    const shape = checkApplicable(this.doc, update);
    this.deps.budgets.check(this.docKey, conn.participantId);
    this.size.admit(shape, update.byteLength);
    const write: ClientWrite = { conn, items: [], scope: null };
    this.clientWrite = write;
    try {
      Y.applyUpdate(this.doc, update, conn);
    } catch (error) {
      this.clientWrite = null;
      this.rebuild(conn, error);
      throw malformed('Update could not be applied');
    }
    this.clientWrite = null;
    // checkApplicable rules out what Yjs would keep pending; should anything slip through, it is not kept.
    const leftPending = dropPending(this.doc);
    let charged = 0;
    for (const item of write.items) {
      charged += item.update.byteLength;
      this.queue.push(item);
    }
    this.deps.budgets.charge(this.docKey, conn.participantId, charged);
    const followUp = write.scope ? this.repairWrite(conn, write.scope) : null;
    this.queue.flush();
    if (followUp) void this.report('schema', () => followUp((fn) => this.mutate(fn)));
    if (leftPending) throw malformed('Update refers to changes the board does not have');
  }

  /** The schema's repair of what the write touched, as a server write queued behind the client's update. */
  private repairWrite(conn: Connection, scope: RepairScope) {
    const { schema } = this.deps;
    if (!schema) return null;
    return this.doc.transact(
      () => schema.repairWrite(this.docKey, this.doc, scope, conn.participantId),
      SERVER_ORIGIN,
    );
  }

  /**
   * Applies `fn` as a server write; resolves once it is stored, rejects with StorageWriteError if it cannot be.
   * `participantId` names who the log attributes it to, for a write a person asked for through the API.
   */
  mutate(fn: (doc: Y.Doc) => void, participantId: string | null = null): Promise<void> {
    const broken = this.queue.broken;
    if (broken) return Promise.reject(broken);
    return new Promise<void>((resolve, reject) => {
      this.serverWrite = { resolve, reject, participantId };
      try {
        this.doc.transact(() => fn(this.doc), SERVER_ORIGIN);
        // A transaction that changed nothing emitted no update: there is nothing to wait for.
        if (this.serverWrite) resolve();
      } catch (error) {
        // What `fn` changed before it threw is stored all the same (Yjs committed it); the caller gets the error.
        reject(error);
      } finally {
        this.serverWrite = null;
        this.queue.flush();
      }
    });
  }

  /**
   * Updates another instance stored (with their sequence numbers), in its order: applied without logging them
   * again, sent to every local connection behind any batch still in flight, so they never overtake it.
   */
  applyRemoteUpdates(entries: readonly SequencedUpdate[]): void {
    if (this.queue.broken || this.destroyed) return;
    for (const entry of entries) {
      this.remoteSeq = entry.seq;
      try {
        Y.applyUpdate(this.doc, entry.update, REMOTE_ORIGIN);
      } finally {
        this.remoteSeq = null;
      }
      // Already known (Yjs emitted nothing): still counts as seen.
      this.highestSeq = Math.max(this.highestSeq, entry.seq);
    }
    this.queue.flush();
  }

  /** Sends the answer to a client's sync step 1 once nothing unstored is in the document. */
  answerSyncStep1(conn: Connection, stateVector: Uint8Array): void {
    if (this.queue.idle) {
      conn.send(this.syncStep2For(stateVector));
      return;
    }
    this.syncWaiters.push({ conn, stateVector });
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
    const clients = [...this.awareness.getStates().keys()];
    return awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
  }

  /** Waits until every queued update is stored, saves a snapshot if the log grew since the last one, frees it. */
  async unload(): Promise<void> {
    try {
      await this.queue.whenIdle();
      await this.snapshotting;
      if (this.deps.snapshotEvery > 0 && this.updatesSinceSnapshot > 0) await this.snapshot();
    } catch {
      // Broken: memory may hold what storage does not, so nothing of it is saved.
    }
    this.destroy();
  }

  /** Frees the document without saving (after a failed write, memory may hold what storage does not). */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.syncWaiters = [];
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  /**
   * Answer to a client's sync step 1; a client with an empty state vector gets the shared full-state frame.
   * Only while idle (see answerSyncStep1).
   */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
    return this.answers.for(stateVector);
  }

  private readonly onDocUpdate = (
    update: Uint8Array,
    origin: unknown,
    _doc: Y.Doc,
    tr: Y.Transaction,
  ): void => {
    this.answers.clear();
    this.size.grew(update.byteLength, tr.deleteSet.clients.size > 0);
    if (origin === REMOTE_ORIGIN) {
      this.queue.push({ update, sender: null, log: null, remoteSeq: this.remoteSeq });
      return;
    }
    const write = this.clientWrite;
    if (write && origin === write.conn) {
      const { conn } = write;
      write.scope = scopeOf(tr);
      write.items.push({
        update,
        sender: conn,
        log: { participantId: conn.participantId, update, at: this.deps.now() },
        remoteSeq: null,
      });
      return;
    }
    const sender = this.connections.has(origin as Connection) ? (origin as Connection) : null;
    const serverWrite = origin === SERVER_ORIGIN ? this.serverWrite : null;
    const item: QueuedUpdate = {
      update,
      sender,
      log: {
        participantId: sender?.participantId ?? serverWrite?.participantId ?? null,
        update,
        at: this.deps.now(),
      },
      remoteSeq: null,
      ...(origin === SERVER_ORIGIN && this.serverWrite ? { done: this.serverWrite } : {}),
    };
    if (item.done) this.serverWrite = null;
    this.queue.push(item);
  };

  /** Sent to every connection, the sender too: the echo is what keeps y-websocket's silence timer quiet. */
  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    _origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    const message = awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const conn of this.connections) conn.sendShared(message);
  };

  /** A stored batch: sent in order (each update to everyone but its sender), then reported. */
  private sendStored(batch: readonly QueuedUpdate[], seqs: readonly number[]): void {
    const stored: SequencedUpdate[] = [];
    for (const item of batch) {
      const message = updateMessage(item.update);
      for (const conn of this.connections) if (conn !== item.sender) conn.sendShared(message);
      const seq = item.log ? seqs[stored.length] : item.remoteSeq;
      if (seq === undefined || seq === null) continue;
      if (item.log) stored.push({ seq, update: item.update });
      this.highestSeq = Math.max(this.highestSeq, seq);
    }
    this.updatesSinceSnapshot += batch.length;
    if (stored.length > 0) void this.report('onStored', () => this.deps.onStored?.(this.docKey, stored));
    if (batch.length > 0) void this.report('onChange', () => this.deps.onChange?.(this.docKey, this.doc));
  }

  private onIdle(): void {
    if (this.destroyed) return;
    for (const { conn, stateVector } of this.syncWaiters.splice(0)) {
      if (this.connections.has(conn)) conn.send(this.syncStep2For(stateVector));
    }
    if (this.snapshotDue() && !this.snapshotting) void this.snapshot();
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
    for (const conn of [...this.connections])
      if (conn !== sender) conn.close(CloseCode.InternalError, 'Board is being reloaded');
    this.connections.clear();
    this.onBroken(this);
  }

  private break(error: StorageWriteError): void {
    this.deps.log.error('update not stored; closing room', { docKey: this.docKey, error: error.cause });
    this.syncWaiters = [];
    for (const conn of [...this.connections])
      conn.close(CloseCode.InternalError, 'Update could not be stored');
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

  private snapshotDue(): boolean {
    return this.deps.snapshotEvery > 0 && this.updatesSinceSnapshot >= this.deps.snapshotEvery;
  }

  /** Encodes the document now (call only while idle: seq must cover all of it) and stores it. */
  private snapshot(): Promise<void> {
    const state = Y.encodeStateAsUpdate(this.doc);
    const covered = this.updatesSinceSnapshot;
    this.size.measured(state.byteLength);
    const saving = this.saveSnapshot(this.coverage(), state, covered).finally(() => {
      if (this.snapshotting === saving) this.snapshotting = null;
    });
    this.snapshotting = saving;
    return saving;
  }

  private async saveSnapshot(seq: number, state: Uint8Array, covered: number): Promise<void> {
    try {
      await this.deps.storage.saveSnapshot(this.docKey, seq, state, this.deps.now());
      this.updatesSinceSnapshot -= covered;
    } catch (error) {
      // The log still holds every update; the next snapshot attempt or load replays it.
      this.deps.log.warn('snapshot failed', { docKey: this.docKey, error });
    }
  }
}
