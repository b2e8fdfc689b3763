import type { CloseCode } from '@common-ground/shared/protocol';
import * as Y from 'yjs';
import type { LoadedDocument } from '../storage/types';
import type { Connection } from './connection';
import { documentRef } from './documentHooks';
import { LingeringRooms, type LingerSettings, NO_LINGER } from './lingering';
import { PreviewBoard, type PreviewWaiter, SnapshotPreview } from './previews';
import { Room, type RoomDeps } from './room';
import { StorageWriteError } from './violation';

/**
 * The loaded rooms. Loading and unloading are asynchronous, so the registry keeps three things per document:
 * the loaded room, a pending load (every concurrent caller shares it: one load per document), and a pending
 * unload. A document is in at most one of `loading`, `rooms` and `unloading`'s latest room at a time:
 * - A room leaves `rooms` synchronously when it becomes idle (no connection, no caller holding it) and only then
 *   starts to drain its write queue, snapshot and free itself. Nothing can reach it after that moment.
 * - A load waits for that document's pending unload to finish before it reads storage, so a connection that
 *   arrives while the last one leaves gets a fresh room with everything the old one stored — never the
 *   half-unloaded room and never a load that misses its last batch.
 * - A room enters `rooms` only once it is fully loaded: its afterLoadDocument hooks (record reconciliation) ran
 *   and the schema repaired it.
 * - While a document whose stored state is a snapshot with no tail loads, its sync step 2 is published as a
 *   preview between the read and the apply (see previews.ts): sockets waiting for the room answer a sync step 1
 *   with an empty state from it, and the apply waits until those answers are on their way (50 ms at most).
 * - `users` counts callers between acquiring a room and being done with it (adding their connection, or their
 *   server write or read), so a room that is loaded but not yet joined is never unloaded under them.
 * Loads and unloads are told to `deps.hooks` (afterLoadDocument, afterUnloadDocument): one afterUnloadDocument for
 * every room whose afterLoadDocument ran, whether it unloads, breaks or fails to finish loading.
 * A room that server work left idle may linger (see lingering.ts); one whose last socket left unloads at once.
 */

export interface RegistryOptions {
  /** Longest a load waits for the sockets waiting for it to be answered from its preview; 50 ms by default. */
  readonly previewWaitMs?: number;
  /** Test seam: runs between that wait and the apply (a test holds it to keep a load in progress). */
  readonly beforeApply?: (docKey: string) => Promise<void>;
  /** How long, and how many, rooms left idle by server work stay loaded; none by default. */
  readonly linger?: LingerSettings;
}

/**
 * Long enough for a socket's first frame to follow its upgrade answer over a real network, short beside the
 * apply it precedes (hundreds of ms for a large board). A silent socket can delay a load by this much, no more.
 */
