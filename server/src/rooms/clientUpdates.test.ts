import { MessageType } from '@common-ground/shared/protocol';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { LogBudgets } from './logBudget';
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

async function twoWriters({
  overrides = {},
  ...options
}: NonNullable<Parameters<typeof createTestRooms>[1]> & {
  overrides?: Parameters<typeof createTestRooms>[0];
} = {}) {
  const setup = await createTestRooms(overrides, options);
  const alice = new FakeConnection('alice');
  const bob = new FakeConnection('bob');
  const room = await join(setup.rooms, 'board-1', alice);
  await join(setup.rooms, 'board-1', bob);
  return { ...setup, alice, bob, room };
}

/** Hand-made updates of a client that never wrote anything (see tests/reliability/lib/fuzzRegressions.ts). */
const FORWARD_ORIGIN = new Uint8Array(Buffer.from('01018280fcff0300848280fcff0305017800', 'hex'));
const PENDING_DELETES = new Uint8Array(Buffer.from('00018380fcff030300e807882701c0843dd08603', 'hex'));

describe('a client update', () => {
  it('is applied, then stored, then sent to the others as Yjs encodes it', async () => {
    const { room, alice, bob, holdAppends, storage } = await twoWriters();
    const release = holdAppends();
    const edit = clientEdit('Spielplatz');
    room.applyClientUpdate(alice, edit);
    expect(room.doc.getText('t').toString()).toBe('Spielplatz');
    expect(updatesReceived(bob)).toEqual([]);
    release();
    await room.whenIdle();
    expect(updatesReceived(bob)).toEqual([edit]);
    expect(updatesReceived(alice)).toEqual([]);
    const logged = (await storage.log.loadDocument('board-1')).updates;
    expect(logged.map((u) => [u.participantId, u.update])).toEqual([['alice', edit]]);
  });

  it('on SQLite is stored and sent before the call returns', async () => {
    const { room, alice, bob, storage } = await twoWriters({ synchronous: true });
    room.applyClientUpdate(alice, clientEdit('Bank'));
    expect(updatesReceived(bob)).toHaveLength(1);
    expect(room.idle).toBe(true);
    expect(await storage.log.countUpdates('board-1')).toBe(1);
  });

  it.each([
    ['does not decode', clientEdit('kaputt').slice(0, 8)],
    ['throws when applied', FORWARD_ORIGIN],
    ['would leave pending deletes', PENDING_DELETES],
  ])('that %s is refused with 4400: nothing applied, stored or sent', async (_name, update) => {
    const { room, alice, bob, storage } = await twoWriters({ synchronous: true });
    room.applyClientUpdate(bob, clientEdit('vorher'));
    // After its sync step 2 nothing a client sends may wait for anything.
    room.applyClientUpdate(alice, Y.encodeStateAsUpdate(new Y.Doc()), 'step2');
    const before = Y.encodeStateAsUpdate(room.doc);
    let refused: unknown = null;
    try {
      room.applyClientUpdate(alice, update);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ConnectionViolation);
    expect((refused as ConnectionViolation).code).toBe(4400);
    expect(updatesReceived(bob)).toEqual([]);
    expect(Y.encodeStateAsUpdate(room.doc)).toEqual(before);
    expect(room.doc.store.pendingStructs).toBeNull();
    expect(room.doc.store.pendingDs).toBeNull();
    expect(await storage.log.countUpdates('board-1')).toBe(1);
  });

  it('that would grow the board past its limit is refused with 4413; a deletion still gets through', async () => {
    const setup = await createTestRooms({ maxDocBytes: 3000 }, { synchronous: true });
    const alice = new FakeConnection('alice');
    const bob = new FakeConnection('bob');
    const room = await join(setup.rooms, 'board-1', alice);
    await join(setup.rooms, 'board-1', bob);
    const bobs = new Y.Doc();
    bobs.on('update', (update: Uint8Array) => room.applyClientUpdate(bob, update));
    bobs.getText('t').insert(0, 'x'.repeat(2500));
    expect(() => room.applyClientUpdate(alice, clientEdit('y'.repeat(1000)))).toThrow(
      expect.objectContaining({ code: 4413 }),
    );
    // Deleting the junk is always allowed; afterwards (measured again) others can write.
    bobs.getText('t').delete(0, 2500);
    room.applyClientUpdate(alice, clientEdit('y'.repeat(1000)));
    expect(room.doc.getText('t').toString()).toBe('y'.repeat(1000));
  });

  it('is refused with 4429 once its writer used up the log budget; others go on', async () => {
    const now = { t: 0 };
    const budgets = new LogBudgets(
      { participantBytes: 2000, boardBytes: 100_000, windowMs: 60_000 },
      () => now.t,
    );
    const { room, alice, bob, storage } = await twoWriters({ synchronous: true, overrides: { budgets } });
    room.applyClientUpdate(alice, clientEdit('a'.repeat(2500)));
    expect(() => room.applyClientUpdate(alice, clientEdit('b'))).toThrow(
      expect.objectContaining({ code: 4429 }),
    );
    room.applyClientUpdate(bob, clientEdit('von Bob'));
    expect(await storage.log.countUpdates('board-1')).toBe(2);
    // The bucket refills over the window: a minute later Alice may write again.
    now.t = 60_000;
    room.applyClientUpdate(alice, clientEdit('c'));
    expect(await storage.log.countUpdates('board-1')).toBe(3);
  });
});

