import { MessageType } from '@common-ground/shared/protocol';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Extension } from '../hooks/extension';
import { HookPipeline } from '../hooks/pipeline';
import { createLogger } from '../log';
import type { SequencedUpdate } from './connection';
import type { Room } from './room';
import { clientEdit, createTestRooms, FakeConnection, join } from './testSupport';
import { StorageWriteError } from './violation';

/** The sync step 2 and update payloads a connection received, in order (awareness and step 1 left out). */
function syncPayloads(conn: FakeConnection): { step: number; payload: Uint8Array }[] {
  return conn.sent.flatMap((message) => {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MessageType.Sync) return [];
    const step = decoding.readVarUint(decoder);
    if (step === syncProtocol.messageYjsSyncStep1) return [];
    return [{ step, payload: decoding.readVarUint8Array(decoder) }];
  });
}

/** What the room's document emitted, in order: what the room must send on, in that order. */
function emitted(room: Room): Uint8Array[] {
  const updates: Uint8Array[] = [];
  room.doc.on('update', (update: Uint8Array) => updates.push(update));
  return updates;
}

/** A hook pipeline with just this extension. */
const listening = (extension: Extension) => new HookPipeline(createLogger('silent')).register(extension);

/** Lets every settled promise run its callbacks (the SQLite appends settle within microtasks). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

async function twoWriters(overrides: Parameters<typeof createTestRooms>[0] = {}) {
  const setup = await createTestRooms(overrides);
  const alice = new FakeConnection('alice');
  const bob = new FakeConnection('bob');
  const room = await join(setup.rooms, 'board-1', alice);
  await join(setup.rooms, 'board-1', bob);
  alice.sent.length = 0;
  bob.sent.length = 0;
  return { ...setup, alice, bob, room };
}

describe('the write queue', () => {
  it('stores updates applied while a batch is in flight together, in one append', async () => {
    const { room, alice, bob, holdAppends, appendBatches, storage } = await twoWriters();
    const release = holdAppends();
    room.applyClientUpdate(alice, clientEdit('a'));
    room.applyClientUpdate(bob, clientEdit('b'));
    room.applyClientUpdate(alice, clientEdit('c'));
    expect(appendBatches).toEqual([1]);
    release();
    await room.whenIdle();
    expect(appendBatches).toEqual([1, 2]);
    const logged = (await storage.log.loadDocument('board-1')).updates.map((u) => u.participantId);
    expect(logged).toEqual(['alice', 'bob', 'alice']);
  });

  it('sends nothing before it is stored, then everything in order, never back to its sender', async () => {
    const { room, alice, bob, holdAppends } = await twoWriters();
    const order = emitted(room);
    const release = holdAppends();
    room.applyClientUpdate(alice, clientEdit('a'));
    room.applyClientUpdate(bob, clientEdit('b'));
    room.applyClientUpdate(alice, clientEdit('c'));
    await settle();
    expect(syncPayloads(alice)).toEqual([]);
    expect(syncPayloads(bob)).toEqual([]);
    release();
    await room.whenIdle();
    const [a, b, c] = order;
    expect(syncPayloads(bob).map((m) => m.payload)).toEqual([a, c]);
    expect(syncPayloads(alice).map((m) => m.payload)).toEqual([b]);
  });

  it('answers a sync step 1 only once the batch in flight is stored', async () => {
    const { room, alice, holdAppends, rooms } = await twoWriters();
    const release = holdAppends();
    room.applyClientUpdate(alice, clientEdit('unterwegs'));
    const joiner = new FakeConnection('olga', false);
    await join(rooms, 'board-1', joiner);
    room.answerSyncStep1(joiner, new Uint8Array([0]));
    await settle();
    expect(syncPayloads(joiner)).toEqual([]);
    release();
    await room.whenIdle();
    const received = syncPayloads(joiner);
    expect(received.map((m) => m.step)).toEqual([
      syncProtocol.messageYjsUpdate,
      syncProtocol.messageYjsSyncStep2,
    ]);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, received[1]?.payload ?? new Uint8Array());
    expect(doc.getText('t').toString()).toBe('unterwegs');
  });

  it('breaks the room on a failed batch: nothing of it or behind it is sent, every socket closes with 1011', async () => {
    const { room, alice, bob, holdAppends, failAppends, rooms, storage } = await twoWriters();
    const release = holdAppends();
    room.applyClientUpdate(alice, clientEdit('verloren'));
    room.applyClientUpdate(bob, clientEdit('auch'));
    const write = room.mutate((doc) => doc.getMap('m').set('k', 1));
    failAppends(true);
    release();
    await expect(write).rejects.toBeInstanceOf(StorageWriteError);
    expect(syncPayloads(alice)).toEqual([]);
    expect(syncPayloads(bob)).toEqual([]);
    expect([alice.closed?.code, bob.closed?.code]).toEqual([1011, 1011]);
    expect(rooms.size).toBe(0);
    expect(await storage.log.countUpdates('board-1')).toBe(0);
    expect(() => room.applyClientUpdate(alice, clientEdit('danach'))).toThrow(StorageWriteError);
  });

  it('resolves a server write once it is stored, then reports the batch', async () => {
    const changes: string[] = [];
    const stored: SequencedUpdate[][] = [];
    const { room, holdAppends, storage } = await twoWriters({
      hooks: listening({
        name: 'test',
        onChange: ({ docKey }) => {
          changes.push(docKey);
        },
        afterStoreDocument: ({ entries }) => {
          stored.push([...entries]);
        },
      }),
    });
    const release = holdAppends();
    let done = false;
    const write = room
      .mutate((doc) => doc.getMap('m').set('k', 1))
      .then(() => {
        done = true;
      });
    await settle();
    expect(done).toBe(false);
    expect(changes).toEqual([]);
    release();
    await write;
    const [logged] = (await storage.log.loadDocument('board-1')).updates;
    expect(stored).toEqual([[{ seq: logged?.seq, update: logged?.update }]]);
    expect(changes).toEqual(['board-1']);
    // A write that changes nothing has nothing to wait for.
    await room.mutate(() => {});
    expect(stored).toHaveLength(1);
  });

  it('rejects a server write whose function throws with that error, storing what it changed before', async () => {
    const { room, storage } = await twoWriters();
    const write = room.mutate((doc) => {
      doc.getMap('m').set('k', 1);
      throw new Error('refused');
    });
    await expect(write).rejects.toThrow('refused');
    await room.whenIdle();
    expect(await storage.log.countUpdates('board-1')).toBe(1);
  });

  it('applies remote updates without storing them, behind the local batch in flight', async () => {
    const changes: string[] = [];
    const { room, alice, bob, holdAppends, appendBatches, storage } = await twoWriters({
      hooks: listening({
        name: 'test',
        onChange: ({ docKey }) => {
          changes.push(docKey);
        },
      }),
    });
    const order = emitted(room);
    const release = holdAppends();
    room.applyClientUpdate(alice, clientEdit('lokal'));
    room.applyRemoteUpdates([{ seq: 1000, update: clientEdit('fern') }]);
    await settle();
    expect(syncPayloads(bob)).toEqual([]);
    release();
    await room.whenIdle();
    const [local, remote] = order;
    expect(syncPayloads(bob).map((m) => m.payload)).toEqual([local, remote]);
    expect(syncPayloads(alice).map((m) => m.payload)).toEqual([remote]);
    expect(appendBatches).toEqual([1]);
    expect(await storage.log.countUpdates('board-1')).toBe(1);
    // Once per batch: the local one, then the remote one behind it.
    expect(changes).toEqual(['board-1', 'board-1']);
    // With nothing in flight a remote update goes out at once.
    room.applyRemoteUpdates([{ seq: 1001, update: clientEdit('gleich') }]);
    expect(syncPayloads(alice)).toHaveLength(2);
    expect(room.doc.getText('t').toString()).toContain('gleich');
  });
});