const PREVIEW_WAIT_MS = 50;

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly users = new Map<string, number>();
  private closing = false;
  private readonly previews = new PreviewBoard();
  private readonly lingering: LingeringRooms;

  constructor(
    private readonly deps: RoomDeps,
    private readonly options: RegistryOptions = {},
  ) {
    this.lingering = new LingeringRooms(options.linger ?? NO_LINGER, (docKey) => {
      const room = this.rooms.get(docKey);
      if (room) this.unloadIfIdle(room, 'now');
    });
  }

  get size(): number {
    return this.rooms.size;
  }

  get(docKey: string): Room | undefined {
    return this.rooms.get(docKey);
  }

  /**
   * Adds a connection, loading the room first if needed; rejects if it cannot be loaded. Resolves with null,
   * adding nothing, if `stillOpen` says the connection went away while the room was loading, or on shutdown.
   * `waiter` is offered the preview of a load it waits for.
   */
  async connect(
    docKey: string,
    conn: Connection,
    stillOpen: () => boolean = () => true,
    waiter?: PreviewWaiter,
  ): Promise<Room | null> {
    for (;;) {
      const unwatch = waiter ? this.previews.watch(docKey, waiter) : null;
      let room: Room;
      try {
        room = await this.acquire(docKey);
      } finally {
        unwatch?.();
      }
      try {
        if (!stillOpen() || this.closing) return null;
        // Broken between its load and now: its sockets were closed already, so this one joins a fresh load.
        if (this.rooms.get(docKey) !== room) continue;
        room.addConnection(conn);
        return room;
      } finally {
        this.release(room);
      }
    }
  }

  /**
   * Takes the connection out of its room; true if it left the loaded room, false if that room had gone already
   * (broken, or closed on shutdown), which its connections left with it.
   */
  disconnect(room: Room, conn: Connection): boolean {
    if (this.rooms.get(room.docKey) !== room) return false;
    room.removeConnection(conn);
    this.unloadIfIdle(room, 'now');
    return true;
  }

  /**
   * A server write to a document, loaded or not; resolves once stored, rejects with StorageWriteError if not.
   * `participantId`: whom the log attributes it to (see Room.mutate).
   */
  async mutate(docKey: string, fn: (doc: Y.Doc) => void, participantId: string | null = null): Promise<void> {
    const room = await this.acquire(docKey);
    try {
      await room.mutate(fn, participantId);
    } finally {
      this.release(room);
    }
  }

  /** Replaces a record document's stored log by its current state, loading it if needed (see Room.compactLog). */
  async compactRecord(docKey: string): Promise<void> {
    const room = await this.acquire(docKey);
    try {
      await room.compactLog();
    } finally {
      this.release(room);
    }
  }

  /**
   * Reads a document as stored (never with an unstored update in it), loaded or not, leaving it as it was. If
   * the room breaks while the read waits for its queue, the read is served by a fresh load of what was stored.
   */
  async read<T>(docKey: string, fn: (doc: Y.Doc) => T): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const room = await this.acquire(docKey);
      try {
        while (!room.idle) await room.whenIdle();
        return fn(room.doc);
      } catch (error) {
        if (!(error instanceof StorageWriteError) || attempt > 1) throw error;
      } finally {
        this.release(room);
      }
    }
  }

  /**
   * Shutdown: closes every socket with `code`, waits for pending loads, lets every room store its queue (a
   * server write still running is stored too), snapshot and free itself. Nothing loads or joins afterwards.
   */
  async closeAll(code: CloseCode, reason: string): Promise<void> {
    this.closing = true;
    this.lingering.clear();
    await Promise.allSettled([...this.loading.values()]);
    for (const room of [...this.rooms.values()]) {
      for (const conn of [...room.connections]) conn.close(code, reason);
      this.startUnload(room);
    }
    await Promise.allSettled([...this.unloading.values()]);
  }

  /**
   * A deleted board's document: closes its sockets with `code` and drops its room without storing anything more
   * (no snapshot: the purge removes what was stored), after any unload in progress has finished.
   */
  async discard(docKey: string, code: CloseCode, reason: string): Promise<void> {
    await this.loading.get(docKey)?.catch(() => undefined);
    const room = this.rooms.get(docKey);
    if (room) {
      for (const conn of [...room.connections]) conn.close(code, reason);
      this.evict(room);
    }
    await this.unloading.get(docKey);
  }

  private async acquire(docKey: string): Promise<Room> {
    if (this.closing) throw new Error('The server is shutting down');
    this.users.set(docKey, (this.users.get(docKey) ?? 0) + 1);
    try {
      const existing = this.rooms.get(docKey);
      if (existing) {
        this.lingering.forget(docKey);
        return existing;
      }
      let loading = this.loading.get(docKey);
      if (!loading) {
        loading = this.load(docKey).finally(() => this.loading.delete(docKey));
        this.loading.set(docKey, loading);
      }
      return await loading;
    } catch (error) {
      this.users.set(docKey, (this.users.get(docKey) ?? 1) - 1);
      if (this.users.get(docKey) === 0) this.users.delete(docKey);
      throw error;
    }
  }

  private release(room: Room): void {
    const left = (this.users.get(room.docKey) ?? 1) - 1;
    if (left > 0) this.users.set(room.docKey, left);
    else this.users.delete(room.docKey);
    this.unloadIfIdle(room, 'linger');
  }

  private async load(docKey: string): Promise<Room> {
    await this.unloading.get(docKey);
    const loaded = await this.deps.storage.log.loadDocument(docKey);
    const preview = SnapshotPreview.of(loaded);
    if (!preview) return this.build(docKey, loaded, null);
    this.previews.publish(docKey, preview);
    try {
      await this.previews.settled(docKey, this.options.previewWaitMs ?? PREVIEW_WAIT_MS);
      return await this.build(docKey, loaded, preview);
    } finally {
      this.previews.withdraw(docKey, preview);
    }
  }

  /**
   * Applies what was read, runs the afterLoadDocument hooks (the cluster link joins the room before anything is
   * written to it; a record document is reconciled with storage) and the schema's repair; the room is in `rooms`
   * when this resolves. A hook's rejection fails the load.
   */
  private async build(
    docKey: string,
    loaded: LoadedDocument,
    preview: SnapshotPreview | null,
  ): Promise<Room> {
    await this.options.beforeApply?.(docKey);
    const room = await Room.open(docKey, this.deps, (broken) => this.evict(broken), loaded, preview);
    // Before anything else reaches the document: this is exactly the state the preview carries.
    if (preview) preview.stateVector = Y.encodeStateVector(room.doc);
    const ref = documentRef(docKey);
    try {
      await this.deps.hooks?.afterLoadDocument({ ...ref, room });
    } catch (error) {
      void this.deps.hooks?.afterUnloadDocument(ref);
      room.destroy();
      throw error;
    }
    try {
      await this.deps.schema?.repairLoaded(docKey, (fn) => room.mutate(fn));
    } catch (error) {
      // The readers ignore what is invalid; the next write to it is repaired.
      this.deps.log.error('stored board could not be repaired', { docKey, error });
    }
    this.rooms.set(docKey, room);
    return room;
  }

  private unloadIfIdle(room: Room, when: 'now' | 'linger'): void {
    if (room.connections.size > 0 || this.users.has(room.docKey)) return;
    if (this.rooms.get(room.docKey) !== room) return;
    if (when === 'linger' && this.lingering.linger(room.docKey)) return;
    this.startUnload(room);
  }

  private startUnload(room: Room): void {
    if (this.rooms.get(room.docKey) !== room) return;
    this.lingering.forget(room.docKey);
    this.rooms.delete(room.docKey);
    void this.deps.hooks?.afterUnloadDocument(documentRef(room.docKey));
    const unloading = room.unload().finally(() => {
      if (this.unloading.get(room.docKey) === unloading) this.unloading.delete(room.docKey);
    });
    this.unloading.set(room.docKey, unloading);
  }

  private evict(room: Room): void {
    if (this.rooms.get(room.docKey) === room) {
      this.lingering.forget(room.docKey);
      this.rooms.delete(room.docKey);
      void this.deps.hooks?.afterUnloadDocument(documentRef(room.docKey));
    }
    room.destroy();
  }
}
