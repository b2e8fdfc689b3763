import { readParticipants } from '@common-ground/shared/schema';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { recordDocKey } from './docKeys';
import { syncStep2MessageOf } from './protocol';
import { type RegistryOptions, RoomRegistry } from './registry';
import type { RoomDeps } from './room';
import { clientEdit, createTestRooms, FakeConnection, join } from './testSupport';

describe('RoomRegistry', () => {
  it('loads on first connection, snapshots and unloads when the last one leaves', async () => {
    const { rooms, storage } = await createTestRooms();
    const alice = new FakeConnection('alice');
    const room = await join(rooms, 'board-1', alice);
    await room.mutate((doc) => doc.getText('t').insert(0, 'kept'));
    rooms.disconnect(room, alice);
    expect(rooms.size).toBe(0);
    await rooms.closeAll(1001, 'test');
    const loaded = await storage.log.loadDocument('board-1');
    expect(loaded.updates).toHaveLength(0);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, loaded.snapshot ?? new Uint8Array());
    expect(doc.getText('t').toString()).toBe('kept');
    expect(await storage.log.countUpdates('board-1')).toBe(1);
  });

  it('compacts every snapshotEvery updates while loaded', async () => {
    const { rooms, storage } = await createTestRooms({ snapshotEvery: 3 });
    // The snapshot is compressed off the event loop, then the log up to it is sealed: wait for that seal.
    const seal = storage.log.sealThrough.bind(storage.log);
    const sealed = new Promise<number>((resolve) => {
      storage.log.sealThrough = async (docKey, seq) => {
        const moved = await seal(docKey, seq);
        resolve(moved);
        return moved;
      };
    });
    const room = await join(rooms, 'board-1', new FakeConnection('alice'));
    for (let i = 0; i < 4; i++) await room.mutate((doc) => doc.getText('t').insert(0, String(i)));
    await room.whenIdle();
    expect(await sealed).toBe(3);
    expect((await storage.log.loadDocument('board-1')).updates).toHaveLength(1);
    expect(await storage.log.countUpdates('board-1')).toBe(4);
    expect((await storage.log.listUpdates('board-1', 0)).map((u) => u.seq)).toHaveLength(4);
  });

  it('compacts a long tail on load, and never with snapshotEvery 0', async () => {
    const never = await createTestRooms({ snapshotEvery: 0 });
    const alice = new FakeConnection('alice');
    const room = await join(never.rooms, 'board-1', alice);
    for (let i = 0; i < 4; i++) await room.mutate((doc) => doc.getText('t').insert(0, String(i)));
    never.rooms.disconnect(room, alice);
    await never.rooms.closeAll(1001, 'test');
    expect(await never.storage.log.loadDocument('board-1')).toMatchObject({ snapshot: null, snapshotSeq: 0 });
    expect((await never.storage.log.loadDocument('board-1')).updates).toHaveLength(4);

    // The same log loaded with snapshots on: replayed once, then stored as a snapshot.
    const compacting = new RoomRegistry({ ...never.deps, snapshotEvery: 3 });
    const reloaded = await join(compacting, 'board-1', alice);
    expect(reloaded.doc.getText('t').toString()).toBe('3210');
    expect((await never.storage.log.loadDocument('board-1')).updates).toHaveLength(0);
  });

  it('serves a snapshot with no tail as it is stored to joiners with an empty state', async () => {
    const { rooms, storage } = await createTestRooms();
    const alice = new FakeConnection('alice');
    const first = await join(rooms, 'board-1', alice);
    await first.mutate((doc) => doc.getText('t').insert(0, 'kept'));
    rooms.disconnect(first, alice);
    const room = await join(rooms, 'board-1', alice);
    const snapshot = (await storage.log.loadDocument('board-1')).snapshot ?? new Uint8Array();
    expect(room.syncStep2For(new Uint8Array([0]))).toEqual(syncStep2MessageOf(snapshot));
    // A change makes the stored snapshot stale: the next joiner gets the document encoded afresh.
    await room.mutate((doc) => doc.getText('t').insert(4, '!'));
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(room.doc));
    expect(room.syncStep2For(new Uint8Array([0]))).toEqual(syncStep2MessageOf(Y.encodeStateAsUpdate(fresh)));
    expect(fresh.getText('t').toString()).toBe('kept!');
  });

  it('writes a document that is not loaded, and leaves nothing loaded', async () => {
    const { rooms, storage } = await createTestRooms();
    await rooms.mutate('board-1', (doc) => doc.getMap('m').set('k', 1));
    expect(rooms.size).toBe(0);
    expect(await storage.log.countUpdates('board-1')).toBe(1);
    // Unloading compacted it: the snapshot holds the write, the log keeps it too.
    await rooms.closeAll(1001, 'test');
    expect((await storage.log.loadDocument('board-1')).snapshot).not.toBeNull();
  });

  it('reconciles the record document with storage on load, once', async () => {
    const { rooms, storage } = await createTestRooms();
    const conn = new FakeConnection('alice', false);
    const room = await join(rooms, recordDocKey('board-1'), conn);
    expect(readParticipants(room.doc).map((p) => p.id)).toEqual(['alice', 'bob', 'olga']);
    rooms.disconnect(room, conn);
    const count = await storage.log.countUpdates(recordDocKey('board-1'));
    rooms.disconnect(await join(rooms, recordDocKey('board-1'), conn), conn);
    await rooms.closeAll(1001, 'test');
    expect(await storage.log.countUpdates(recordDocKey('board-1'))).toBe(count);
  });

  it('a failed server write rejects and leaves the room unloaded', async () => {
    const setup = await createTestRooms();
    setup.failAppends(true);
    await expect(setup.rooms.mutate('board-1', (doc) => doc.getMap('m').set('k', 1))).rejects.toThrow();
    expect(setup.rooms.size).toBe(0);
    expect(await setup.storage.log.countUpdates('board-1')).toBe(0);
  });

  it('shares one load between concurrent connects', async () => {
    const { rooms, deps } = await createTestRooms();
    const { counting, loads } = countingLoads(deps);
    const [a, b] = await Promise.all([
      join(counting, 'board-1', new FakeConnection('alice')),
      join(counting, 'board-1', new FakeConnection('bob')),
    ]);
    expect(a).toBe(b);
    expect(loads()).toBe(1);
    expect(a.connections.size).toBe(2);
    expect(rooms.size).toBe(0);
  });

  it('a connection arriving while the last one leaves gets a fresh room with everything stored', async () => {
    const setup = await createTestRooms();
    const alice = new FakeConnection('alice');
    const room = await join(setup.rooms, 'board-1', alice);
    const release = setup.holdAppends();
    room.applyClientUpdate(alice, clientEdit('unterwegs'));
    // The last connection leaves with an update still in flight: the room drains before it is freed.
    setup.rooms.disconnect(room, alice);
    expect(setup.rooms.size).toBe(0);
    const bob = new FakeConnection('bob');
    const joining = join(setup.rooms, 'board-1', bob);
    release();
    const fresh = await joining;
    expect(fresh).not.toBe(room);
    expect(fresh.doc.getText('t').toString()).toBe('unterwegs');
    expect(fresh.connections.has(bob)).toBe(true);
  });

  it('reads only what is stored: after the batch in flight, or from a fresh load if it fails', async () => {
    const setup = await createTestRooms();
    const alice = new FakeConnection('alice');
    const room = await join(setup.rooms, 'board-1', alice);
    const text = (doc: Y.Doc) => doc.getText('t').toString();
    let release = setup.holdAppends();
    room.applyClientUpdate(alice, clientEdit('gespeichert'));
    let seen: string | null = null;
    const reading = setup.rooms.read('board-1', text).then((value) => {
      seen = value;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toBeNull();
    release();
    await reading;
    expect(seen).toBe('gespeichert');

    release = setup.holdAppends();
    room.applyClientUpdate(alice, clientEdit('verloren'));
    const second = setup.rooms.read('board-1', text);
    setup.failAppends(true);
    release();
    expect(await second).toBe('gespeichert');
  });

  it('never adds a connection that closed while its room loaded', async () => {
    const { rooms } = await createTestRooms();
    const room = await rooms.connect('board-1', new FakeConnection('alice'), () => false);
    expect(room).toBeNull();
    expect(rooms.size).toBe(0);
  });
});

