import type { CloseCode } from '@common-ground/shared';
import type * as Y from 'yjs';
import { parseDocKey } from './docKeys';
import { reconcileRecord } from './record';
import { type Connection, Room, type RoomDeps } from './room';

/**
 * The loaded rooms. Loading and unloading are synchronous, so a connection that arrives while the last one
 * leaves either finds the room or loads it afresh from storage — never a half-loaded or half-saved one.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();

  constructor(private readonly deps: RoomDeps) {}

  get size(): number {
    return this.rooms.size;
  }

  get(docKey: string): Room | undefined {
    return this.rooms.get(docKey);
  }

  /** Adds a connection, loading the room first if needed; throws if it cannot be loaded. */
  connect(docKey: string, conn: Connection): Room {
    const room = this.acquire(docKey);
    room.addConnection(conn);
    return room;
  }

  disconnect(room: Room, conn: Connection): void {
    if (this.rooms.get(room.docKey) !== room) return;
    room.removeConnection(conn);
    this.noteVisitEnd(room, conn.participantId);
    this.unloadIfIdle(room);
  }

  /** A server write to a document, loaded or not. Throws StorageWriteError if it could not be stored. */
  mutate(docKey: string, fn: (doc: Y.Doc) => void): void {
    const room = this.acquire(docKey);
    try {
      room.mutate(fn);
    } finally {
      this.unloadIfIdle(room);
    }
  }

  /** Reads a document, loaded or not, leaving it as loaded as it was. */
  read<T>(docKey: string, fn: (doc: Y.Doc) => T): T {
    const room = this.acquire(docKey);
    try {
      return fn(room.doc);
    } finally {
      this.unloadIfIdle(room);
    }
  }

  /** Shutdown: closes every socket with `code`, snapshots and frees every room. */
  closeAll(code: CloseCode, reason: string): void {
    for (const room of this.rooms.values()) {
      for (const conn of room.connections) conn.close(code, reason);
      room.unload();
    }
    this.rooms.clear();
  }

  private acquire(docKey: string): Room {
    const existing = this.rooms.get(docKey);
    if (existing) return existing;
    const room = new Room(docKey, this.deps, (broken) => this.evict(broken));
    this.rooms.set(docKey, room);
    const { boardId, kind } = parseDocKey(docKey);
    if (kind === 'record') {
      try {
        room.mutate((doc) => reconcileRecord(this.deps.storage, boardId, doc));
      } catch (error) {
        this.evict(room);
        throw error;
      }
    }
    return room;
  }

  /**
   * "Since your last visit" starts when a participant's last connection to its board document closes (a second
   * tab still open means the visit goes on). A failed write loses only that highlight, so it is logged, not thrown.
   */
  private noteVisitEnd(room: Room, participantId: string): void {
    if (parseDocKey(room.docKey).kind !== 'board') return;
    for (const other of room.connections) if (other.participantId === participantId) return;
    try {
      this.deps.storage.recordVisit(participantId, this.deps.now());
    } catch (error) {
      this.deps.log.warn('visit not recorded', { participantId, error });
    }
  }

  private unloadIfIdle(room: Room): void {
    if (room.connections.size > 0 || this.rooms.get(room.docKey) !== room) return;
    this.rooms.delete(room.docKey);
    room.unload();
  }

  private evict(room: Room): void {
    if (this.rooms.get(room.docKey) === room) this.rooms.delete(room.docKey);
    room.destroy();
  }
}
