// Runs every requested shape against every requested contender, rounds interleaved across contenders so slow
// drifts of a busy machine hit all of them alike, and writes results.json, results.md and chart.svg.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkConvergence } from '../shapes/converge.mjs';
import { SHAPE_RUNNERS } from '../shapes/index.mjs';
import { buildOurServer, CONTENDERS } from './contenders.mjs';
import { machineFacts } from './machine.mjs';
import { writeReports } from './report.mjs';

export async function runHarness(args) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'common-ground-bench-'));
  const running = new Set();
  if (args.cpuProfDir) {
    fs.mkdirSync(args.cpuProfDir, { recursive: true });
    process.env.BENCH_CPU_PROF_DIR = args.cpuProfDir;
  }
  const env = {
    seed: args.seed,
    mode: args.mode,
    newDataDir: () => fs.mkdtempSync(path.join(scratch, 'data-')),
    /** Starts a contender on `dataDir`; the harness stops whatever is still running at the end. */
    async start(contender, dataDir, extraEnv) {
      const server = await contender.start(dataDir, extraEnv);
      running.add(server);
      const stop = server.stop;
      server.stop = async (signal) => {
        running.delete(server);
        return stop(signal);
      };
      return server;
    },
  };
  const log = (line) => process.stdout.write(`${line}\n`);
  process.env.BENCH_OURS_RUNNER = args.oursRunner;
  if (args.contenders.includes('ours') && args.oursRunner === 'bundle') buildOurServer();
  const results = {
    machine: machineFacts(),
    mode: args.mode,
    seed: args.seed,
    profile: args.profile,
    oursRunner: args.oursRunner,
    shapes: {},
  };
  log(
    `bench ${args.mode}: ${args.contenders.join(', ')} × ${args.shapes.join(', ')} (pinned: ${!!process.env.BENCH_PINNED})`,
  );

  try {
    results.convergence = {};
    for (const name of args.contenders) {
      const server = await env.start(CONTENDERS[name], env.newDataDir());
      results.convergence[name] = await checkConvergence(CONTENDERS[name], server);
      await server.stop();
      log(`  ${name}: real clients converge`);
    }
    for (const shape of args.shapes) {
      const runner = SHAPE_RUNNERS[shape];
      const config = args.profile[shape];
      const rounds = runner.rounds === 1 ? 1 : args.profile.rounds;
      results.shapes[shape] = {};
      for (let round = 0; round < rounds; round++) {
        for (const name of runner.contenders?.(args.contenders) ?? args.contenders) {
          const started = performance.now();
          const outcome = await runner.run(CONTENDERS[name], config, { ...env, round, log });
          results.shapes[shape][name] = [...(results.shapes[shape][name] ?? []), outcome];
          log(
            `  ${shape} round ${round + 1}/${rounds} ${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`,
          );
        }
      }
    }
  } finally {
    for (const server of running) await server.stop('SIGKILL');
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  results.finished = new Date().toISOString();
  const files = writeReports(results, args.out);
  log(`results: ${files.join(', ')}`);
  return results;
}
