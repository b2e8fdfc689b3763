import type { CloseCode } from '@common-ground/shared/protocol';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { HookPipeline } from '../hooks/pipeline';
import { createLogger } from '../log';
import { RecordProjector } from '../record/projector';
import { SqliteStorage } from '../storage/sqlite/sqliteStorage';
import type { DocumentLog, NewParticipant, NewUpdate, Storage } from '../storage/types';
import type { Connection } from './connection';
import { LogBudgets } from './logBudget';
import { RoomRegistry } from './registry';
import type { Room, RoomDeps } from './room';

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

  sendShared(message: Uint8Array): void {
    this.sent.push(message);
  }

  close(code: CloseCode, reason: string): void {
    this.closed = { code, reason };
  }
}

/** Budgets no test reaches unless it sets its own. */
export const UNLIMITED_BUDGETS = { participantBytes: 2 ** 40, boardBytes: 2 ** 40, windowMs: 3_600_000 };

const participant = (id: string, role: NewParticipant['role']): NewParticipant => ({
  id,
  boardId: 'board-1',
  name: id,
  role,
  partnerId: null,
  color: '#1d4ed8',
  tokenHash: `hash-${id}`,
  createdAt: 0,
});

/**
 * In-memory storage with one board and participants 'alice', 'bob', 'olga' (observer). Appends go through the
 * asynchronous appendUpdates, as on PostgreSQL: they can be made to fail, or held (they wait until released, like a
 * slow database), and each append's batch size is recorded. `synchronous` gives the rooms SQLite as it is instead.
 */
export async function createTestRooms(
  overrides: Partial<RoomDeps> = {},
  { synchronous = false }: { synchronous?: boolean } = {},
) {
  const storage = new SqliteStorage(new Database(':memory:'));
  await storage.accounts.createBoard({
    board: { id: 'board-1', title: 'Runder Tisch', createdAt: 0 },
    facilitator: participant('alice', 'facilitator'),
    initialUpdates: [],
  });
  await storage.accounts.createParticipant(participant('bob', 'partner'));
  await storage.accounts.createParticipant(participant('olga', 'observer'));
  let failAppends = false;
  let held: { promise: Promise<void>; release: () => void } | null = null;
  const appendBatches: number[] = [];
  const flakyLog: DocumentLog = Object.assign(Object.create(storage.log) as DocumentLog, {
    appendUpdates: async (docKey: string, updates: readonly NewUpdate[]) => {
      appendBatches.push(updates.length);
      if (held) await held.promise;
      if (failAppends) throw new Error('disk full');
      return storage.log.appendUpdates(docKey, updates);
    },
  });
  const flaky: Storage = Object.assign(Object.create(storage) as Storage, { log: flakyLog });
  const hooks = new HookPipeline(createLogger('silent'));
  const deps: RoomDeps = {
    storage: synchronous ? storage : flaky,
    log: createLogger('silent'),
    now: () => 1000,
    maxDocBytes: 1024 * 1024,
    maxAwarenessBytes: 4096,
    maxEarlyBytes: 2 * 1024 * 1024,
    snapshotEvery: 500,
    budgets: new LogBudgets(UNLIMITED_BUDGETS, () => 1000),
    hooks,
    ...overrides,
  };
  const rooms = new RoomRegistry(deps);
  // As on the server: a record document that loads is written from storage.
  hooks.register(new RecordProjector(rooms, deps.storage, deps.log));
  return {
    storage,
    rooms,
    /** For a second registry on the same storage (a restart with other settings). */
    deps,
    /** The number of updates of each appendUpdates call so far. */
    appendBatches,
    failAppends: (fail: boolean) => {
      failAppends = fail;
    },
    /** Appends from now on wait until the returned function is called. */
    holdAppends: (): (() => void) => {
      let release = () => {};
      const promise = new Promise<void>((resolve) => {
        release = resolve;
      });
      const hold = { promise, release };
      held = hold;
      return () => {
        if (held === hold) held = null;
        hold.release();
      };
    },
  };
}

/** Connects and returns the room (connect resolves with null only for a socket that closed meanwhile). */
export async function join(rooms: RoomRegistry, docKey: string, conn: Connection): Promise<Room> {
  const room = await rooms.connect(docKey, conn);
  if (!room) throw new Error(`${conn.participantId} could not join ${docKey}`);
  return room;
}

/** An edit of its own (a fresh client document), as a client would send it. */
export function clientEdit(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
