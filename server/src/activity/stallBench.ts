/**
 * Whether one observer's history request stalls the whole server: a board with a long update log (default 20,000,
 * every 100th an offline batch of 400 edits) is written to a data directory, our server runs on it in a child
 * process, and while the first activity feed and "as of" requests replay the log, a prober in this process asks
 * GET /api/health every 10 ms. A health answer waits for whatever holds the server's event loop, so its latency
 * is the stall every other board and socket sees.
 * Run: `npx tsx server/src/activity/stallBench.ts [updates] [heavyEvery]`. Prints one JSON line; asserts nothing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { randomId } from '@common-ground/shared/schema';
import { hashToken, newToken } from '../auth/secrets';
import { boardDocKey } from '../rooms/docKeys';
import { openSqliteStorage } from '../storage/sqlite/sqliteStorage';
import { BENCH_START, BENCH_STEP_MS, fillBenchLog } from './benchLog';

const UPDATES = Number(process.argv[2] ?? 20_000);
const HEAVY_EVERY = Number(process.argv[3] ?? 100);
const PROBE_EVERY_MS = 10;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const round = (ms: number) => Math.round(ms * 10) / 10;

/** A board with the long log and one facilitator whose token we know. */
async function writeBoard(dataDir: string): Promise<{ boardId: string; token: string; lastAt: number }> {
  const storage = openSqliteStorage(dataDir);
  try {
    const boardId = randomId();
    const token = newToken();
    const people = Array.from({ length: 5 }, () => randomId());
    const participant = (id: string, i: number, tokenHash: string) => ({
      id,
      boardId,
      name: `P${i}`,
      role: 'facilitator' as const,
      partnerId: null,
      color: '#000000',
      tokenHash,
      createdAt: BENCH_START,
    });
    await storage.accounts.createBoard({
      board: { id: boardId, title: 'Bench', createdAt: BENCH_START },
      facilitator: participant(people[0] ?? '', 0, hashToken(token)),
      initialUpdates: [],
    });
    for (const [i, id] of people.entries()) {
      if (i > 0) await storage.accounts.createParticipant(participant(id, i, randomId()));
    }
    const lastAt = await fillBenchLog(storage, boardDocKey(boardId), people, {
      updates: UPDATES,
      heavyEvery: HEAVY_EVERY,
    });
    return { boardId, token, lastAt };
  } finally {
    await storage.close();
  }
}

/** Our server from its sources, with `npm start`'s node flag and the API rate limits off (one prober, many asks). */
async function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--no-memory-reducer', '--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_API_PER_IP: '0',
      RATE_LIMIT_API_PER_TOKEN: '0',
      // The board was seeded into the SQLite file of DATA_DIR: a DATABASE_URL from the shell must not win.
      DATABASE_URL: '',
      REDIS_URL: '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((l) => l.includes('"listening"'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, url };
}

async function stopServer(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** GET /api/health one after another (10 ms apart) until stopped; each latency from send to answer. */
function probeHealth(url: string) {
  const latencies: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const start = performance.now();
      const res = await fetch(`${url}/api/health`);
      await res.arrayBuffer();
      latencies.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      const sorted = [...latencies].sort((a, b) => a - b);
      const at = (q: number) =>
        round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
      return { probes: sorted.length, p50: at(0.5), p99: at(0.99), max: round(sorted.at(-1) ?? 0) };
    },
  };
}

/** One request's time and the health latencies meanwhile. */
async function measure(url: string, token: string, requestPath: string) {
  const probe = probeHealth(url);
  // Probes first, so the prober's own first connection is not part of the figure.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const start = performance.now();
  const res = await fetch(`${url}${requestPath}`, { headers: { Authorization: `Bearer ${token}` } });
  const body = await res.text();
  const ms = round(performance.now() - start);
  const health = await probe.stop();
  if (res.status !== 200) throw new Error(`${requestPath}: ${res.status} ${body}`);
  return { ms, health };
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'common-ground-stall-bench-'));
const servers: ChildProcess[] = [];
try {
  const { boardId, token, lastAt } = await writeBoard(dataDir);
  const past = Math.round((BENCH_START + lastAt) / 2) + 1;
  const board = `/api/boards/${boardId}`;

  const first = await startServer(dataDir);
  servers.push(first.child);
  const idle = await measure(first.url, token, '/api/health');
  const coldActivity = await measure(first.url, token, `${board}/activity?limit=50`);
  const warmAsOf = await measure(first.url, token, `${board}/as-of?at=${past}`);
  await stopServer(first.child);

  const second = await startServer(dataDir);
  servers.push(second.child);
  const coldAsOf = await measure(second.url, token, `${board}/as-of?at=${past}`);
  const earlyAsOf = await measure(
    second.url,
    token,
    `${board}/as-of?at=${BENCH_START + 700 * BENCH_STEP_MS}`,
  );
  await stopServer(second.child);

  console.log(
    JSON.stringify({
      updates: UPDATES,
      heavyEvery: HEAVY_EVERY,
      loadAverage: os.loadavg().map((load) => round(load)),
      idle,
      coldActivity,
      warmAsOf,
      coldAsOf,
      earlyAsOf,
    }),
  );
} finally {
  for (const child of servers) if (child.exitCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
}
