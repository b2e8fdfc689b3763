import { CloseCode } from '@common-ground/shared';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../log';
import type { Storage } from '../storage/types';
import {
  type AwarenessEntry,
  checkOwnState,
  encodeAwarenessEntries,
  parseAwarenessUpdate,
} from './awarenessGuard';
import {
  awarenessMessage,
  syncStep1Message,
  syncStep2Message,
  syncStep2MessageOf,
  updateMessage,
} from './protocol';
import { checkClientUpdate } from './updateGuard';
import { forbidden, StorageWriteError } from './violation';

/** One socket in a room, as the room sees it (the ws layer implements it). */
export interface Connection {
  readonly participantId: string;
  /** False for observers and for every client of the record document: their updates are dropped. */
  readonly canWrite: boolean;
  send(message: Uint8Array): void;
  close(code: CloseCode, reason: string): void;
}

export interface RoomDeps {
  readonly storage: Storage;
  readonly log: Logger;
  readonly now: () => number;
  readonly maxDocBytes: number;
  readonly maxAwarenessBytes: number;
  /** Snapshot after this many logged updates (and on unload, and on load if the tail is this long); 0 = never. */
  readonly snapshotEvery: number;
  /**
   * Called after a write that changed the document has been stored and broadcast, outside the Yjs transaction
   * (the rounds service closes rounds whose goal's wording changed). Its errors are logged, never thrown at the
   * writer, whose update is already stored.
   */
  readonly onChange?: (docKey: string, doc: Y.Doc) => void;
}

/** Transaction origin of updates the server itself makes; logged with no participant. */
export const SERVER_ORIGIN = 'server';

/**
 * One loaded document with its connections and awareness. Every update is appended to storage before it is sent
 * to anyone (write before broadcast); if the append fails, nothing is sent and the room breaks: all sockets close
 * with 1011 and the registry drops the room, so the next connection reloads exactly what was stored.
 */
export class Room {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  private readonly ownerOfClient = new Map<number, Connection>();
  private readonly clientOfConnection = new Map<Connection, number>();
  private lastSeq: number;
  private updatesSinceSnapshot: number;
  /** Approximate encoded size: last snapshot plus every update since (deletions are not subtracted). */
  private docBytes: number;
  private writeFailure: { cause: unknown } | null = null;
  /** The whole document as a sync step 2, encoded once for every joiner until the next change (join storms). */
  private fullStateMessage: Uint8Array | null = null;
  private changedSinceWrite = false;
  private destroyed = false;

  /** Loads the document synchronously; throws (and leaves nothing behind) if storage cannot be read. */
  constructor(
    readonly docKey: string,
    private readonly deps: RoomDeps,
    private readonly onBroken: (room: Room) => void,
  ) {
    try {
      const loaded = deps.storage.loadDocument(docKey);
      if (loaded.snapshot) Y.applyUpdate(this.doc, loaded.snapshot);
      for (const entry of loaded.updates) Y.applyUpdate(this.doc, entry.update);
      this.lastSeq = loaded.updates.at(-1)?.seq ?? loaded.snapshotSeq;
      this.updatesSinceSnapshot = loaded.updates.length;
      this.docBytes = loaded.updates.reduce(
        (sum, u) => sum + u.update.byteLength,
        loaded.snapshot?.byteLength ?? 0,
      );
      // With no tail the stored snapshot is the whole document: the first joiner gets it as it is instead of
      // waiting for the document to be encoded again (about as long as loading it).
      if (loaded.snapshot && loaded.updates.length === 0) {
        this.fullStateMessage = syncStep2MessageOf(loaded.snapshot);
      }
    } catch (error) {
      this.doc.destroy();
      throw error;
    }
    // The server relays presence but has none of its own.
    this.awareness.setLocalState(null);
    // Listeners only after loading: replaying the log must not append it again.
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
    // A long tail (after a crash, or with snapshots off until now) is replayed once, not on every load.
    if (this.snapshotDue()) this.snapshot();
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
    const clientId = this.clientOfConnection.get(conn);
    this.clientOfConnection.delete(conn);
    if (clientId !== undefined && this.ownerOfClient.get(clientId) === conn) {
      this.ownerOfClient.delete(clientId);
      awarenessProtocol.removeAwarenessStates(this.awareness, [clientId], null);
    }
  }

  /** A sync step 2 or update from a writer. Throws ConnectionViolation (nothing applied) on bad input. */
  applyClientUpdate(conn: Connection, update: Uint8Array): void {
    checkClientUpdate(update, this.docBytes, this.deps.maxDocBytes);
    Y.applyUpdate(this.doc, update, conn);
    this.afterWrite();
  }

  /** Applies `fn` as a server write (origin SERVER_ORIGIN). Throws StorageWriteError if it could not be stored. */
  mutate(fn: (doc: Y.Doc) => void): void {
    this.doc.transact(() => fn(this.doc), SERVER_ORIGIN);
    this.afterWrite();
  }

