import type { CloseCode } from '@common-ground/shared';
import Database from 'better-sqlite3';
import { createLogger } from '../log';
import { SqliteStorage } from '../storage/sqlite/sqliteStorage';
import type { Storage } from '../storage/types';
import { RoomRegistry } from './registry';
import type { Connection, RoomDeps } from './room';

/** Test double of a socket: records what the room sends and how it closed. */
export class FakeConnection implements Connection {
  readonly sent: Uint8Array[] = [];
  closed: { code: CloseCode; reason: string } | null = null;

  constructor(
    readonly participantId: string,
    readonly canWrite = true,
  ) {}

  send(message: Uint8Array): void {
    this.sent.push(message);
  }

  close(code: CloseCode, reason: string): void {
    this.closed = { code, reason };
  }
}

/** In-memory storage with one board and participants 'alice', 'bob', 'olga' (observer); appends can be made to fail. */
export function createTestRooms(overrides: Partial<RoomDeps> = {}) {
  const storage = new SqliteStorage(new Database(':memory:'));
  storage.createBoard({ id: 'board-1', title: 'Runder Tisch', createdAt: 0 });
  for (const [id, role] of [
    ['alice', 'facilitator'],
    ['bob', 'partner'],
    ['olga', 'observer'],
  ] as const) {
    storage.createParticipant({
      id,
      boardId: 'board-1',
      name: id,
      role,
      partnerId: null,
      color: '#1d4ed8',
      tokenHash: `hash-${id}`,
      createdAt: 0,
    });
  }
  let failAppends = false;
  const flaky: Storage = Object.assign(Object.create(storage) as Storage, {
    appendUpdate: (...args: Parameters<Storage['appendUpdate']>) => {
      if (failAppends) throw new Error('disk full');
      return storage.appendUpdate(...args);
    },
  });
  const deps: RoomDeps = {
    storage: flaky,
    log: createLogger('silent'),
    now: () => 1000,
    maxDocBytes: 1024 * 1024,
    maxAwarenessBytes: 4096,
    snapshotEvery: 500,
    ...overrides,
  };
  const rooms = new RoomRegistry(deps);
  return {
    storage,
    rooms,
    /** For a second registry on the same storage (a restart with other settings). */
    deps,
    failAppends: (fail: boolean) => {
      failAppends = fail;
    },
  };
}
