import { MessageType } from '@common-ground/shared/protocol';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { SnapshotPreview } from '../rooms/previews';
import { updateMessage } from '../rooms/protocol';
import { clientEdit } from '../rooms/testSupport';
import { EarlyFrames } from './earlyFrames';

function syncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

function preview(): SnapshotPreview {
  const made = SnapshotPreview.of({ snapshot: clientEdit('Spielplatz'), snapshotSeq: 1, updates: [] });
  if (!made) throw new Error('a snapshot with no tail has a preview');
  return made;
}

/** The socket as EarlyFrames uses it: what it sent, and the flush callbacks it has not called yet. */
function fakeSocket() {
  const sent: Uint8Array[] = [];
  const unflushed: (() => void)[] = [];
  const ws = {
    send: (message: Uint8Array, flushed: () => void) => {
      sent.push(message);
      unflushed.push(flushed);
    },
  };
  // Only `send` is used; the cast keeps the test free of a real socket.
  const flush = () => {
    for (const flushed of unflushed.splice(0)) flushed();
  };
  return { ws: ws as unknown as WebSocket, sent, flush };
}

describe('EarlyFrames', () => {
  it('answers an empty sync step 1 from the preview, settling once the answer is flushed', () => {
    const socket = fakeSocket();
    const early = new EarlyFrames(socket.ws, 1024 * 1024);
    const shown = preview();
    let settled = 0;
    const update = updateMessage(clientEdit('Bänke'));
    early.push(syncStep1(new Y.Doc()));
    early.push(update);
    early.offer(shown, () => settled++);
    expect(socket.sent).toEqual([shown.message]);
    expect(settled).toBe(0);
    socket.flush();
    expect(settled).toBe(1);
    // A second empty sync step 1 waits for the room like any frame.
    const again = syncStep1(new Y.Doc());
    early.push(again);
    expect(early.take()).toEqual([{ preview: shown }, update, again]);
    expect(socket.sent).toHaveLength(1);
  });

  it('leaves a sync step 1 with state, and any preview too large, to the room', () => {
    const withState = new Y.Doc();
    withState.getText('t').insert(0, 'offline');
    const socket = fakeSocket();
    const early = new EarlyFrames(socket.ws, 1024 * 1024);
    let settled = 0;
    early.offer(preview(), () => settled++);
    expect(settled).toBe(0);
    const step1 = syncStep1(withState);
    early.push(step1);
    expect(settled).toBe(1);
    expect(early.take()).toEqual([step1]);

    const small = new EarlyFrames(socket.ws, 4);
    small.offer(preview(), () => settled++);
    expect(settled).toBe(2);
    small.push(syncStep1(new Y.Doc()));
    expect(socket.sent).toHaveLength(0);
  });

  it('settles when the socket closes before it asked', () => {
    const early = new EarlyFrames(fakeSocket().ws, 1024 * 1024);
    let settled = 0;
    early.offer(preview(), () => settled++);
    early.close();
    expect(settled).toBe(1);
  });
});
