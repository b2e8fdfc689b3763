import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { Connection } from './connection';
import { outgoingFrames } from './fanOut';
import type { QueuedUpdate } from './writeQueue';

const conn = (participantId: string): Connection => ({
  participantId,
  canWrite: true,
  send: () => {},
  sendShared: () => {},
  close: () => {},
});

/** Applies a frame's update to `doc` in one transaction, as a y-websocket provider does. */
function receive(doc: Y.Doc, message: Uint8Array): void {
  const decoder = decoding.createDecoder(message);
  decoding.readVarUint(decoder);
  expect(decoding.readVarUint(decoder)).toBe(syncProtocol.messageYjsUpdate);
  Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
}

describe('outgoingFrames', () => {
  it('sends a writer’s update with the server’s repair of it as one update to the others, the repair alone to the writer', () => {
    const server = new Y.Doc();
    const writer = conn('w');
    const other = conn('o');
    const updates: Uint8Array[] = [];
    server.on('update', (update: Uint8Array) => updates.push(update));
    server.getMap('goal').set('withdrawnAt', 1);
    server.getMap('goal').delete('withdrawnAt');
    server.getMap('goal').set('title', 'Spielplatz');
    const [write, repair, later] = updates as [Uint8Array, Uint8Array, Uint8Array];
    const batch: QueuedUpdate[] = [
      { update: write, sender: writer, log: null, remoteSeq: null },
      { update: repair, sender: null, log: null, remoteSeq: null, repairOf: writer },
      { update: later, sender: other, log: null, remoteSeq: null },
    ];
    const frames = outgoingFrames(batch);
    expect(frames.map(({ except, only }) => [except?.participantId, only?.participantId])).toEqual([
      ['w', undefined],
      [undefined, 'w'],
      ['o', undefined],
    ]);

    // The other replica never holds the refused value: after every transaction it reads as absent.
    const observer = new Y.Doc();
    const seen: unknown[] = [];
    observer.on('afterTransaction', () => seen.push(observer.getMap('goal').get('withdrawnAt')));
    receive(observer, (frames[0] as { message: Uint8Array }).message);
    expect(seen).toEqual([undefined]);
    receive(observer, (frames[2] as { message: Uint8Array }).message);
    expect(observer.getMap('goal').toJSON()).toEqual(server.getMap('goal').toJSON());
  });

  it('sends updates without a repair one by one, each to everyone but its sender', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    doc.getMap('m').set('a', 1);
    doc.getMap('m').set('b', 2);
    const sender = conn('a');
    const frames = outgoingFrames([
      { update: updates[0] as Uint8Array, sender, log: null, remoteSeq: null },
      { update: updates[1] as Uint8Array, sender: null, log: null, remoteSeq: null },
    ]);
    expect(frames.map(({ except, only }) => [except, only])).toEqual([
      [sender, null],
      [null, null],
    ]);
  });
});
