import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface SmokeResults {
  convergence: Record<string, boolean>;
  oursNodeFlags: string[];
  shapes: {
    fanout: Record<
      string,
      { rows: { observers: number; sent: number; delivered: number; latency: { n: number } }[] }[]
    >;
  };
}

interface CapacitySmokeResults {
  shapes: {
    capacity: Record<
      string,
      {
        steps: { boards: number; participants: number; sent: number; expected: number; delivered: number }[];
        counts: { rounds: number; stances: number; presence: number; apiErrors: number };
      }[]
    >;
  };
}

function runBench(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // BENCH_PINNED: the harness stays on whatever cores the test runner has instead of re-pinning itself.
    const child = spawn(process.execPath, ['bench/run.mjs', ...args], {
      cwd: repoRoot,
      env: { ...process.env, BENCH_PINNED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => resolve({ code, output }));
  });
}

// Keeps the benchmark harness from rotting: it must start our server, converge and finish a tiny fan-out. It
// asserts counts only, never a timing, and needs nothing from bench/node_modules.
describe('benchmark harness (smoke)', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await fs.rm(dir, { recursive: true, force: true });
  });

  it('runs a short fan-out against our server and writes its reports', async () => {
    const out = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-smoke-'));
    dirs.push(out);
    const { code, output } = await runBench(['--smoke', '--only', 'ours', '--out', out]);
    expect(code, output).toBe(0);

    const results = JSON.parse(await fs.readFile(path.join(out, 'results.json'), 'utf8')) as SmokeResults;
    expect(results.convergence.ours).toBe(true);
    // Our server runs with `npm start`'s node flags (read from package.json), not plain node.
    expect(results.oursNodeFlags).toContain('--no-memory-reducer');
    const [row] = results.shapes.fanout.ours?.[0]?.rows ?? [];
    expect(row?.observers).toBeGreaterThan(0);
    expect(row?.sent).toBeGreaterThan(0);
    expect(row?.delivered).toBeGreaterThan(0);
    expect(row?.latency.n).toBeGreaterThan(0);
    expect(await fs.readFile(path.join(out, 'results.md'), 'utf8')).toContain('## Fan-out');
    expect(await fs.readFile(path.join(out, 'chart.svg'), 'utf8')).toContain('<svg');
  }, 90_000);

  // One step of one round table of 5: its people join through the API, type, announce presence, and its rounds
  // open and get stances. Counts only: whether the step passes its limits is a timing, not asserted.
  it('runs one tiny capacity step against our server and reports it', async () => {
    const out = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-smoke-'));
    dirs.push(out);
    const { code, output } = await runBench([
      '--smoke',
      '--only',
      'ours',
      '--shapes',
      'capacity',
      '--out',
      out,
    ]);
    expect(code, output).toBe(0);

    const results = JSON.parse(
      await fs.readFile(path.join(out, 'results.json'), 'utf8'),
    ) as CapacitySmokeResults;
    const run = results.shapes.capacity.ours?.[0];
    const [step] = run?.steps ?? [];
    expect(step?.boards).toBe(1);
    expect(step?.participants).toBe(5);
    expect(step?.sent).toBeGreaterThan(0);
    expect(step?.delivered).toBeGreaterThan(0);
    expect(step?.delivered).toBeLessThanOrEqual(step?.expected ?? 0);
    expect(run?.counts.presence).toBeGreaterThan(0);
    expect(run?.counts.rounds).toBeGreaterThan(0);
    expect(run?.counts.stances).toBeGreaterThan(0);
    expect(run?.counts.apiErrors).toBe(0);
    expect(await fs.readFile(path.join(out, 'results.md'), 'utf8')).toContain('## Capacity');
  }, 90_000);
});