/** A registry on `deps`' storage that counts its loads. */
function countingLoads(deps: RoomDeps, options: RegistryOptions = {}) {
  let loads = 0;
  const counting = new RoomRegistry(
    {
      ...deps,
      storage: Object.assign(Object.create(deps.storage) as typeof deps.storage, {
        log: Object.assign(Object.create(deps.storage.log) as typeof deps.storage.log, {
          loadDocument: (docKey: string) => {
            loads++;
            return deps.storage.log.loadDocument(docKey);
          },
        }),
      }),
    },
    options,
  );
  return { counting, loads: () => loads };
}

describe('RoomRegistry: rooms left idle by server work linger', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const record = recordDocKey('board-1');
  const write = (value: number) => (doc: Y.Doc) => doc.getMap('m').set('k', value);

  it('loads a document once for a burst of server writes, and unloads it once the linger has passed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { deps, storage } = await createTestRooms();
    const { counting, loads } = countingLoads(deps, { linger: { ms: 10_000, max: 8 } });
    for (let i = 0; i < 5; i++) await counting.mutate(record, write(i));
    expect(await counting.read(record, (doc) => doc.getMap('m').get('k'))).toBe(4);
    expect(loads()).toBe(1);
    expect(counting.size).toBe(1);

    vi.advanceTimersByTime(9_999);
    expect(counting.size).toBe(1);
    vi.advanceTimersByTime(1);
    expect(counting.size).toBe(0);
    await counting.closeAll(1001, 'test');
    // Unloaded as ever: the snapshot holds every write, and the next write loads it afresh.
    expect((await storage.log.loadDocument(record)).snapshot).not.toBeNull();
    expect(await storage.log.countUpdates(record)).toBeGreaterThanOrEqual(5);
  });

  it('restarts the linger with every use, and never unloads a room someone joined', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { deps } = await createTestRooms();
    const { counting, loads } = countingLoads(deps, { linger: { ms: 10_000, max: 8 } });
    await counting.mutate('board-1', write(1));
    vi.advanceTimersByTime(6_000);
    await counting.mutate('board-1', write(2));
    vi.advanceTimersByTime(6_000);
    expect(counting.size).toBe(1);

    const alice = new FakeConnection('alice');
    const room = await join(counting, 'board-1', alice);
    vi.advanceTimersByTime(60_000);
    expect(counting.get('board-1')).toBe(room);
    expect(loads()).toBe(1);
    // A socket's leave unloads at once, as without lingering.
    counting.disconnect(room, alice);
    expect(counting.size).toBe(0);
  });

  it('holds at most `max` idle rooms: the longest idle one unloads first', async () => {
    const { deps } = await createTestRooms();
    const { counting } = countingLoads(deps, { linger: { ms: 600_000, max: 2 } });
    for (const board of ['board-1', 'board-2', 'board-3']) await counting.mutate(board, write(1));
    expect(counting.get('board-1')).toBeUndefined();
    expect(counting.get('board-2')).toBeDefined();
    expect(counting.get('board-3')).toBeDefined();
    await counting.mutate('board-2', write(2));
    await counting.mutate('board-4', write(1));
    expect(counting.get('board-3')).toBeUndefined();
    expect(counting.size).toBe(2);
    await counting.closeAll(1001, 'test');
    expect(counting.size).toBe(0);
  });

  it('stores what a lingering room holds on shutdown', async () => {
    const { deps, storage } = await createTestRooms();
    const { counting } = countingLoads(deps, { linger: { ms: 600_000, max: 8 } });
    await counting.mutate('board-1', write(7));
    await counting.closeAll(1001, 'test');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await storage.log.loadDocument('board-1')).snapshot ?? new Uint8Array());
    expect(doc.getMap('m').get('k')).toBe(7);
  });
});
