import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createTestRooms, FakeConnection, join } from './testSupport';

describe('Room.syncStep2For', () => {
  it('encodes the full state once for every joiner until the document changes', async () => {
    const { rooms } = await createTestRooms();
    const room = await join(rooms, 'board-1', new FakeConnection('alice'));
    await room.mutate((doc) => doc.getText('t').insert(0, 'Spielplatz'));
    const empty = Y.encodeStateVector(new Y.Doc());
    const first = room.syncStep2For(empty);
    expect(room.syncStep2For(empty)).toBe(first);
    await room.mutate((doc) => doc.getText('t').insert(0, 'Neuer '));
    const afterChange = room.syncStep2For(empty);
    expect(afterChange).not.toBe(first);
    expect(afterChange.byteLength).toBeGreaterThan(first.byteLength);
  });

  it('answers a client that already has some state with only what it lacks', async () => {
    const { rooms } = await createTestRooms();
    const room = await join(rooms, 'board-1', new FakeConnection('alice'));
    await room.mutate((doc) => doc.getText('t').insert(0, 'a'.repeat(1000)));
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(room.doc));
    const partial = room.syncStep2For(Y.encodeStateVector(client));
    expect(partial.byteLength).toBeLessThan(room.syncStep2For(Y.encodeStateVector(new Y.Doc())).byteLength);
  });
});

describe('SyncAnswers', () => {
  it('encodes the answer to a state vector once for every joiner that sends it, until the document changes', async () => {
    const { rooms } = await createTestRooms();
    const room = await join(rooms, 'board-1', new FakeConnection('alice'));
    await room.mutate((doc) => doc.getText('t').insert(0, 'Spielplatz'));
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(room.doc));
    const stateVector = Y.encodeStateVector(client);
    const first = room.syncStep2For(stateVector);
    expect(room.syncStep2For(stateVector.slice())).toBe(first);
    await room.mutate((doc) => doc.getText('t').insert(0, 'Neuer '));
    const afterChange = room.syncStep2For(stateVector);
    expect(afterChange).not.toBe(first);
    const decoder = decoding.createDecoder(afterChange);
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    Y.applyUpdate(client, decoding.readVarUint8Array(decoder));
    expect(client.getText('t').toString()).toBe('Neuer Spielplatz');
  });
});