  /**
   * A connection may set awareness only for the one client id it announced first, and only with states that
   * name its own participant. y-websocket clients also send back every awareness change they receive; such an
   * echo (a known client id at a clock the room already has) changes nothing and is skipped. A client id held by
   * another connection of the same participant moves over (a reconnect whose old socket has not timed out yet);
   * held by someone else, or unknown once the connection has its own, it is refused.
   */
  applyAwareness(conn: Connection, update: Uint8Array): void {
    const own: AwarenessEntry[] = [];
    for (const entry of parseAwarenessUpdate(update, this.deps.maxAwarenessBytes)) {
      const bound = this.clientOfConnection.get(conn);
      if (entry.clientId !== bound) {
        const known = this.awareness.meta.get(entry.clientId);
        if (known && entry.clock <= known.clock) continue;
        if (bound !== undefined) throw forbidden('Awareness for a client id this connection does not own');
      }
      checkOwnState(entry.state, conn.participantId);
      if (entry.clientId !== bound) this.bind(conn, entry.clientId);
      own.push(entry);
    }
    if (own.length > 0) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(own), conn);
    }
  }

  private bind(conn: Connection, clientId: number): void {
    const owner = this.ownerOfClient.get(clientId);
    if (owner && owner !== conn) {
      if (owner.participantId !== conn.participantId) {
        throw forbidden('Awareness client id belongs to another participant');
      }
      this.clientOfConnection.delete(owner);
    }
    this.ownerOfClient.set(clientId, conn);
    this.clientOfConnection.set(conn, clientId);
  }

  /** All current awareness states, for a client's query. */
  awarenessStatesMessage(): Uint8Array {
    const clients = [...this.awareness.getStates().keys()];
    return awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
  }

  /** Saves a snapshot if the log grew since the last one, then frees the document. */
  unload(): void {
    if (this.deps.snapshotEvery > 0 && this.updatesSinceSnapshot > 0 && !this.writeFailure) this.snapshot();
    this.destroy();
  }

  /** Frees the document without saving (after a failed write, memory may hold what storage does not). */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** Answer to a client's sync step 1; a client with an empty state vector gets the shared full-state frame. */
  syncStep2For(stateVector: Uint8Array): Uint8Array {
    if (!isEmptyStateVector(stateVector)) return syncStep2Message(this.doc, stateVector);
    this.fullStateMessage ??= syncStep2Message(this.doc, stateVector);
    return this.fullStateMessage;
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.fullStateMessage = null;
    if (this.writeFailure) return;
    const sender = this.connections.has(origin as Connection) ? (origin as Connection) : null;
    try {
      this.lastSeq = this.deps.storage.appendUpdate(
        this.docKey,
        sender?.participantId ?? null,
        update,
        this.deps.now(),
      );
    } catch (cause) {
      // Thrown from inside a Yjs event handler would leave the transaction half-finished; afterWrite() acts on it.
      this.writeFailure = { cause };
      return;
    }
    this.updatesSinceSnapshot++;
    this.docBytes += update.byteLength;
    this.changedSinceWrite = true;
    const message = updateMessage(update);
    for (const conn of this.connections) if (conn !== sender) conn.send(message);
  };

  /** Sent to every connection, the sender too: the echo is what keeps y-websocket's silence timer quiet. */
  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    _origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    const message = awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const conn of this.connections) conn.send(message);
  };

  private afterWrite(): void {
    if (this.writeFailure) {
      const { cause } = this.writeFailure;
      this.deps.log.error('update not stored; closing room', { docKey: this.docKey, error: cause });
      for (const conn of [...this.connections])
        conn.close(CloseCode.InternalError, 'Update could not be stored');
      this.connections.clear();
      this.onBroken(this);
      throw new StorageWriteError(this.docKey, { cause });
    }
    if (this.snapshotDue()) this.snapshot();
    if (this.changedSinceWrite) {
      this.changedSinceWrite = false;
      try {
        this.deps.onChange?.(this.docKey, this.doc);
      } catch (error) {
        this.deps.log.error('change listener failed', { docKey: this.docKey, error });
      }
    }
  }

  private snapshotDue(): boolean {
    return this.deps.snapshotEvery > 0 && this.updatesSinceSnapshot >= this.deps.snapshotEvery;
  }

  private snapshot(): void {
    try {
      const state = Y.encodeStateAsUpdate(this.doc);
      this.deps.storage.saveSnapshot(this.docKey, this.lastSeq, state, this.deps.now());
      this.updatesSinceSnapshot = 0;
      this.docBytes = state.byteLength;
    } catch (error) {
      // The log still holds every update; the next snapshot attempt or load replays it.
      this.deps.log.warn('snapshot failed', { docKey: this.docKey, error });
    }
  }
}

/** An encoded state vector with no clients (a varuint 0): the joiner has nothing yet. */
const isEmptyStateVector = (stateVector: Uint8Array): boolean =>
  stateVector.length === 1 && stateVector[0] === 0;