describe('live updates ahead of their sync step 2', () => {
  it('wait for it when they follow on what it brings, then apply in order', async () => {
    const { room, alice, storage } = await twoWriters({ synchronous: true });
    // Alice worked offline, reconnects and types on before her sync step 2 is in.
    const offline = new Y.Doc();
    offline.getText('t').insert(0, 'offline ');
    const beforeTyping = Y.encodeStateVector(offline);
    offline.getText('t').insert(8, 'und weiter');
    const typed = Y.encodeStateAsUpdate(offline, beforeTyping);
    room.applyClientUpdate(alice, typed);
    expect(room.doc.getText('t').toString()).toBe('');
    room.applyClientUpdate(alice, Y.encodeStateAsUpdate(offline, Y.encodeStateVector(room.doc)), 'step2');
    expect(room.doc.getText('t').toString()).toBe('offline und weiter');
    expect(await storage.log.countUpdates('board-1')).toBe(1);
  });

  it('are refused if the step 2 does not bring what they need', async () => {
    const { room, alice } = await twoWriters({ synchronous: true });
    room.applyClientUpdate(alice, PENDING_DELETES);
    expect(() => room.applyClientUpdate(alice, Y.encodeStateAsUpdate(new Y.Doc()), 'step2')).toThrow(
      expect.objectContaining({ code: 4400 }),
    );
    expect(room.doc.store.pendingDs).toBeNull();
  });

  it('are refused beyond a bound', async () => {
    const { room, alice } = await twoWriters({ synchronous: true });
    expect(() => {
      for (let i = 0; i < 1000; i++) room.applyClientUpdate(alice, PENDING_DELETES);
    }).toThrow(expect.objectContaining({ code: 4400 }));
  });
});

describe('a sync step 2', () => {
  it('is applied first, so what the server has already is not logged again', async () => {
    const { room, alice, bob, storage } = await twoWriters({ synchronous: true });
    const edit = clientEdit('Treffpunkt');
    room.applyClientUpdate(alice, edit);
    // Bob had the same edit (from Alice, through another path) and sends his whole state after reconnecting.
    const bobsDoc = new Y.Doc();
    Y.applyUpdate(bobsDoc, edit);
    room.applyClientUpdate(bob, Y.encodeStateAsUpdate(bobsDoc));
    expect(await storage.log.countUpdates('board-1')).toBe(1);
    expect(updatesReceived(alice)).toEqual([]);
  });
});
