import fs from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { api, type BoardClient, createClientPool, seedBoard } from '../helpers/clients';
import { makeDataDir, type SpawnedServer, spawnServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';
import { serverBundle } from './lib/bundle';
import { addressNo, websocketFrom } from './lib/proxied';
import { countFromEnv } from './lib/random';

async function rssMiB(pid: number): Promise<number> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/**
 * STORM_CLIENTS (default 500) real providers, each from its own address behind a trusted proxy, with the default
 * rate limits and connection cap: all join at once, then the server is SIGKILLed and restarted under them.
 */
describe('reconnect storm', () => {
  const pool = createClientPool();
  let dataDir = '';
  let server: SpawnedServer | null = null;
  afterAll(async () => {
    pool.destroyAll();
    await server?.kill('SIGKILL');
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('admits every client after a join storm and after a restart storm, and keeps serving', async () => {
    const total = countFromEnv('STORM_CLIENTS', 500);
    dataDir = await makeDataDir();
    const entry = await serverBundle();
    // The boards are seeded from one address, more than the per-address creation limit allows; the storm itself
    // runs under the default limits.
    const env = { TRUST_PROXY: '127.0.0.1', BOARD_CREATE_PER_HOUR: '0' };
    server = await spawnServer({ dataDir, env, entry });
    const port = server.port;
    const boards = await Promise.all(
      Array.from({ length: Math.ceil(total / 20) }, () => seedBoard(server?.url ?? '')),
    );
    const clients: BoardClient[] = [];
    let errors = 0;
    const joinStarted = Date.now();
    for (let i = 0; i < total; i++) {
      const board = boards[Math.floor(i / 20)];
      if (!board) throw new Error('no board');
      const token = [
        board.partnerA.token,
        board.partnerB.token,
        board.observer.token,
        board.facilitator.token,
      ][i % 4];
      const client = pool.connect(server.url, board.boardId, token ?? '', {
        websocket: websocketFrom(addressNo(i + 1)),
      });
      client.provider.on('connection-error', () => errors++);
      clients.push(client);
    }
    await waitFor(() => clients.every((c) => c.provider.synced), { timeout: 120_000, message: 'all joined' });
    const joinMs = Date.now() - joinStarted;
    const rssJoined = await rssMiB(server.pid);

    await server.kill('SIGKILL');
    const restartStarted = Date.now();
    server = await spawnServer({ dataDir, port, env, entry });
    await waitFor(() => clients.every((c) => c.provider.synced), {
      timeout: 120_000,
      message: 'all reconnected',
    });
    const reconnectMs = Date.now() - restartStarted;
    const rssReconnected = await rssMiB(server.pid);
    expect((await api(server.url).request('GET', '/api/health')).status).toBe(200);
    // The restarted server still carries edits between the stormed clients.
    const [a, b] = clients;
    a?.doc.getText('after-storm').insert(0, 'ok');
    await waitFor(() => b?.doc.getText('after-storm').toString() === 'ok', {
      message: 'an edit after the storm',
    });
    const serverErrors = server.stderr.filter((line) => line.includes('"level":"error"'));
    const figures = {
      clients: total,
      joinMs,
      reconnectMs,
      refusedAttempts: errors,
      rssJoined,
      rssReconnected,
    };
    console.info(`[figures] storm: ${JSON.stringify({ ...figures, serverErrors: serverErrors.length })}`);
    expect(serverErrors).toEqual([]);
  });
});
