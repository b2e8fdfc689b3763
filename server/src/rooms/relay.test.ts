import { MessageType } from '@common-ground/shared';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { clientEdit, createTestRooms, FakeConnection, join } from './testSupport';
import { ConnectionViolation } from './violation';

/** The update payloads a connection received, in order. */
function updatesReceived(conn: FakeConnection): Uint8Array[] {
  return conn.sent.flatMap((message) => {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MessageType.Sync) return [];
    if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsUpdate) return [];
    return [decoding.readVarUint8Array(decoder)];
  });
}

async function twoWriters(options: Parameters<typeof createTestRooms>[1] = {}) {
  const setup = await createTestRooms({}, options);
  const alice = new FakeConnection('alice');
  const bob = new FakeConnection('bob');
  const room = await join(setup.rooms, 'board-1', alice);
  await join(setup.rooms, 'board-1', bob);
  return { ...setup, alice, bob, room };
}

describe('a relayed live update', () => {
  it('is stored, then sent to the others as it came, and only then applied', async () => {
    const { room, alice, bob, holdAppends, storage } = await twoWriters();
    const release = holdAppends();
    const edit = clientEdit('Spielplatz');
    room.relayClientUpdate(alice, edit);
    expect(room.doc.getText('t').toString()).toBe('');
    expect(updatesReceived(bob)).toEqual([]);
    release();
    await room.whenIdle();
    expect(updatesReceived(bob)).toEqual([edit]);
    expect(updatesReceived(alice)).toEqual([]);
    expect(room.doc.getText('t').toString()).toBe('Spielplatz');
    const logged = (await storage.loadDocument('board-1')).updates;
    expect(logged.map((u) => [u.participantId, u.update])).toEqual([['alice', edit]]);
  });

  it('on SQLite is stored, sent and applied before the call returns', async () => {
    const { room, alice, bob, storage } = await twoWriters({ synchronous: true });
    room.relayClientUpdate(alice, clientEdit('Bank'));
    expect(updatesReceived(bob)).toHaveLength(1);
    expect(room.doc.getText('t').toString()).toBe('Bank');
    expect(room.idle).toBe(true);
    expect(await storage.countUpdates('board-1')).toBe(1);
  });

  it('that does not decode is refused: nothing stored, sent or applied', async () => {
    const { room, alice, bob, storage } = await twoWriters({ synchronous: true });
    const truncated = clientEdit('kaputt').slice(0, 8);
    expect(() => room.relayClientUpdate(alice, truncated)).toThrow(ConnectionViolation);
    expect(updatesReceived(bob)).toEqual([]);
    expect(room.doc.share.size).toBe(0);
    expect(await storage.countUpdates('board-1')).toBe(0);
  });

  it('counts toward the size budget before it is applied', async () => {
    const setup = await createTestRooms({ maxDocBytes: 3000 });
    const alice = new FakeConnection('alice');
    const room = await join(setup.rooms, 'board-1', alice);
    const release = setup.holdAppends();
    room.relayClientUpdate(alice, clientEdit('x'.repeat(2000)));
    expect(() => room.relayClientUpdate(alice, clientEdit('y'.repeat(2000)))).toThrow(ConnectionViolation);
    release();
    await room.whenIdle();
    expect(await setup.storage.countUpdates('board-1')).toBe(1);
  });
});

describe('a sync step 2', () => {
  it('is applied first, so what the server has already is not logged again', async () => {
    const { room, alice, bob, storage } = await twoWriters({ synchronous: true });
    const edit = clientEdit('Treffpunkt');
    room.relayClientUpdate(alice, edit);
    // Bob had the same edit (from Alice, through another path) and sends his whole state after reconnecting.
    const bobsDoc = new Y.Doc();
    Y.applyUpdate(bobsDoc, edit);
    room.applyClientUpdate(bob, Y.encodeStateAsUpdate(bobsDoc));
    expect(await storage.countUpdates('board-1')).toBe(1);
    expect(updatesReceived(alice)).toEqual([]);
  });
});
