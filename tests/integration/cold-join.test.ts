import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MessageType } from '@common-ground/shared/protocol';
import { readPartners } from '@common-ground/shared/schema';
import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { hashToken } from '../../server/src/auth/secrets';
import { loadConfig } from '../../server/src/config';
import { HookPipeline } from '../../server/src/hooks/pipeline';
import { RateLimiter } from '../../server/src/http/rateLimit';
import { createLogger } from '../../server/src/log';
import { RecordProjector } from '../../server/src/record/projector';
import { recordDocKey } from '../../server/src/rooms/docKeys';
import { LogBudgets } from '../../server/src/rooms/logBudget';
import { syncStep2MessageOf, updateMessage } from '../../server/src/rooms/protocol';
import { RoomRegistry } from '../../server/src/rooms/registry';
import { UNLIMITED_BUDGETS } from '../../server/src/rooms/testSupport';
import { SqliteStorage } from '../../server/src/storage/sqlite/sqliteStorage';
import type { NewParticipant } from '../../server/src/storage/types';
import { createUpgradeHandler } from '../../server/src/ws/upgrade';
import { openRawSocket, type RawSocket } from '../helpers/clients';
import { waitFor, waitForEvent } from '../helpers/wait';

const BOARD = 'coldjoinboard-01';
const NO_RATE_LIMITS = { apiPerIp: 0, apiPerToken: 0, wsPerIp: 0, wsPerToken: 0, trustedProxies: [] };

const participant = (id: string, role: NewParticipant['role']): NewParticipant => ({
  id,
  boardId: BOARD,
  name: id,
  role,
  partnerId: null,
  color: '#1d4ed8',
  tokenHash: hashToken(`token-${id}`),
  createdAt: 0,
});

/**
 * The websocket path of the server (upgrade handler, registry, record projection, SQLite storage) with a hold
 * between reading a document and applying it: the registry's test seam, which the full server does not expose.
 */
