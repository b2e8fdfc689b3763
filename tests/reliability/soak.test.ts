import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type BoardClient, connectBoard, type SeededBoard, seedBoard } from '../helpers/clients';
import { makeDataDir } from '../helpers/server';
import { waitFor } from '../helpers/wait';
import { watchMemory } from './lib/memoryWatch';
import { countFromEnv, seeded } from './lib/random';
import { type SoakServer, startSoakServer } from './lib/soakProcess';

/** Issue 28: a small community-centre laptop or a 1 GB VM must survive the server's peak. */
const SERVER_HEAP_PEAK_MIB = 256;

/** Limits off: the run measures memory under churn, not the per-person limits (tests/integration/ws-*). */
const UNLIMITED_ENV = {
  RATE_LIMIT_API_PER_IP: '0',
  RATE_LIMIT_API_PER_TOKEN: '0',
  RATE_LIMIT_WS_PER_IP: '0',
  RATE_LIMIT_WS_PER_TOKEN: '0',
  WS_UPDATES_PER_SECOND: '0',
  MAX_SOCKETS_PER_TOKEN: '0',
  MAX_SOCKETS_PER_IP: '0',
};

/**
 * SOAK_SECONDS (default 180) of 50 clients on 5 boards editing, connecting and disconnecting at seeded random
 * moments. The server runs in a process of its own (as `npm start` runs it), so its memory is measured apart from
 * the clients': its heap peak (garbage included, exact at every collection) stays under SERVER_HEAP_PEAK_MIB.
 * After the clients leave: no room stays loaded, the server's heap (after GC) is back near its baseline, and the
 * server logged no error.
 */
describe('soak', () => {
  let server: SoakServer | undefined;
  let dataDir = '';
  afterAll(async () => {
    await server?.close();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('stays bounded and returns to baseline over a long run of churning clients', async () => {
    const seconds = countFromEnv('SOAK_SECONDS', 180);
    const random = seeded(countFromEnv('SOAK_SEED', 5));
    dataDir = await makeDataDir();
    const soak = await startSoakServer({ dataDir, env: UNLIMITED_ENV });
    server = soak;
    const boards: SeededBoard[] = await Promise.all(Array.from({ length: 5 }, () => seedBoard(soak.url)));
    const baseline = await soak.stats({ gc: true });
    // SOAK_HEAP_SNAPSHOTS=<dir>: the server's heap at baseline, halfway (every room busy) and after, to compare.
    const snapshotDir = process.env.SOAK_HEAP_SNAPSHOTS;
    const snapshot = async (name: string) => {
      if (snapshotDir) await soak.heapSnapshot(path.join(snapshotDir, `soak-${name}.heapsnapshot`));
    };
    await snapshot('baseline');
    // The clients' own memory (their documents and sockets live in this process), for comparison only.
    const clientMemory = watchMemory();
    const deadline = Date.now() + seconds * 1000;
    let sessions = 0;
    let edits = 0;

    const churn = async (n: number): Promise<void> => {
      const board = boards[n % boards.length];
      if (!board) return;
      const token = [board.partnerA.token, board.partnerB.token, board.facilitator.token][n % 3] ?? '';
      while (Date.now() < deadline) {
        const client: BoardClient = connectBoard(soak.url, board.boardId, token);
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
    const halfway = setTimeout(() => void snapshot('busy'), (seconds * 1000) / 2);
    await Promise.all(Array.from({ length: 50 }, (_, n) => churn(n)));
    clearTimeout(halfway);
    const clients = clientMemory.stop();

    // Documents the server wrote with no socket on them (the record's authors) stay loaded for ROOM_LINGER_MS (10 s).
    await waitFor(async () => (await soak.stats()).rooms === 0, {
      timeout: 25_000,
      interval: 100,
      message: 'every room unloaded',
    });
    const after = await soak.stats({ gc: true });
    await snapshot('after');
    // SOAK_ALLOCATION_PROFILE=<file>: everything the server allocated (garbage included), by call stack.
    const allocations = process.env.SOAK_ALLOCATION_PROFILE;
    if (allocations) await soak.allocationProfile(allocations);
    const { memory } = after;
    console.info(
      `[figures] soak: ${JSON.stringify({
        seconds,
        clients: 50,
        sessions,
        edits,
        serverHeapBaselineMiB: baseline.heapUsedMiB,
        serverHeapPeakMiB: memory.heapPeakMiB,
        serverHeapLivePeakMiB: memory.heapLivePeakMiB,
        serverHeapCommittedPeakMiB: memory.heapCommittedPeakMiB,
        serverArrayBuffersPeakMiB: memory.arrayBuffersPeakMiB,
        serverRssBaselineMiB: baseline.rssMiB,
        serverRssPeakMiB: memory.rssPeakMiB,
        serverHeapAfterMiB: after.heapUsedMiB,
        serverCollections: memory.collections,
        clientsHeapPeakMiB: clients.heapPeakMiB,
        clientsHeapLivePeakMiB: clients.heapLivePeakMiB,
        clientsRssPeakMiB: clients.rssPeakMiB,
        errors: soak.errors.length,
      })}`,
    );
    expect(soak.errors).toEqual([]);
    expect(memory.heapPeakMiB).toBeLessThanOrEqual(SERVER_HEAP_PEAK_MIB);
    expect(after.heapUsedMiB).toBeLessThan(baseline.heapUsedMiB + 16);
  });
});
