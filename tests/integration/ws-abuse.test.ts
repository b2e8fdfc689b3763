import { proposeGoal, readGoals } from '@common-ground/shared/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClientPool, editUpdate, frames, type SeededBoard, seedBoard } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

/** Deterministic "random" bytes (a fixed LCG), so a failure can be replayed. */
function noise(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    bytes[i] = state >> 16;
  }
  return bytes;
}

describe('hostile websocket input', () => {
  let server: TestServer;
  let board: SeededBoard;
  const pool = createClientPool();

  beforeEach(async () => {
    server = await startTestServer();
    board = await seedBoard(server.url);
  });
  afterEach(async () => {
    pool.destroyAll();
    await server.close();
  });

  /** Sends `frame` (after `setup` frames) on a partner's raw socket and returns the close code. */
  async function closeCodeFor(frame: Uint8Array, token = board.partnerA.token, setup: Uint8Array[] = []) {
    const raw = pool.raw(server.url, `/ws/${board.boardId}?token=${token}`);
    await raw.opened;
    for (const earlier of setup) raw.ws.send(earlier);
    raw.ws.send(frame);
    return (await raw.closed).code;
  }

  /** Two real clients still sync through the same room, and the log grew only by their edit. */
  async function assertHealthy(logBefore: number, title: string): Promise<void> {
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const b = pool.connect(server.url, board.boardId, board.partnerB.token);
    await Promise.all([a.synced, b.synced]);
    proposeGoal(a.doc, { title, description: '', createdBy: 'a', now: 1 });
    await waitFor(() => readGoals(b.doc).some((g) => g.title === title), { message: 'a healthy sync' });
    expect(readGoals(b.doc).map((g) => g.title)).toEqual([title]);
    expect(await server.server.storage.log.countUpdates(board.boardId)).toBe(logBefore + 1);
  }

  it.each([
    ['random bytes', noise(64, 7), 4400],
    ['an unknown message type', new Uint8Array([42, 0]), 4400],
    [
      'a truncated update',
      frames.update(editUpdate((d) => d.getText('t').insert(0, 'abcdef'))).slice(0, -4),
      4400,
    ],
    ['an update that is not a Yjs update', frames.update(noise(32, 11)), 4400],
    ['a 3 MiB frame', frames.update(new Uint8Array(3 * 1024 * 1024)), 1009],
  ])('closes the socket on %s and keeps serving others', async (_name, frame, code) => {
    const before = await server.server.storage.log.countUpdates(board.boardId);
    expect(await closeCodeFor(frame)).toBe(code);
    await assertHealthy(before, 'Weiter geht’s');
  });

  it('closes a socket that sets awareness for another participant or a foreign client id', async () => {
    const before = await server.server.storage.log.countUpdates(board.boardId);
    const own = (clientId: number) => ({ clientId, state: { participantId: board.partnerA.participantId } });
    const claimsB = frames.awareness([
      { clientId: 1, state: { participantId: board.partnerB.participantId } },
    ]);
    expect(await closeCodeFor(claimsB)).toBe(4403);
    expect(await closeCodeFor(frames.awareness([own(1), own(2)]))).toBe(4403);
    expect(await closeCodeFor(frames.awareness([own(2)]), undefined, [frames.awareness([own(1)])])).toBe(
      4403,
    );

    const b = pool.connect(server.url, board.boardId, board.partnerB.token, {
      participantId: board.partnerB.participantId,
    });
    await b.synced;
    await waitFor(() => server.server.rooms.get(board.boardId)?.awareness.getStates().has(b.doc.clientID));
    const hijack = frames.awareness([{ clientId: b.doc.clientID, clock: 99, state: own(0).state }]);
    expect(await closeCodeFor(hijack)).toBe(4403);
    expect(server.server.rooms.get(board.boardId)?.awareness.getStates().get(b.doc.clientID)).toEqual({
      participantId: board.partnerB.participantId,
    });
    await assertHealthy(before, 'Nach dem Angriff');
  });

  it('relays valid presence and removes it when the socket drops without saying goodbye', async () => {
    const b = pool.connect(server.url, board.boardId, board.partnerB.token, {
      participantId: board.partnerB.participantId,
    });
    await b.synced;
    const raw = pool.raw(server.url, `/ws/${board.boardId}?token=${board.partnerA.token}`);
    await raw.opened;
    raw.ws.send(
      frames.awareness([{ clientId: 4242, state: { participantId: board.partnerA.participantId } }]),
    );
    await waitFor(
      () => b.provider.awareness.getStates().get(4242)?.participantId === board.partnerA.participantId,
    );
    raw.ws.terminate();
    await waitFor(() => !b.provider.awareness.getStates().has(4242), { message: 'presence removed' });
  });
});
