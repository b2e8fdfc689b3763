import { readGoals } from '@common-ground/shared/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { jitterReconnects } from '../../client/src/sync/provider';
import { api, type BoardClient, createClientPool } from '../helpers/clients';
import { addGoal } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';
import { seeded, seedFromEnv } from '../reliability/lib/random';

const CLIENTS = 30;
const seed = seedFromEnv('JITTER_SEED', 23);
// Every y-websocket provider in Node adds a process 'exit' listener; thirty of them are expected here.
process.setMaxListeners(4 * CLIENTS);

interface Measured {
  readonly client: BoardClient;
  /** performance.now() of each sync after the restart. */
  resyncedAt: number | null;
}

/** The spread of reconnection times, and the most that came back within any 10 ms window. */
function spread(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  let bunch = 0;
  for (const [i, t] of sorted.entries())
    bunch = Math.max(bunch, sorted.filter((u, j) => j >= i && u - t < 10).length);
  return { spreadMs: (sorted.at(-1) ?? 0) - (sorted[0] ?? 0), bunch, sorted };
}

describe('reconnecting after a server restart: thirty phones with jittered backoff', () => {
  let server: TestServer;
  const pool = createClientPool();

  afterEach(async () => {
    pool.destroyAll();
    await server?.close();
  });

  it('spreads the reconnections over time and every client converges', async () => {
    server = await startTestServer();
    const client = api(server.url);
    const board = await client.createBoard('Stadtteilkonferenz');
    const invite = await client.createInvite(board.boardId, board.token, { role: 'partner' });
    const tokens: string[] = [];
    for (let i = 0; i < CLIENTS; i++) {
      const joined = await client.join({
        code: invite.code,
        name: `Telefon ${i + 1}`,
        partner: { name: `Initiative ${i + 1}`, kind: 'residents' },
      });
      tokens.push(joined.token);
    }
    const phones: Measured[] = tokens.map((token, i) => {
      const phone = pool.connect(server.url, board.boardId, token);
      // One seeded generator per phone: the same delays on every run, still spread as Math.random's would be.
      jitterReconnects(phone.provider, { random: seeded(seed + i).next });
      return { client: phone, resyncedAt: null };
    });
    await Promise.all(phones.map((p) => p.client.synced));

    // The server restarts on the same port with the same data; every phone notices the loss.
    const { port, dataDir } = server;
    await server.close({ keepData: true });
    await waitFor(() => phones.every((p) => !p.client.provider.wsconnected), { message: 'all offline' });
    for (const phone of phones) {
      phone.client.provider.on('sync', (synced: boolean) => {
        if (synced && phone.resyncedAt === null) phone.resyncedAt = performance.now();
      });
    }
    server = await startTestServer({ dataDir, config: { port } });
    const upAt = performance.now();
    await waitFor(() => phones.every((p) => p.resyncedAt !== null), {
      timeout: 20_000,
      message: 'all resynced',
    });

    const times = phones.map((p) => (p.resyncedAt ?? 0) - upAt);
    const { spreadMs, bunch, sorted } = spread(times);
    console.info(
      `reconnect after restart, ${CLIENTS} clients (JITTER_SEED=${seed}): spread ${Math.round(spreadMs)} ms, ` +
        `at most ${bunch} within one 10 ms window, first ${Math.round(sorted[0] ?? 0)} ms, ` +
        `median ${Math.round(sorted[CLIENTS >> 1] ?? 0)} ms, last ${Math.round(sorted.at(-1) ?? 0)} ms after the server was up`,
    );
    // Spread, not lockstep: no timing bounds, only that they did not all come back together.
    expect(spreadMs).toBeGreaterThan(100);
    expect(bunch).toBeLessThan(CLIENTS / 2);

    // All converge: a goal proposed after the restart reaches every phone, and every phone has the same state.
    const writer = pool.connect(server.url, board.boardId, board.token);
    const goalId = await addGoal(server.server, board.boardId, writer, 'Nach dem Neustart', 'Alle sehen es');
    await waitFor(() => phones.every((p) => readGoals(p.client.doc).some((g) => g.id === goalId)), {
      timeout: 10_000,
      message: 'every phone has the goal',
    });
    const titles = phones.map((p) => JSON.stringify(readGoals(p.client.doc)));
    expect(new Set(titles).size).toBe(1);
  });
});
