import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config';
import { createLogger } from '../../server/src/log';
import { type BoardClient, connectBoard, type SeededBoard, seedBoard } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';
import { countFromEnv, seeded } from './lib/random';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapAfterGcMiB(): number {
  for (let i = 0; i < 3; i++) gc();
  return Math.round((process.memoryUsage().heapUsed / 1024 / 1024) * 10) / 10;
}

/**
 * SOAK_SECONDS (default 180) of 50 clients on 5 boards editing, connecting and disconnecting at seeded random
 * moments. After they leave: no room stays loaded, no socket stays open, the heap (after GC) is back near its
 * baseline, and the server logged no error.
 */
describe('soak', () => {
  let server: TestServer;
  const errors: string[] = [];
  afterAll(() => server.close());

  it('returns to baseline after a long run of churning clients', async () => {
    const seconds = countFromEnv('SOAK_SECONDS', 180);
    const random = seeded(countFromEnv('SOAK_SEED', 5));
    server = await startTestServer({
      log: createLogger('warn', (level, line) => {
        if (level === 'error') errors.push(line);
      }),
      // Limits off: the run measures memory under churn, not the per-person limits (tests/integration/ws-*).
      config: {
        rateLimits: { apiPerIp: 0, apiPerToken: 0, wsPerIp: 0, wsPerToken: 0, trustedProxies: [] },
        socketLimits: { ...loadConfig({}).socketLimits, updatesPerSecond: 0, perToken: 0, perAddress: 0 },
      },
    });
    const boards: SeededBoard[] = await Promise.all(Array.from({ length: 5 }, () => seedBoard(server.url)));
    const baseline = heapAfterGcMiB();
    const deadline = Date.now() + seconds * 1000;
    let sessions = 0;
    let edits = 0;
    let peak = 0;

    const churn = async (n: number): Promise<void> => {
      const board = boards[n % boards.length];
      if (!board) return;
      const token = [board.partnerA.token, board.partnerB.token, board.facilitator.token][n % 3] ?? '';
      while (Date.now() < deadline) {
        const client: BoardClient = connectBoard(server.url, board.boardId, token);
        sessions++;
        try {
          await client.synced;
          const stay = Date.now() + random.int(500, 5000);
          const text = client.doc.getText(`notes-${n}`);
          while (Date.now() < Math.min(stay, deadline)) {
            text.insert(random.int(0, text.length), `${n}.${edits++} `);
            if (text.length > 2000) text.delete(0, 500);
            await new Promise((resolve) => setTimeout(resolve, random.int(20, 200)));
          }
        } finally {
          client.destroy();
        }
        await new Promise((resolve) => setTimeout(resolve, random.int(50, 1000)));
      }
    };
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().heapUsed / 1024 / 1024);
    }, 1000);
    await Promise.all(Array.from({ length: 50 }, (_, n) => churn(n)));
    clearInterval(sampler);

    await waitFor(() => server.server.rooms.size === 0, { timeout: 10_000, message: 'every room unloaded' });
    const after = heapAfterGcMiB();
    console.info(
      `[figures] soak: ${JSON.stringify({ seconds, clients: 50, sessions, edits, heapBaselineMiB: baseline, heapPeakMiB: Math.round(peak), heapAfterMiB: after, errors: errors.length })}`,
    );
    expect(errors).toEqual([]);
    expect(after).toBeLessThan(baseline + 16);
  });
});
