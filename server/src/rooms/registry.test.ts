import { readParticipants } from '@common-ground/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { recordDocKey } from './docKeys';
import { syncStep2MessageOf } from './protocol';
import { RoomRegistry } from './registry';
import { createTestRooms, FakeConnection } from './testSupport';

describe('RoomRegistry', () => {
  it('loads on first connection, snapshots and unloads when the last one leaves', () => {
    const { rooms, storage } = createTestRooms();
    const alice = new FakeConnection('alice');
    const room = rooms.connect('board-1', alice);
    room.mutate((doc) => doc.getText('t').insert(0, 'kept'));
    rooms.disconnect(room, alice);
    expect(rooms.size).toBe(0);
    const loaded = storage.loadDocument('board-1');
    expect(loaded.updates).toHaveLength(0);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, loaded.snapshot ?? new Uint8Array());
    expect(doc.getText('t').toString()).toBe('kept');
    expect(storage.countUpdates('board-1')).toBe(1);
  });

  it('compacts every snapshotEvery updates while loaded', () => {
    const { rooms, storage } = createTestRooms({ snapshotEvery: 3 });
    const room = rooms.connect('board-1', new FakeConnection('alice'));
    for (let i = 0; i < 4; i++) room.mutate((doc) => doc.getText('t').insert(0, String(i)));
    expect(storage.loadDocument('board-1').updates).toHaveLength(1);
    expect(storage.countUpdates('board-1')).toBe(4);
  });

  it('compacts a long tail on load, and never with snapshotEvery 0', () => {
    const never = createTestRooms({ snapshotEvery: 0 });
    const alice = new FakeConnection('alice');
    const room = never.rooms.connect('board-1', alice);
    for (let i = 0; i < 4; i++) room.mutate((doc) => doc.getText('t').insert(0, String(i)));
    never.rooms.disconnect(room, alice);
    expect(never.storage.loadDocument('board-1')).toMatchObject({ snapshot: null, snapshotSeq: 0 });
    expect(never.storage.loadDocument('board-1').updates).toHaveLength(4);

    // The same log loaded with snapshots on: replayed once, then stored as a snapshot.
    const compacting = new RoomRegistry({ ...never.deps, snapshotEvery: 3 });
    const reloaded = compacting.connect('board-1', alice);
    expect(reloaded.doc.getText('t').toString()).toBe('3210');
    expect(never.storage.loadDocument('board-1').updates).toHaveLength(0);
  });

  it('serves a snapshot with no tail as it is stored to joiners with an empty state', () => {
    const { rooms, storage } = createTestRooms();
    const alice = new FakeConnection('alice');
    const first = rooms.connect('board-1', alice);
    first.mutate((doc) => doc.getText('t').insert(0, 'kept'));
    rooms.disconnect(first, alice);
    const snapshot = storage.loadDocument('board-1').snapshot ?? new Uint8Array();
    const room = rooms.connect('board-1', alice);
    expect(room.syncStep2For(new Uint8Array([0]))).toEqual(syncStep2MessageOf(snapshot));
    // A change makes the stored snapshot stale: the next joiner gets the document encoded afresh.
    room.mutate((doc) => doc.getText('t').insert(4, '!'));
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(room.doc));
    expect(room.syncStep2For(new Uint8Array([0]))).toEqual(syncStep2MessageOf(Y.encodeStateAsUpdate(fresh)));
    expect(fresh.getText('t').toString()).toBe('kept!');
  });

  it('writes a document that is not loaded, and leaves nothing loaded', () => {
    const { rooms, storage } = createTestRooms();
    rooms.mutate('board-1', (doc) => doc.getMap('m').set('k', 1));
    expect(rooms.size).toBe(0);
    expect(storage.countUpdates('board-1')).toBe(1);
    // Unloading compacted it: the snapshot holds the write, the log keeps it too.
    expect(storage.loadDocument('board-1').snapshot).not.toBeNull();
  });

  it('reconciles the record document with storage on load, once', () => {
    const { rooms, storage } = createTestRooms();
    const conn = new FakeConnection('alice', false);
    const room = rooms.connect(recordDocKey('board-1'), conn);
    expect(readParticipants(room.doc).map((p) => p.id)).toEqual(['alice', 'bob', 'olga']);
    rooms.disconnect(room, conn);
    const count = storage.countUpdates(recordDocKey('board-1'));
    rooms.disconnect(rooms.connect(recordDocKey('board-1'), conn), conn);
    expect(storage.countUpdates(recordDocKey('board-1'))).toBe(count);
  });

  it('a failed server write throws and leaves the room unloaded', () => {
    const setup = createTestRooms();
    setup.failAppends(true);
    expect(() => setup.rooms.mutate('board-1', (doc) => doc.getMap('m').set('k', 1))).toThrow();
    expect(setup.rooms.size).toBe(0);
    expect(setup.storage.countUpdates('board-1')).toBe(0);
  });
});
