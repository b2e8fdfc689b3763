import { EventEmitter } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/src/log';
import { supervise } from '../../server/src/supervise/supervisor';
import { closePipes, cpuTicks, isAlive, type JsonLine, killChildren, spawnNode } from '../helpers/child';
import { api, createClientPool, seedBoard } from '../helpers/clients';
import { makeDataDir } from '../helpers/server';
import { waitFor } from '../helpers/wait';
import { serverBundle } from '../reliability/lib/bundle';

const CRASHING = 'tests/integration/fixtures/crashing-server.ts';
const FLAKY = 'tests/integration/fixtures/flaky-server.mjs';
const SUPERVISOR = 'server/src/supervise/main.ts';

const msg = (text: string) => (entry: JsonLine) => entry.msg === text;

async function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'common-ground-process-'));
}

afterEach(() => killChildren());

describe('the server with its log pipes closed', () => {
  const pool = createClientPool();
  afterEach(() => pool.destroyAll());

  it('keeps serving without spinning, and SIGTERM still ends it with 0', async () => {
    const dataDir = await makeDataDir();
    try {
      const server = spawnNode(['--no-memory-reducer', await serverBundle()], {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        // Every websocket refusal below is logged: each line is a write into the closed pipe.
        LOG_LEVEL: 'debug',
      });
      const { url } = (await server.line(msg('listening'), 'listening')) as { url: string };
      closePipes(server);

      const board = await seedBoard(url);
      for (let i = 0; i < 3; i++) {
        const raw = pool.raw(url, `/ws/${board.boardId}?token=${board.partnerA.token}`);
        await raw.opened;
        raw.ws.send(new Uint8Array([42, 0]));
        expect((await raw.closed).code).toBe(4400);
      }
      expect((await api(url).request('GET', '/api/health')).status).toBe(200);
      await seedBoard(url);

      // The defect spun at ~90% of a core; idle, the server uses next to nothing. Generous for a busy machine.
      const before = await cpuTicks(server.pid);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const used = (await cpuTicks(server.pid)) - before;
      expect(used, 'CPU ticks (1/100 s) in 2 s of idleness').toBeLessThan(40);

      server.process.kill('SIGTERM');
      expect(await server.exited(10_000)).toEqual({ code: 0, signal: null });
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a crash ends the process', () => {
  it('logs an uncaught exception with its stack, tries to close, and exits 1', async () => {
    const child = spawnNode(['--import', 'tsx', CRASHING, 'throw']);
    await child.line(msg('ready'), 'ready');
    child.process.kill('SIGUSR2');
    expect(await child.exited(10_000)).toEqual({ code: 1, signal: null });
    const crash = child.lines.find(({ entry }) => entry.msg === 'uncaught exception');
    expect(crash?.stream).toBe('stderr');
    expect(crash?.entry).toMatchObject({
      level: 'error',
      error: { name: 'Error', message: 'boom', stack: expect.stringContaining('crashing-server.ts') },
    });
    expect(child.lines.some(({ entry }) => entry.msg === 'closing')).toBe(true);
  });

  it('exits 1 on an unhandled rejection while both log pipes are closed', async () => {
    const child = spawnNode(['--import', 'tsx', CRASHING, 'reject']);
    await child.line(msg('ready'), 'ready');
    closePipes(child);
    child.process.kill('SIGUSR2');
    expect(await child.exited(10_000)).toEqual({ code: 1, signal: null });
  });

  it('exits 1 when closing after a crash hangs', async () => {
    const child = spawnNode(['--import', 'tsx', CRASHING, 'hang']);
    await child.line(msg('ready'), 'ready');
    child.process.kill('SIGUSR2');
    expect(await child.exited(10_000)).toEqual({ code: 1, signal: null });
    expect(child.lines.map(({ entry }) => entry.msg)).toContain('shutdown did not finish in time; exiting');
  });

  it('exits 1 when closing after SIGTERM hangs, also on a repeated SIGTERM', async () => {
    const child = spawnNode(['--import', 'tsx', CRASHING, 'hang']);
    await child.line(msg('ready'), 'ready');
    child.process.kill('SIGTERM');
    await child.line(msg('closing'), 'closing');
    child.process.kill('SIGTERM');
    expect(await child.exited(10_000)).toEqual({ code: 1, signal: null });
  });
});

describe('the supervisor of npm start', () => {
  it('restarts a crashing server with doubling delays and stops it on SIGTERM', async () => {
    const dir = await tempDir();
    try {
      const supervisor = spawnNode(['--import', 'tsx', SUPERVISOR, 'node', FLAKY, path.join(dir, 'starts')]);
      const up = await supervisor.line(msg('up'), 'the third start staying up');
      expect(up.starts).toBe(3);
      const restarts = supervisor.lines.filter(({ entry }) => entry.msg === 'server exited; restarting');
      expect(restarts.map(({ entry }) => [entry.code, entry.delayMs])).toEqual([
        [1, 500],
        [1, 1000],
      ]);
      const starts = supervisor.lines.filter(({ entry }) => entry.msg === 'server started');
      expect(starts).toHaveLength(3);
      // The delays really passed: 0.5 s + 1 s between the first and the third start (timers never fire early).
      const [first, , third] = starts;
      expect((third?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1450);

      supervisor.process.kill('SIGTERM');
      expect(await supervisor.exited(10_000)).toEqual({ code: 0, signal: null });
      expect(isAlive(Number(up.pid))).toBe(false);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('stays quiet and alive while its own log pipes are closed', async () => {
    const dir = await tempDir();
    try {
      const supervisor = spawnNode(['--import', 'tsx', SUPERVISOR, 'node', FLAKY, path.join(dir, 'starts')]);
      await supervisor.line(msg('server started'), 'the first start');
      closePipes(supervisor);
      // Two crashes and restarts are logged into the closed pipe; the third start stays up.
      await waitFor(async () => (await fs.readFile(path.join(dir, 'starts'), 'utf8')) === '3', {
        timeout: 15_000,
        message: 'the third start',
      });
      supervisor.process.kill('SIGTERM');
      expect(await supervisor.exited(10_000)).toEqual({ code: 0, signal: null });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('kills a server that ignores the forwarded signal and exits 1', async () => {
    const dir = await tempDir();
    try {
      const ready = path.join(dir, 'pid');
      // Writes its pid once its SIGTERM handler is in place, so the signal cannot arrive before it.
      const stubborn = `process.on('SIGTERM', () => {}); require('fs').writeFileSync(${JSON.stringify(ready)}, String(process.pid)); setInterval(() => {}, 60_000);`;
      const signals = new EventEmitter();
      const code = supervise({
        command: process.execPath,
        args: ['-e', stubborn],
        log: createLogger('silent'),
        stopGraceMs: 500,
        signals,
      });
      const pid = Number(
        await waitFor(() => fs.readFile(ready, 'utf8').catch(() => ''), {
          timeout: 10_000,
          message: 'the child',
        }),
      );
      signals.emit('SIGTERM', 'SIGTERM');
      expect(await code).toBe(1);
      await waitFor(() => !isAlive(pid), { message: 'the killed child to be gone' });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('ends with the server when it exits 0 by itself, without restarting it', async () => {
    const lines: string[] = [];
    const code = await supervise({
      command: process.execPath,
      args: ['-e', 'process.exit(0)'],
      log: createLogger('info', (_, line) => lines.push(line)),
      signals: new EventEmitter(),
    });
    expect(code).toBe(0);
    expect(lines.filter((line) => line.includes('server started'))).toHaveLength(1);
  });
});
