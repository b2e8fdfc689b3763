import { MessageType } from '@common-ground/shared/protocol';
import { proposeGoal, readGoals } from '@common-ground/shared/schema';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { loadConfig, type SocketLimits } from '../../server/src/config';
import { createClientPool, frames, type RawSocket, type SeededBoard, seedBoard } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

const DEFAULTS = loadConfig({}).socketLimits;

/** The client ids named in an awareness frame; none for any other frame. */
function awarenessClientIds(frame: Uint8Array): number[] {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) !== MessageType.Awareness) return [];
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
  const ids: number[] = [];
  const count = decoding.readVarUint(update);
  for (let i = 0; i < count; i++) {
    ids.push(decoding.readVarUint(update));
    decoding.readVarUint(update);
    decoding.readVarString(update);
  }
  return ids;
}

/** The document a raw socket has been sent so far (its sync step 2 answers and the updates of others). */
function docOf(received: readonly Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const frame of received) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.Sync) continue;
    if (decoding.readVarUint(decoder) === syncProtocol.messageYjsSyncStep1) continue;
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
  }
  return doc;
}

const goalTitles = (received: readonly Uint8Array[]): string[] =>
  readGoals(docOf(received)).map((goal) => goal.title);

/** Sends a sync step 1 and waits for its answer: every frame sent before it has been handled by then. */
async function roundTrip(raw: RawSocket): Promise<void> {
  const answers = raw.received.filter((f) => f[0] === MessageType.Sync && f[1] === 1).length;
  raw.ws.send(frames.syncStep1());
  await waitFor(() => raw.received.filter((f) => f[0] === MessageType.Sync && f[1] === 1).length > answers, {
    message: 'the answer to a sync step 1',
  });
}