async function startColdServer() {
  const storage = new SqliteStorage(new Database(':memory:'));
  await storage.accounts.createBoard({
    board: { id: BOARD, title: 'Runder Tisch', createdAt: 0 },
    facilitator: participant('alice', 'facilitator'),
    initialUpdates: [],
  });
  await storage.accounts.createParticipant(participant('bob', 'partner'));
  const events: string[] = [];
  const held = new Map<string, { reached: () => void; released: Promise<void> }>();
  const hooks = new HookPipeline(createLogger('silent'));
  const rooms = new RoomRegistry(
    {
      storage,
      hooks,
      log: createLogger('silent'),
      now: () => 1000,
      maxDocBytes: 1024 * 1024,
      maxAwarenessBytes: 4096,
      maxEarlyBytes: 2 * 1024 * 1024,
      snapshotEvery: 500,
      budgets: new LogBudgets(UNLIMITED_BUDGETS, () => 1000),
    },
    {
      beforeApply: async (docKey) => {
        const hold = held.get(docKey);
        if (!hold) return;
        held.delete(docKey);
        hold.reached();
        await hold.released;
        events.push('load released');
      },
    },
  );
  // As on the server: a record document that loads is written from storage.
  hooks.register(new RecordProjector(rooms, storage, createLogger('silent')));
  const wss = new WebSocketServer({ noServer: true });
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on(
    'upgrade',
    createUpgradeHandler({
      storage,
      rooms,
      hooks,
      log: createLogger('silent'),
      wss,
      limiter: new RateLimiter(NO_RATE_LIMITS, () => 1000),
      maxConnections: 100,
      maxBufferedBytes: 8 * 1024 * 1024,
      socketLimits: loadConfig({}).socketLimits,
      now: () => 1000,
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sockets: RawSocket[] = [];
  return {
    storage,
    rooms,
    /** What happened, in order: a held load's release, and every frame the clients received ('<client>: <frame>'). */
    events,
    /** Holds the next load of `docKey` between its read and its apply. */
    holdNextLoad(docKey: string) {
      let reached = () => {};
      let release = () => {};
      const reachedPromise = new Promise<void>((resolve) => {
        reached = resolve;
      });
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      held.set(docKey, { reached, released });
      return { reached: reachedPromise, release };
    },
    /** A raw client whose received frames are logged to `events` under `name`. */
    async connect(name: string, path: string): Promise<RawSocket> {
      const socket = openRawSocket(url, path);
      sockets.push(socket);
      socket.ws.on('message', (data: Buffer) =>
        events.push(`${name}: ${describeFrame(new Uint8Array(data))}`),
      );
      await socket.opened;
      return socket;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await rooms.closeAll(1001, 'test');
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await storage.close();
    },
  };
}

type ColdServer = Awaited<ReturnType<typeof startColdServer>>;

function describeFrame(frame: Uint8Array): string {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  if (type !== MessageType.Sync) return type === MessageType.Awareness ? 'awareness' : `type ${type}`;
  return ['sync step 1', 'sync step 2', 'update'][decoding.readVarUint(decoder)] ?? 'sync ?';
}

/** The payloads of the sync step 2 and update frames a socket received, in order. */
function syncPayloads(socket: RawSocket): { step: number; payload: Uint8Array }[] {
  return socket.received.flatMap((frame) => {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.Sync) return [];
    const step = decoding.readVarUint(decoder);
    if (step === syncProtocol.messageYjsSyncStep1) return [];
    return [{ step, payload: decoding.readVarUint8Array(decoder) }];
  });
}

function syncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

function edit(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** Resolves once the server has read every frame the socket sent before: a ping is answered in order. */
async function serverHasRead(socket: RawSocket): Promise<void> {
  const pong = waitForEvent(socket.ws, 'pong');
  socket.ws.ping();
  await pong;
}

const boardPath = (who: string) => `/ws/${BOARD}?token=token-${who}`;
const recordPath = (who: string) => `/ws/${BOARD}/record?token=token-${who}`;

describe('joining a cold board whose stored state is a snapshot', () => {
  let cold: ColdServer;
  beforeEach(async () => {
    cold = await startColdServer();
  });
  afterEach(async () => {
    await cold.close();
  });

  /** Writes `text` to the board and unloads it: storage holds a snapshot with no tail. */
  async function storeSnapshotOnly(text: string): Promise<Uint8Array> {
    await cold.rooms.mutate(BOARD, (doc) => doc.getText('t').insert(0, text));
    // A load waits for the unload before it: once this read is done, the unload's snapshot is stored.
    await cold.rooms.read(BOARD, () => undefined);
    const stored = await cold.storage.log.loadDocument(BOARD);
    if (!stored.snapshot || stored.updates.length > 0) throw new Error('expected a snapshot with no tail');
    return stored.snapshot;
  }

  it('answers an empty sync step 1 from the stored snapshot before the room is ready', async () => {
    const snapshot = await storeSnapshotOnly('Spielplatz');
    const hold = cold.holdNextLoad(BOARD);
    const bob = await cold.connect('bob', boardPath('bob'));
    bob.ws.send(syncStep1(new Y.Doc()));
    await hold.reached;
    await waitFor(() => bob.received.length > 0, { message: 'the preview' });
    expect(cold.rooms.get(BOARD)).toBeUndefined();
    expect(bob.received[0]).toEqual(syncStep2MessageOf(snapshot));

    hold.release();
    await waitFor(() => bob.received.length >= 3, { message: 'the room answering' });
    // The preview, then the room: its own sync step 1, then what changed since the preview (nothing but the
    // delete set), not the whole document a second time.
    expect(cold.events).toEqual([
      'bob: sync step 2',
      'load released',
      'bob: sync step 1',
      'bob: sync step 2',
    ]);
    const [preview, since] = syncPayloads(bob);
    expect(since?.payload.byteLength).toBeLessThan(preview?.payload.byteLength ?? 0);
    const client = new Y.Doc();
    for (const { payload } of syncPayloads(bob)) Y.applyUpdate(client, payload);
    expect(client.getText('t').toString()).toBe('Spielplatz');
  });

  it('applies and stores once what a client sent after the preview, before the room was ready', async () => {
    await storeSnapshotOnly('Spielplatz');
    const before = await cold.storage.log.countUpdates(BOARD);
    const hold = cold.holdNextLoad(BOARD);
    const bob = await cold.connect('bob', boardPath('bob'));
    bob.ws.send(syncStep1(new Y.Doc()));
    await hold.reached;
    await waitFor(() => bob.received.length > 0, { message: 'the preview' });
    bob.ws.send(updateMessage(edit('Bänke ')));
    bob.ws.send(updateMessage(edit('Bäume ')));
    await serverHasRead(bob);
    expect(await cold.storage.log.countUpdates(BOARD)).toBe(before);

    hold.release();
    await waitFor(() => cold.rooms.get(BOARD), { message: 'the room' });
    const room = cold.rooms.get(BOARD);
    if (!room) throw new Error('the room went away');
    await waitFor(() => room.doc.getText('t').length === 'Bänke Bäume Spielplatz'.length, {
      message: 'both edits applied',
    });
    await room.whenIdle();
    expect(await cold.storage.log.countUpdates(BOARD)).toBe(before + 2);

    // Everyone joining later gets them from the room, as stored.
    const alice = await cold.connect('alice', boardPath('alice'));
    alice.ws.send(syncStep1(new Y.Doc()));
    await waitFor(() => syncPayloads(alice).length > 0, { message: 'alice synced' });
    const client = new Y.Doc();
    for (const { payload } of syncPayloads(alice)) Y.applyUpdate(client, payload);
    expect(client.getText('t').toString()).toBe(room.doc.getText('t').toString());
  });

  it('leaves a client with state waiting for the room', async () => {
    await storeSnapshotOnly('Spielplatz');
    const hold = cold.holdNextLoad(BOARD);
    const bob = await cold.connect('bob', boardPath('bob'));
    const offline = new Y.Doc();
    offline.getText('t').insert(0, 'offline ');
    bob.ws.send(syncStep1(offline));
    await hold.reached;
    await serverHasRead(bob);
    expect(bob.received).toHaveLength(0);
    hold.release();
    await waitFor(() => syncPayloads(bob).length > 0, { message: 'the room answering' });
    expect(cold.events.slice(0, 2)).toEqual(['load released', 'bob: sync step 1']);
  });

  it('sends what the load wrote after the read to a client answered from the preview (the record reconciliation)', async () => {
    // The record as stored: reconciled once, then unloaded as a snapshot (stored once the second read loads).
    await cold.rooms.read(recordDocKey(BOARD), () => undefined);
    await cold.rooms.read(recordDocKey(BOARD), () => undefined);
    // A partner storage has and the stored record lacks: the next load writes it.
    await cold.storage.partners.createPartner({
      id: 'mieterverein',
      boardId: BOARD,
      name: 'Mieterverein Südstadt',
      kind: 'residents',
      createdAt: 0,
    });
    const stored = await cold.storage.log.loadDocument(recordDocKey(BOARD));
    expect(stored.updates).toHaveLength(0);

    const hold = cold.holdNextLoad(recordDocKey(BOARD));
    const bob = await cold.connect('bob', recordPath('bob'));
    bob.ws.send(syncStep1(new Y.Doc()));
    await hold.reached;
    await waitFor(() => bob.received.length > 0, { message: 'the preview' });
    const client = new Y.Doc();
    const [preview] = syncPayloads(bob);
    Y.applyUpdate(client, preview?.payload ?? new Uint8Array());
    expect(readPartners(client).map((p) => p.id)).toEqual([]);

    hold.release();
    await waitFor(() => syncPayloads(bob).length >= 2, { message: 'what changed since the preview' });
    for (const { payload } of syncPayloads(bob).slice(1)) Y.applyUpdate(client, payload);
    expect(readPartners(client).map((p) => p.id)).toEqual(['mieterverein']);
    expect(cold.events.indexOf('bob: sync step 2')).toBeLessThan(cold.events.indexOf('load released'));
  });

  it('answers as before when the stored state has a tail: nothing until the room is ready', async () => {
    await storeSnapshotOnly('Spielplatz');
    await cold.storage.log.appendUpdates(BOARD, [{ participantId: null, update: edit('Bänke '), at: 1 }]);
    const hold = cold.holdNextLoad(BOARD);
    const bob = await cold.connect('bob', boardPath('bob'));
    bob.ws.send(syncStep1(new Y.Doc()));
    await hold.reached;
    await serverHasRead(bob);
    expect(bob.received).toHaveLength(0);

    hold.release();
    await waitFor(() => syncPayloads(bob).length > 0, { message: 'the room answering' });
    expect(cold.events).toEqual(['load released', 'bob: sync step 1', 'bob: sync step 2']);
    const client = new Y.Doc();
    for (const { payload } of syncPayloads(bob)) Y.applyUpdate(client, payload);
    // Independent inserts at 0: their order follows the (random) client ids.
    expect(client.getText('t').toString()).toHaveLength('Bänke Spielplatz'.length);
    expect(client.getText('t').toString()).toContain('Bänke ');
  });
});
