import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { recordDocKey } from './docKeys';
import { PreviewBoard, type PreviewWaiter, SnapshotPreview } from './previews';
import { syncStep2MessageOf } from './protocol';
import { type RegistryOptions, RoomRegistry } from './registry';
import { clientEdit, createTestRooms, FakeConnection, join } from './testSupport';

/** A board document stored as a snapshot with no tail (the last connection left, the room unloaded). */
async function snapshotOnlyBoard(options: RegistryOptions = {}) {
  const setup = await createTestRooms();
  const alice = new FakeConnection('alice');
  const room = await join(setup.rooms, 'board-1', alice);
  room.applyClientUpdate(alice, clientEdit('Spielplatz'));
  await room.whenIdle();
  setup.rooms.disconnect(room, alice);
  await setup.rooms.closeAll(1001, 'test');
  const stored = await setup.storage.log.loadDocument('board-1');
  if (!stored.snapshot || stored.updates.length > 0) throw new Error('expected a snapshot with no tail');
  return { ...setup, snapshot: stored.snapshot, rooms: new RoomRegistry(setup.deps, options) };
}

/** Lets the event loop run `n` times round (each time through its poll and check phases). */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A waiter that records what it was offered; it settles only when told to. */
function recordingWaiter(events: string[]) {
  const offers: { preview: SnapshotPreview; settled: () => void }[] = [];
  const waiter: PreviewWaiter = {
    offer: (preview, settled) => {
      events.push('offered');
      offers.push({ preview, settled });
    },
  };
  return { waiter, offers };
}

describe('previews of documents being loaded', () => {
  it('offers the stored snapshot after the read and before the apply, and waits for the waiter to settle', async () => {
    const events: string[] = [];
    const { rooms, snapshot } = await snapshotOnlyBoard({
      beforeApply: async () => {
        events.push('apply');
      },
    });
    const { waiter, offers } = recordingWaiter(events);
    const alice = new FakeConnection('alice');
    const joining = rooms
      .connect('board-1', alice, () => true, waiter)
      .then((room) => {
        events.push('ready');
        return room;
      });
    await turns(1);
    // Published, the apply not started: the waiter has not settled yet.
    expect(events).toEqual(['offered']);
    const offer = offers[0];
    if (!offer) throw new Error('no offer');
    expect(offer.preview.message).toEqual(syncStep2MessageOf(snapshot));
    expect(offer.preview.stateVector).toBeNull();
    expect(rooms.get('board-1')).toBeUndefined();
    events.push('settled');
    offer.settled();
    const room = await joining;
    expect(events).toEqual(['offered', 'settled', 'apply', 'ready']);
    expect(room?.connections.has(alice)).toBe(true);
    // The state the preview carried, as the snapshot itself says.
    expect(offer.preview.stateVector).toEqual(Y.encodeStateVectorFromUpdate(snapshot));

    // Withdrawn once the room is ready: a later joiner is answered by the room.
    const later = recordingWaiter([]);
    await rooms.connect('board-1', new FakeConnection('bob'), () => true, later.waiter);
    expect(later.offers).toHaveLength(0);
  });

  it('offers the preview to a waiter that arrives while the load waits, and waits for it too', async () => {
    const events: string[] = [];
    const { rooms } = await snapshotOnlyBoard({ beforeApply: async () => void events.push('apply') });
    const first = recordingWaiter(events);
    const second = recordingWaiter(events);
    const joining = rooms.connect('board-1', new FakeConnection('alice'), () => true, first.waiter);
    await turns(1);
    const joiningToo = rooms.connect('board-1', new FakeConnection('bob'), () => true, second.waiter);
    expect(second.offers[0]?.preview).toBe(first.offers[0]?.preview);
    first.offers[0]?.settled();
    // Long enough for the load to have applied if it waited for the first waiter only.
    await turns(4);
    expect(events).toEqual(['offered', 'offered']);
    second.offers[0]?.settled();
    const [a, b] = await Promise.all([joining, joiningToo]);
    expect(a).toBe(b);
    expect(events).toEqual(['offered', 'offered', 'apply']);
  });

  it('applies after previewWaitMs even if a waiter never settles', async () => {
    const { rooms } = await snapshotOnlyBoard({ previewWaitMs: 1 });
    const silent = recordingWaiter([]);
    const room = await rooms.connect('board-1', new FakeConnection('alice'), () => true, silent.waiter);
    expect(silent.offers).toHaveLength(1);
    expect(room?.doc.getText('t').toString()).toBe('Spielplatz');
  });

  it('publishes nothing for a document with a tail, or with no snapshot', async () => {
    const { rooms, storage } = await snapshotOnlyBoard();
    await storage.log.appendUpdates('board-1', [{ participantId: null, update: clientEdit('Bänke'), at: 1 }]);
    const withTail = recordingWaiter([]);
    await rooms.connect('board-1', new FakeConnection('alice'), () => true, withTail.waiter);
    expect(withTail.offers).toHaveLength(0);
    const fresh = recordingWaiter([]);
    await rooms.connect(
      recordDocKey('board-1'),
      new FakeConnection('alice', false),
      () => true,
      fresh.waiter,
    );
    expect(fresh.offers).toHaveLength(0);
  });

  it('withdraws the preview when the load fails', async () => {
    let fail = true;
    const { rooms } = await snapshotOnlyBoard({
      beforeApply: async () => {
        if (fail) throw new Error('disk gone');
      },
    });
    const waiter = recordingWaiter([]);
    const joining = rooms.connect('board-1', new FakeConnection('alice'), () => true, waiter.waiter);
    await turns(1);
    waiter.offers[0]?.settled();
    await expect(joining).rejects.toThrow('disk gone');
    fail = false;
    const retry = recordingWaiter([]);
    const room = await rooms.connect('board-1', new FakeConnection('alice'), () => true, retry.waiter);
    // A fresh load with a fresh preview, whose state vector the failed one never got.
    expect(retry.offers[0]?.preview).not.toBe(waiter.offers[0]?.preview);
    expect(waiter.offers[0]?.preview.stateVector).toBeNull();
    expect(room?.doc.getText('t').toString()).toBe('Spielplatz');
  });
});

describe('PreviewBoard', () => {
  const preview = (): SnapshotPreview => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x');
    const made = SnapshotPreview.of({ snapshot: Y.encodeStateAsUpdate(doc), snapshotSeq: 1, updates: [] });
    if (!made) throw new Error('a snapshot with no tail has a preview');
    return made;
  };

  it('offers nothing once withdrawn, and stops waiting for a waiter that leaves', async () => {
    const board = new PreviewBoard();
    const shown = preview();
    board.publish('d', shown);
    board.withdraw('d', shown);
    const late = recordingWaiter([]);
    board.watch('d', late.waiter)();
    expect(late.offers).toHaveLength(0);

    const next = preview();
    board.publish('d', next);
    const leaving = recordingWaiter([]);
    const unwatch = board.watch('d', leaving.waiter);
    const settled = board.settled('d', 60_000);
    unwatch();
    await settled;
    expect(leaving.offers).toHaveLength(1);
  });
});
