import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach } from 'vitest';
import { type Config, loadConfig } from '../../server/src/config';
import { createLogger, type Logger } from '../../server/src/log';
import { type RunningServer, startServer } from '../../server/src/server';
import type { Storage } from '../../server/src/storage/types';
import { createClientPool } from './clients';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface TestServer {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** The in-process server: its storage and room registry, for asserting what was (not) stored or loaded. */
  readonly server: RunningServer;
  /** Closes the server and deletes the data directory unless `keepData` (for restart tests). */
  close(options?: { keepData?: boolean }): Promise<void>;
}

export interface TestServerOptions {
  /** Reuse a data directory (restart); a fresh temp directory otherwise. */
  readonly dataDir?: string;
  /** Any config override, e.g. `now` for an injected clock or smaller limits. */
  readonly config?: Partial<Config>;
  /** Storage to use instead of the data directory's SQLite file (fault injection). */
  readonly storage?: Storage;
  /** Logger instead of a silent one (to assert on what the server logged). */
  readonly log?: Logger;
}

export async function makeDataDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'common-ground-test-'));
}

/** An in-process server on a free port with silent logs. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await makeDataDir());
  const config = loadConfig(
    {},
    { port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', ...options.config },
  );
  const server = await startServer(config, options.log ?? createLogger('silent'), {
    storage: options.storage,
  });
  return {
    url: server.url,
    port: server.port,
    dataDir,
    server,
    close: async ({ keepData = false } = {}) => {
      await server.close();
      if (!keepData) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export type ClientPool = ReturnType<typeof createClientPool>;

/** Fails loudly when a fixture field is read outside a test (before its `beforeEach` ran). */
function ready<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} exists only inside a test`);
  return value;
}

export interface ServerFixture {
  readonly server: TestServer;
  readonly pool: ClientPool;
}

/**
 * Registers hooks in the calling `describe`: a fresh server before each test; after it, the pool's clients are
 * destroyed before the server closes (so no reconnect timer outlives it). Read the fields inside tests only.
 */
export function useTestServer(): ServerFixture {
  const pool = createClientPool();
  let server: TestServer | undefined;
  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    pool.destroyAll();
    await server?.close();
    server = undefined;
  });
  return {
    pool,
    get server() {
      return ready(server, 'the test server');
    },
  };
}

export interface ClockedServers {
  readonly pool: ClientPool;
  /** The injected clock of every server started here: tests move `now` forward instead of waiting. */
  readonly clock: { now: number };
  /** A server on the clock, closed after the test; one on a given `dataDir` keeps it (restart tests). */
  start(options?: { dataDir?: string; config?: Partial<Config> }): Promise<TestServer>;
  /** A data directory deleted after the test, to start (and restart) servers on. */
  tempDataDir(): Promise<string>;
}

/** Registers hooks in the calling `describe` for tests that start, stop and restart servers on a fake clock. */
export function useClockedServers(startAt = 1_800_000_000_000): ClockedServers {
  const pool = createClientPool();
  const clock = { now: startAt };
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    pool.destroyAll();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return {
    pool,
    clock,
    start: async ({ dataDir, config } = {}) => {
      const server = await startTestServer({
        ...(dataDir ? { dataDir } : {}),
        config: { now: () => clock.now, ...config },
      });
      cleanups.push(() => server.close({ keepData: dataDir !== undefined }));
      return server;
    },
    tempDataDir: async () => {
      const dir = await makeDataDir();
      cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
      return dir;
    },
  };
}

export interface SpawnedServer {
  readonly port: number;
  readonly url: string;
  readonly pid: number;
  /** Lines the server wrote to stderr (warnings and errors) so far. */
  readonly stderr: string[];
  /** What the server wrote to stdout so far, as it came (log lines, round-table mode's text for the terminal). */
  stdout(): string;
  /** Sends `signal` and resolves when the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** The real entry point in a child process (`node --import tsx server/src/main.ts`), for kill -9 tests. */
export async function spawnServer(options: {
  dataDir: string;
  port?: number;
  /** Extra environment, e.g. limits or TRUST_PROXY. */
  env?: Readonly<Record<string, string>>;
  /** A prebuilt bundle of main.ts to run with plain node (faster restarts); tsx on the source otherwise. */
  entry?: string;
}): Promise<SpawnedServer> {
  const args = options.entry ? [options.entry] : ['--import', 'tsx', 'server/src/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: {
      ...withoutScaleOut(process.env),
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(...chunk.toString().split('\n').filter(Boolean)));
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const port = await readListeningPort(child);
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    stderr,
    stdout: () => stdout,
    kill: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/**
 * CI sets DATABASE_URL and REDIS_URL for the scale-out tests; every other spawned server keeps its own SQLite data
 * directory unless a test passes them in `env` itself.
 */
export function withoutScaleOut(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _db, REDIS_URL: _redis, REDIS_PREFIX: _prefix, ...rest } = env;
  return rest;
}

function readListeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let pending = '';
    let stderr = '';
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      outcome();
    };
    const fail = (message: string) =>
      settle(() => {
        child.kill('SIGKILL');
        reject(new Error(`${message}\nstderr: ${stderr}`));
      });
    const onEarlyExit = (code: number | null) => fail(`server exited early with ${code}`);
    const timer = setTimeout(() => fail('server did not start within 20 s'), 20_000);
    child.once('exit', onEarlyExit);
    // Both pipes stay drained for the child's whole life, or it would block once a pipe buffer fills.
    child.stderr?.on('data', (chunk: Buffer) => {
      if (!settled) stderr += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      if (settled) return;
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === 'listening' && typeof entry.port === 'number') {
          const port = entry.port;
          settle(() => resolve(port));
        }
      }
    });
  });
}
