// Starts a contender in its own process (pinned to core 0 when the machine has a spare core for the load),
// reads its port from the `listening` line and asks it for stats over the IPC channel (servers/probe.mjs).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchDir } from './paths.mjs';

const START_TIMEOUT_MS = 30_000;
const STATS_TIMEOUT_MS = 10_000;
const probe = path.join(benchDir, 'servers/probe.mjs');

export const canPin = () => os.cpus().length >= 2 && fs.existsSync('/usr/bin/taskset');

/**
 * @param {{ name: string, cwd: string, args: string[], env: Record<string, string> }} spec node arguments after
 *   the harness's own flags
 */
export async function startProcess(spec) {
  // Set by the harness for --cpu-prof; V8 writes the profile when the process exits (not on SIGKILL).
  const profDir = process.env.BENCH_CPU_PROF_DIR;
  const profArgs = profDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profDir, spec.name)}`] : [];
  const nodeArgs = ['--expose-gc', ...profArgs, '--import', probe, ...spec.args];
  const [command, args] = canPin()
    ? ['/usr/bin/taskset', ['-c', '0', process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const startedAt = performance.now();
  const child = spawn(command, args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const port = await readPort(child, () => stderr);
  const listenMs = performance.now() - startedAt;

  let nextId = 0;
  const stats = (options = {}) =>
    new Promise((resolve, reject) => {
      // A server that died mid-shape: say so with its last words instead of an IPC error.
      if (!child.connected) {
        reject(new Error(`${spec.name} is gone (exit ${child.exitCode ?? child.signalCode})\n${stderr}`));
        return;
      }
      const id = ++nextId;
      const timer = setTimeout(() => {
        child.off('message', onMessage);
        reject(new Error(`${spec.name}: no stats within ${STATS_TIMEOUT_MS} ms`));
      }, STATS_TIMEOUT_MS);
      const onMessage = (message) => {
        if (message?.bench !== 'stats' || message.id !== id) return;
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve(message);
      };
      child.on('message', onMessage);
      child.send({ bench: 'stats', id, ...options });
    });

  return {
    name: spec.name,
    port,
    pid: child.pid,
    listenMs,
    stats,
    stderr: () => stderr,
    /** Sends `signal` and resolves once the process is gone (SIGKILL after 15 s of waiting on a clean stop). */
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

function readPort(child, stderr) {
  return new Promise((resolve, reject) => {
    let pending = '';
    const timer = setTimeout(() => fail('did not start in time'), START_TIMEOUT_MS);
    const onExit = (code) => fail(`exited early with ${code}`);
    function fail(reason) {
      clearTimeout(timer);
      child.off('exit', onExit);
      child.kill('SIGKILL');
      reject(new Error(`server ${reason}\n${stderr()}`));
    }
    child.once('exit', onExit);
    child.stdout.on('data', (chunk) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        try {
          const entry = JSON.parse(line);
          if (entry.msg === 'listening' && typeof entry.port === 'number') {
            clearTimeout(timer);
            child.off('exit', onExit);
            resolve(entry.port);
          }
        } catch {
          // Not one of our lines: servers may log JSON of their own.
        }
      }
    });
  });
}
