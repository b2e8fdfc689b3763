import fs from 'node:fs/promises';
import { goalText, proposeGoal, readGoalStructure, readGoals } from '@common-ground/shared/schema';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ServerLimits } from '../../server/src/config';
import { createClientPool, frames, type RawSocket, seedBoard, upgradeStatus } from '../helpers/clients';
import { makeDataDir, spawnServer, startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';
import { PINNED_UPDATES } from '../reliability/lib/fuzzRegressions';

const NO_RATE_LIMITS = { apiPerIp: 0, apiPerToken: 0, wsPerIp: 0, wsPerToken: 0, trustedProxies: [] };
const pinned = (name: string) =>
  new Uint8Array(Buffer.from(PINNED_UPDATES.find((u) => u.name === name)?.hex ?? '', 'hex'));

/** A sync step 2 frame carrying `update` (what a client sends after connecting). */
function step2(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * About `bytes` of deletions of content no client ever wrote, spread over many client ids: what Yjs keeps as
 * pending deletes and re-processes on every later update.
 */
function pendingDeletes(bytes: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  const clients = Math.ceil(bytes / 2900);
  encoding.writeVarUint(encoder, clients);
  for (let c = 0; c < clients; c++) {
    encoding.writeVarUint(encoder, 0x20000000 + c);
    encoding.writeVarUint(encoder, 1000);
    for (let r = 0; r < 1000; r++) {
      encoding.writeVarUint(encoder, r * 2);
      encoding.writeVarUint(encoder, 1);
    }
  }
  return encoding.toUint8Array(encoder);
}

/** Sends `frame` after an empty sync step 2, as a synced client would, and resolves with the close code. */
async function sendAndAwaitClose(raw: RawSocket, frame: Uint8Array): Promise<number> {
  await raw.opened;
  raw.ws.send(step2(Y.encodeStateAsUpdate(new Y.Doc())));
  raw.ws.send(frame);
  return (await raw.closed).code;
}

const limits = (overrides: Partial<ServerLimits>): ServerLimits => ({
  maxMessageBytes: 4 * 1024 * 1024,
  maxDocBytes: 16 * 1024 * 1024,
  maxAwarenessBytes: 4096,
  maxBodyBytes: 65536,
  maxBufferedBytes: 64 * 1024 * 1024,
  maxConnections: 200,
  ...overrides,
});

describe('a hostile participant cannot break a board', () => {
  const pool = createClientPool();
  const cleanups: (() => Promise<unknown>)[] = [];
  let server: TestServer | null = null;
  afterEach(async () => {
    pool.destroyAll();
    await server?.close();
    server = null;
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('refuses poisoned updates (live and in a sync step 2) with 4400; the board loads after SIGTERM and SIGKILL', async () => {
    const dataDir = await makeDataDir();
    cleanups.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    // Every pinned update is sent by the same partner: no pause after repeated refusals here (see below).
    const env = { WS_REFUSALS_BEFORE_PAUSE: '0' };
    let spawned = await spawnServer({ dataDir, env });
    cleanups.push(() => spawned.kill('SIGKILL'));
    const board = await seedBoard(spawned.url);
    const b = pool.connect(spawned.url, board.boardId, board.partnerB.token);
    await b.synced;
    const goalId = proposeGoal(b.doc, {
      title: 'Spielplatz',
      description: 'Am Park',
      createdBy: 'b',
      now: 1,
    });
    const path = `/ws/${board.boardId}?token=${board.partnerA.token}`;
    for (const { name } of PINNED_UPDATES) {
      const update = pinned(name);
      expect(await sendAndAwaitClose(pool.raw(spawned.url, path), frames.update(update))).toBe(4400);
      expect(await sendAndAwaitClose(pool.raw(spawned.url, path), step2(update))).toBe(4400);
    }
    // B never received any of it, and its own edits still arrive elsewhere.
    // The pinned updates write as clients 0x3fff0001–0x3fff0004.
    const attackerClients = [...Y.decodeStateVector(Y.encodeStateVector(b.doc)).keys()].filter(
      (client) => client > 0x3fff0000 && client < 0x3fff0010,
    );
    expect(attackerClients).toEqual([]);
    goalText(b.doc, goalId, 'title')?.insert(10, ' für alle');
    const c = pool.connect(spawned.url, board.boardId, board.facilitator.token);
    await waitFor(() => goalText(c.doc, goalId, 'title')?.toString() === 'Spielplatz für alle');

    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      pool.destroyAll();
      await spawned.kill(signal);
      spawned = await spawnServer({ dataDir, env });
      const fresh = pool.connect(spawned.url, board.boardId, board.partnerB.token);
      await fresh.synced;
      expect(goalText(fresh.doc, goalId, 'title')?.toString()).toBe('Spielplatz für alle');
    }
  });

  it('takes what a partner types right after reconnecting, before its sync step 2 brought its offline edits', async () => {
    server = await startTestServer({ config: { rateLimits: NO_RATE_LIMITS } });
    const board = await seedBoard(server.url);
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const b = pool.connect(server.url, board.boardId, board.partnerB.token);
    await Promise.all([a.synced, b.synced]);
    const goalId = proposeGoal(a.doc, { title: 'Treffpunkt', description: '', createdBy: 'a', now: 1 });
    await waitFor(() => goalText(b.doc, goalId, 'description') !== null);
    a.provider.disconnect();
    goalText(a.doc, goalId, 'description')?.insert(0, 'offline geschrieben, ');
    // The first keystroke after the socket opens goes out before the server's sync step 1 is even answered.
    const closes: number[] = [];
    a.provider.on('connection-close', (event: CloseEvent | null) => closes.push(event?.code ?? 0));
    a.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'connected') goalText(a.doc, goalId, 'description')?.insert(21, 'dann weiter');
    });
    a.provider.connect();
    await waitFor(
      () => goalText(b.doc, goalId, 'description')?.toString() === 'offline geschrieben, dann weiter',
      {
        message: 'both the offline edit and the keystroke after it to arrive',
      },
    );
    expect(closes).toEqual([]);
    expect(a.provider.wsconnected).toBe(true);
  });

  it('keeps a participant out for a while after three refused updates; others are not affected', async () => {
    server = await startTestServer({ config: { rateLimits: NO_RATE_LIMITS } });
    const board = await seedBoard(server.url);
    const path = `/ws/${board.boardId}?token=${board.partnerA.token}`;
    for (let i = 0; i < 3; i++) {
      expect(
        await sendAndAwaitClose(pool.raw(server.url, path), frames.update(pinned('forward origin'))),
      ).toBe(4400);
    }
    expect(await upgradeStatus(server.url, path)).toBe(429);
    const b = pool.connect(server.url, board.boardId, board.partnerB.token);
    await b.synced;
    expect(b.provider.wsconnected).toBe(true);
  });

  it('loads a board whose log already holds a poisoned entry: the entry is skipped and quarantined', async () => {
    server = await startTestServer({ config: { rateLimits: NO_RATE_LIMITS } });
    const board = await seedBoard(server.url);
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    await a.synced;
    const goalId = proposeGoal(a.doc, { title: 'Bänke', description: '', createdBy: 'a', now: 1 });
    await waitFor(() => server?.server.rooms.get(board.boardId)?.doc.getMap('goals').has(goalId));
    pool.destroyAll();
    await waitFor(() => server?.server.rooms.get(board.boardId) === undefined, { message: 'room unloaded' });
    // As the server before this check stored it: the client's bytes, unapplied.
    const [seq] = await server.server.storage.log.appendUpdates(board.boardId, [
      { participantId: board.partnerA.participantId, update: pinned('forward origin'), at: Date.now() },
    ]);
    await server.server.storage.log.appendUpdates(board.boardId, [
      { participantId: board.partnerA.participantId, update: pinned('pending deletes'), at: Date.now() },
    ]);
    // Read before any room met them: the history passes over them instead of failing.
    const activity = await fetch(`${server.url}/api/boards/${board.boardId}/activity`, {
      headers: { authorization: `Bearer ${board.facilitator.token}` },
    });
    expect(activity.status).toBe(200);
    const fresh = pool.connect(server.url, board.boardId, board.partnerB.token);
    await fresh.synced;
    expect(readGoals(fresh.doc).map((goal) => goal.title)).toEqual(['Bänke']);
    const room = server.server.rooms.get(board.boardId);
    expect(room?.doc.store.pendingDs).toBeNull();
    expect(room?.doc.store.pendingStructs).toBeNull();
    const quarantined = await server.server.storage.log.listQuarantined(board.boardId);
    expect(quarantined.map((entry) => entry.seq)).toEqual([seq, (seq ?? 0) + 1]);
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as Record<string, unknown>;
    expect(health.quarantinedUpdates).toBe(2);
  });

  it('refuses 1.8 MB of pending deletes: no pending state on the server, a partner’s typing keeps arriving', async () => {
    server = await startTestServer({ config: { rateLimits: NO_RATE_LIMITS, limits: limits({}) } });
    const board = await seedBoard(server.url);
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const b = pool.connect(server.url, board.boardId, board.partnerB.token);
    await Promise.all([a.synced, b.synced]);
    const attack = pendingDeletes(1_800_000);
    expect(attack.byteLength).toBeGreaterThan(1_700_000);
    const path = `/ws/${board.boardId}?token=${board.observer.token.replace(/.*/, board.partnerA.token)}`;
    expect(await sendAndAwaitClose(pool.raw(server.url, path), frames.update(attack))).toBe(4400);
    const room = server.server.rooms.get(board.boardId);
    expect(room?.doc.store.pendingDs).toBeNull();
    const goalId = proposeGoal(a.doc, { title: 'Ziel', description: '', createdBy: 'a', now: 1 });
    const text = () => goalText(a.doc, goalId, 'description');
    await waitFor(() => goalText(b.doc, goalId, 'description') !== null);
    const started = Date.now();
    for (let i = 0; i < 20; i++) {
      text()?.insert(i, 'x');
      await waitFor(() => goalText(b.doc, goalId, 'description')?.length === i + 1);
    }
    // Generous: with the pending deletes kept, these 20 keystrokes took 17 s.
    expect(Date.now() - started).toBeLessThan(5000);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
  });

  it('refuses a writer at the size limit with 4413; the facilitator deletes the junk and others write again', async () => {
    server = await startTestServer({
      config: { rateLimits: NO_RATE_LIMITS, limits: limits({ maxDocBytes: 200 * 1024 }) },
    });
    const board = await seedBoard(server.url);
    const junk = pool.raw(server.url, `/ws/${board.boardId}?token=${board.partnerA.token}`);
    await junk.opened;
    const attacker = new Y.Doc();
    const junkText = attacker.getText('junk');
    junkText.insert(0, 'x'.repeat(190 * 1024));
    junk.ws.send(frames.update(Y.encodeStateAsUpdate(attacker)));
    const room = () => server?.server.rooms.get(board.boardId);
    await waitFor(() => room()?.doc.getText('junk').length === 190 * 1024);
    const before = Y.encodeStateVector(attacker);
    junkText.insert(0, 'y'.repeat(20 * 1024));
    junk.ws.send(frames.update(Y.encodeStateAsUpdate(attacker, before)));
    expect((await junk.closed).code).toBe(4413);

    const facilitator = pool.connect(server.url, board.boardId, board.facilitator.token);
    const b = pool.connect(server.url, board.boardId, board.partnerB.token);
    await Promise.all([facilitator.synced, b.synced]);
    facilitator.doc.getText('junk').delete(0, facilitator.doc.getText('junk').length);
    await waitFor(() => room()?.doc.getText('junk').length === 0);
    const goalId = proposeGoal(b.doc, {
      title: 'Nach dem Aufräumen',
      description: '',
      createdBy: 'b',
      now: 2,
    });
    await waitFor(() => facilitator.doc.getMap('goals').has(goalId), { message: 'B’s goal to arrive' });
    expect(b.provider.wsconnected).toBe(true);
  });

  it('refuses a participant whose log budget is used up with 4429; another partner’s edits keep arriving', async () => {
    server = await startTestServer({
      config: {
        rateLimits: NO_RATE_LIMITS,
        logBudget: { participantBytes: 64 * 1024, boardBytes: 1024 * 1024, windowMs: 3_600_000 },
      },
    });
    const board = await seedBoard(server.url);
    const cycler = pool.raw(server.url, `/ws/${board.boardId}?token=${board.partnerA.token}`);
    await cycler.opened;
    const attacker = new Y.Doc();
    const text = attacker.getText('cycle');
    let sent = 0;
    // Insert and delete: the document stays small while the log grows.
    attacker.on('update', (update: Uint8Array) => {
      if (cycler.ws.readyState === cycler.ws.OPEN) cycler.ws.send(frames.update(update));
    });
    while (cycler.ws.readyState === cycler.ws.OPEN && sent < 200) {
      text.insert(0, 'z'.repeat(4096));
      text.delete(0, 4096);
      sent++;
      // One round trip now and then, so the server's close can arrive before the loop ends.
      if (sent % 4 === 0) {
        cycler.ws.send(frames.syncStep1());
        const answered = cycler.received.length;
        await waitFor(() => cycler.ws.readyState !== cycler.ws.OPEN || cycler.received.length > answered);
      }
    }
    expect((await cycler.closed).code).toBe(4429);
    // The log grew by about the budget, not by what was sent.
    const stored = await server.server.storage.log.listUpdates(board.boardId, 0);
    const bytes = stored.reduce((sum, u) => sum + u.update.byteLength, 0);
    expect(bytes).toBeLessThan(64 * 1024 + 16 * 1024);
    const b = pool.connect(server.url, board.boardId, board.partnerB.token);
    const facilitator = pool.connect(server.url, board.boardId, board.facilitator.token);
    await Promise.all([b.synced, facilitator.synced]);
    const goalId = proposeGoal(b.doc, { title: 'Weiter', description: '', createdBy: 'b', now: 3 });
    await waitFor(() => facilitator.doc.getMap('goals').has(goalId));
    // Reconnecting does not refill it: the budget outlives the socket and the room.
    const again = pool.raw(server.url, `/ws/${board.boardId}?token=${board.partnerA.token}`);
    const more = new Y.Doc();
    more.getText('cycle').insert(0, 'noch mehr');
    expect(await sendAndAwaitClose(again, frames.update(Y.encodeStateAsUpdate(more)))).toBe(4429);
    // The operator sees it.
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as Record<string, unknown>;
    expect(health.logBudgetRefusals).toBe(2);
  });

  it('repairs schema-breaking values in the same batch; every replica converges on a valid board', async () => {
    server = await startTestServer({ config: { rateLimits: NO_RATE_LIMITS } });
    const board = await seedBoard(server.url);
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const b = pool.connect(server.url, board.boardId, board.partnerB.token);
    await Promise.all([a.synced, b.synced]);
    a.doc.transact(() => {
      const goal = new Y.Map<unknown>();
      goal.set('title', new Y.Text('T'.repeat(100_000)));
      goal.set('description', new Y.Text('D'.repeat(100_000)));
      goal.set('stage', 'agreed');
      goal.set('rank', 'a0');
      goal.set('lead', 'nicht gültig!');
      goal.set('junk', 'x'.repeat(10_000));
      a.doc.getMap('goals').set('goalHostile00001', goal);
    });
    const valid = (doc: Y.Doc) => {
      const goal = readGoals(doc).find((g) => g.id === 'goalHostile00001');
      return (
        goal?.title.length === 200 &&
        goal.description.length === 20_000 &&
        goal.stage === 'proposed' &&
        readGoalStructure(doc, goal.id).leadPartnerId === null &&
        !(doc.getMap('goals').get(goal.id) as Y.Map<unknown>).has('junk')
      );
    };
    await waitFor(() => valid(a.doc) && valid(b.doc), { message: 'both replicas repaired' });
    const live = server.server.rooms.get(board.boardId);
    expect(live && valid(live.doc)).toBe(true);
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));
    // What storage would reload is the repaired board too.
    const loaded = await server.server.storage.log.loadDocument(board.boardId);
    const reloaded = new Y.Doc();
    if (loaded.snapshot) Y.applyUpdate(reloaded, loaded.snapshot);
    for (const entry of loaded.updates) Y.applyUpdate(reloaded, entry.update);
    expect(valid(reloaded)).toBe(true);
    // The repair is the server's: logged with no participant, right behind the writer's update.
    const writes = loaded.updates.map((u) => u.participantId);
    const hostile = writes.lastIndexOf(board.partnerA.participantId);
    expect(writes.slice(hostile + 1)).not.toHaveLength(0);
    expect(writes.slice(hostile + 1).every((participantId) => participantId === null)).toBe(true);
  });
});