describe('presence and per-socket budgets', () => {
  const pool = createClientPool();
  const clock = { now: 1_800_000_000_000 };
  let server: TestServer;
  let board: SeededBoard;
  const start = async (socketLimits: SocketLimits = DEFAULTS) => {
    server = await startTestServer({ config: { now: () => clock.now, socketLimits } });
    board = await seedBoard(server.url);
  };
  afterEach(async () => {
    pool.destroyAll();
    await server.close();
  });

  const raw = (token: string, record = false) =>
    pool.raw(server.url, `/ws/${board.boardId}${record ? '/record' : ''}?token=${token}`);

  it('closes a socket whose presence carries fields the schema does not have; nobody receives it', async () => {
    await start();
    const witness = raw(board.partnerB.token);
    const sender = raw(board.partnerA.token);
    await Promise.all([witness.opened, sender.opened]);
    const junk = { participantId: board.partnerA.participantId, padding: 'x'.repeat(3000) };
    sender.ws.send(frames.awareness([{ clientId: 501, state: junk }]));
    expect((await sender.closed).code).toBe(4403);

    // The witness's own presence comes back to it after anything the room sent it before.
    witness.ws.send(
      frames.awareness([{ clientId: 502, state: { participantId: board.partnerB.participantId } }]),
    );
    await waitFor(() => witness.received.some((f) => awarenessClientIds(f).includes(502)));
    expect(witness.received.some((f) => awarenessClientIds(f).includes(501))).toBe(false);
  });

  it('refuses "editing" from connections that may not write, and accepts the rest of their presence', async () => {
    await start();
    const editing = { goalId: 'g1', field: 'title' };
    const observer = raw(board.observer.token);
    await observer.opened;
    observer.ws.send(
      frames.awareness([
        { clientId: 601, state: { participantId: board.observer.participantId, editing: null } },
      ]),
    );
    await waitFor(() => observer.received.some((f) => awarenessClientIds(f).includes(601)));
    observer.ws.send(
      frames.awareness([
        { clientId: 601, clock: 2, state: { participantId: board.observer.participantId, editing } },
      ]),
    );
    expect((await observer.closed).code).toBe(4403);

    // A partner may edit the board, but nothing on the record document, which only the server writes.
    const onRecord = raw(board.partnerA.token, true);
    await onRecord.opened;
    onRecord.ws.send(
      frames.awareness([{ clientId: 602, state: { participantId: board.partnerA.participantId, editing } }]),
    );
    expect((await onRecord.closed).code).toBe(4403);
  });

  it('relays a real client’s presence, editing included, as the board client sends it', async () => {
    await start();
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const b = pool.connect(server.url, board.boardId, board.partnerB.token);
    await Promise.all([a.synced, b.synced]);
    // What client/src/sync/session.ts announces, then what a focused text field adds.
    a.provider.awareness.setLocalState({ participantId: board.partnerA.participantId, editing: null });
    const editing = { goalId: 'g1', field: 'description' };
    a.provider.awareness.setLocalStateField('editing', editing);
    await waitFor(
      () => b.provider.awareness.getStates().get(a.doc.clientID)?.editing?.field === 'description',
      {
        message: "partner A's editing state at B",
      },
    );
    expect(a.provider.wsconnected).toBe(true);
  });

  it('lets only a bounded part of a 3,000-frame presence flood through; the board stays responsive', async () => {
    await start();
    const flooder = raw(board.partnerA.token);
    const counter = raw(board.observer.token);
    const writer = pool.connect(server.url, board.boardId, board.partnerB.token);
    await Promise.all([flooder.opened, counter.opened, writer.synced]);
    await roundTrip(flooder);

    const participantId = board.partnerA.participantId;
    for (let clock = 1; clock <= 3000; clock++) {
      const editing = clock % 2 ? { goalId: 'g1', field: 'title' } : null;
      flooder.ws.send(frames.awareness([{ clientId: 701, clock, state: { participantId, editing } }]));
    }
    await roundTrip(flooder);
    proposeGoal(writer.doc, { title: 'Trotzdem erreicht', description: '', createdBy: 'b', now: 1 });
    // The edit comes after every presence frame the room sent the counter.
    await waitFor(() => goalTitles(counter.received).includes('Trotzdem erreicht'), {
      message: "the partner's edit at the observer",
    });

    const relayed = counter.received.filter((f) => awarenessClientIds(f).includes(701)).length;
    console.info(`presence flood: ${relayed} of 3000 frames reached another socket`);
    expect(relayed).toBeGreaterThan(0);
    expect(relayed).toBeLessThanOrEqual(DEFAULTS.presenceBurst);
    // Dropped, not closed: presence is ephemeral.
    expect(flooder.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('closes a socket that floods updates past its budget with 4429; a second partner still gets through', async () => {
    const updateBurst = 50;
    await start({ ...DEFAULTS, updateBurst });
    const flooder = raw(board.partnerA.token);
    const writer = pool.connect(server.url, board.boardId, board.partnerB.token);
    const reader = pool.connect(server.url, board.boardId, board.facilitator.token);
    await Promise.all([flooder.opened, writer.synced, reader.synced]);

    const local = new Y.Doc();
    local.on('update', (update: Uint8Array) => {
      if (flooder.ws.readyState === WebSocket.OPEN) flooder.ws.send(frames.update(update));
    });
    for (let i = 0; i < 300; i++) {
      proposeGoal(local, { title: `Flut ${i}`, description: '', createdBy: 'a', now: 1 });
    }
    expect((await flooder.closed).code).toBe(4429);

    proposeGoal(writer.doc, { title: 'Nach der Flut', description: '', createdBy: 'b', now: 1 });
    await waitFor(() => readGoals(reader.doc).some((goal) => goal.title === 'Nach der Flut'), {
      message: "the second partner's edit",
    });
    const flooded = readGoals(reader.doc).filter((goal) => goal.title.startsWith('Flut '));
    expect(flooded.length).toBeLessThanOrEqual(updateBurst);
  });
});
