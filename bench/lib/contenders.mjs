// The contenders: how to start each (own process, data in a file under `dataDir`, or in a fresh PostgreSQL
// database for the engine rows) and how to get a document a client may write to. Only our server's three
// engines work without bench/node_modules.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startOnPostgres } from './cluster.mjs';
import { databaseFor, postgresProblem, redisProblem, tableBytes } from './engines.mjs';
import { benchDir, repoRoot } from './paths.mjs';
import { startProcess } from './process.mjs';

const oursRoot = () => process.env.BENCH_OURS_ROOT ?? repoRoot;

/** Bundles our server (scripts/build-server.mjs → dist/server/main.mjs) from the sources being measured. */
export function buildOurServer() {
  const result = spawnSync(process.execPath, ['scripts/build-server.mjs'], {
    cwd: oursRoot(),
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('could not bundle our server (scripts/build-server.mjs)');
}

const randomName = () => crypto.randomBytes(12).toString('base64url');

/**
 * The node flags of the measured checkout's `npm start` (e.g. `--no-memory-reducer`): the benchmark starts our
 * server as it is started, with the flags kept in one place.
 */
export function ourNodeFlags() {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(oursRoot(), 'package.json'), 'utf8'));
  const flags = /\bnode((?: --[\w-]+(?:=\S+)?)*) dist\/server\/main\.mjs/.exec(scripts?.start ?? '');
  if (flags) return flags[1].trim().split(' ').filter(Boolean);
  // Older checkouts run under tsx started their sources some other way; a bundle must be started as it is.
  if (process.env.BENCH_OURS_RUNNER === 'tsx') return [];
  throw new Error('package.json: the start script does not run node dist/server/main.mjs');
}

/** One process of our server; `extraEnv` goes on top of the benchmark settings. */
function startOurs(name, dataDir, extraEnv) {
  return startProcess({
    name,
    // BENCH_OURS_ROOT runs another checkout of our server (e.g. a clean `git worktree`) with the same harness.
    cwd: oursRoot(),
    // `bundle` (default): node with `npm start`'s flags on the esbuild bundle, as `npm start` runs it; `tsx`: the
    // TypeScript sources through tsx's loader (for checkouts without scripts/build-server.mjs, and to compare).
    args:
      process.env.BENCH_OURS_RUNNER === 'tsx'
        ? [...ourNodeFlags(), '--import', 'tsx', 'server/src/main.ts']
        : [...ourNodeFlags(), 'dist/server/main.mjs'],
    // The anchors have no rate limits, connection cap or log budget; ours are switched off (0) or raised so that
    // the harness's thousands of loopback connections from one address measure the server, not its limiter.
    env: {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_API_PER_IP: '0',
      RATE_LIMIT_API_PER_TOKEN: '0',
      RATE_LIMIT_WS_PER_IP: '0',
      RATE_LIMIT_WS_PER_TOKEN: '0',
      BOARD_CREATE_PER_HOUR: '0',
      WS_UPDATES_PER_SECOND: '0',
      WS_PRESENCE_PER_SECOND: '0',
      MAX_SOCKETS_PER_TOKEN: '0',
      MAX_SOCKETS_PER_IP: '0',
      MAX_CONNECTIONS: '100000',
      // The default is 8 MiB per participant and hour: the 5 MB join fixture alone is 6.3 MB of updates from one
      // participant, and a larger fixture or longer run would be refused (4429) in the middle of its measurement.
      LOG_BUDGET_PARTICIPANT_BYTES: String(2 ** 40),
      LOG_BUDGET_BOARD_BYTES: String(2 ** 40),
      // Empty = unset: the SQLite row must not pick up a DATABASE_URL or REDIS_URL from the harness's shell (CI).
      DATABASE_URL: '',
      REDIS_URL: '',
      REDIS_PREFIX: '',
      ...extraEnv,
    },
  });
}

/** A fresh board made through the API; its creator (facilitator) may write and announce presence. */
async function ourBoard(server) {
  const response = await fetch(`http://127.0.0.1:${server.port}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Benchmark' }),
  });
  if (response.status !== 201) throw new Error(`create board: ${response.status} ${await response.text()}`);
  const { boardId, token, participantId } = await response.json();
  return {
    docName: boardId,
    participantId,
    target: (port) => ({
      url: `ws://127.0.0.1:${port}/ws/${boardId}?token=${token}`,
      framing: 'yws',
      docName: boardId,
      token,
    }),
  };
}

export const CONTENDERS = {
  ours: {
    label: 'Common Ground (SQLite)',
    framing: 'yws',
    /** `extraEnv` overrides our server's configuration (the cold shape turns snapshots off with it). */
    start: (dataDir, extraEnv = {}) => startOurs('ours', dataDir, extraEnv),
    newDoc: ourBoard,
  },
  'ours-pg': {
    label: 'Common Ground (PostgreSQL)',
    framing: 'yws',
    engine: true,
    unavailable: postgresProblem,
    start: (dataDir, extraEnv = {}) =>
      startOnPostgres(startOurs, { name: 'ours-pg', dataDir, extraEnv, instances: 1 }),
    newDoc: ourBoard,
    /** What the cold shape reports as "data on disk": the tables, not the empty database's catalog. */
    storedBytes: async (dataDir) => tableBytes(await databaseFor(dataDir)),
  },
  'ours-pg-redis': {
    label: 'Common Ground (PostgreSQL + Redis, 2 instances)',
    framing: 'yws',
    engine: true,
    unavailable: async () => (await postgresProblem()) ?? (await redisProblem()),
    start: (dataDir, extraEnv = {}) =>
      startOnPostgres(startOurs, { name: 'ours-pg-redis', dataDir, extraEnv, instances: 2 }),
    newDoc: ourBoard,
    storedBytes: async (dataDir) => tableBytes(await databaseFor(dataDir)),
  },
  hocuspocus: {
    label: 'Hocuspocus 4.7 + extension-sqlite',
    framing: 'hocus',
    start: (dataDir) =>
      startProcess({
        name: 'hocuspocus',
        cwd: benchDir,
        args: [path.join(benchDir, 'servers/hocuspocus.mjs')],
        env: { DATA_DIR: dataDir },
      }),
    newDoc: async () => anchorDoc('hocus'),
  },
  ywss: {
    label: '@y/websocket-server 0.1.1 + LevelDB',
    framing: 'yws',
    start: (dataDir) =>
      startProcess({
        name: 'ywss',
        cwd: benchDir,
        args: [path.join(benchDir, 'servers/ywss.mjs')],
        env: { DATA_DIR: dataDir },
      }),
    newDoc: async () => anchorDoc('yws'),
  },
  // Only when named in --only: a reference, not an anchor (no ratio is taken against it).
  'ywss-sqlite': {
    label: '@y/websocket-server 0.1.1 storing each update in SQLite before sending it (reference)',
    framing: 'yws',
    start: (dataDir) =>
      startProcess({
        name: 'ywss-sqlite',
        cwd: benchDir,
        args: [path.join(benchDir, 'servers/ywss-sqlite.mjs')],
        env: { DATA_DIR: dataDir },
      }),
    newDoc: async () => anchorDoc('yws'),
  },
};

function anchorDoc(framing) {
  const docName = randomName();
  // Both anchors accept any token; the id only has to look like ours for the shared awareness state.
  const participantId = randomName().slice(0, 16);
  return {
    docName,
    participantId,
    target: (port) => ({
      url: framing === 'hocus' ? `ws://127.0.0.1:${port}/` : `ws://127.0.0.1:${port}/${docName}`,
      framing,
      docName,
      token: 'bench',
    }),
  };
}
