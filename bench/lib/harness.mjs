// Runs every requested shape against every requested contender, rounds interleaved across contenders so slow
// drifts of a busy machine hit all of them alike, and writes results.json, results.md and chart.svg — after every
// shape, so a run that fails in its last hour still leaves what it measured before.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkConvergence } from '../shapes/converge.mjs';
import { SHAPE_RUNNERS } from '../shapes/index.mjs';
import { OUR_ENGINES } from './args.mjs';
import { buildOurServer, CONTENDERS, ourNodeFlags } from './contenders.mjs';
import { releaseEngineResources } from './engines.mjs';
import { cpuTimes, machineFacts, stealPct } from './machine.mjs';
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
  const skipped = await unavailableContenders(args.contenders);
  for (const [name, reason] of Object.entries(skipped)) log(`  ${name}: skipped, ${reason}`);
  const contenders = args.contenders.filter((name) => !skipped[name]);
  if (contenders.some((c) => OUR_ENGINES.includes(c)) && args.oursRunner === 'bundle') buildOurServer();
  const results = {
    machine: machineFacts(),
    mode: args.mode,
    seed: args.seed,
    profile: args.profile,
    oursRunner: args.oursRunner,
    oursNodeFlags: ourNodeFlags(),
    skipped,
    shapes: {},
  };
  log(
    `bench ${args.mode}: ${contenders.join(', ')} × ${args.shapes.join(', ')} (pinned: ${!!process.env.BENCH_PINNED})`,
  );

  const completed = new Set();
  try {
    results.convergence = {};
    for (const name of contenders) {
      const server = await env.start(CONTENDERS[name], env.newDataDir());
      results.convergence[name] = await checkConvergence(CONTENDERS[name], server);
      await server.stop();
      await releaseEngineResources();
      log(`  ${name}: real clients converge`);
    }
    for (const shape of args.shapes) {
      const runner = SHAPE_RUNNERS[shape];
      const config = args.profile[shape];
      const rounds = runner.rounds === 1 ? 1 : args.profile.rounds;
      results.shapes[shape] = {};
      const shapeStarted = cpuTimes();
      for (let round = 0; round < rounds; round++) {
        for (const name of rotate(runner.contenders?.(contenders) ?? contenders, round)) {
          // The load generator's own garbage (the last run's sockets and samples) is collected now, not as a
          // pause in the middle of the next contender's measurement.
          globalThis.gc?.();
          const started = performance.now();
          const outcome = await runner.run(CONTENDERS[name], config, { ...env, round, log });
          // Every server of the round is stopped by now: its databases and Redis keys can go.
          await releaseEngineResources();
          results.shapes[shape][name] = [...(results.shapes[shape][name] ?? []), outcome];
          log(
            `  ${shape} round ${round + 1}/${rounds} ${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`,
          );
        }
      }
      completed.add(shape);
      results.stealPct = { ...results.stealPct, [shape]: stealPct(shapeStarted, cpuTimes()) };
      results.finished = `in progress: ${shape} done at ${new Date().toISOString()}`;
      writeSoFar(results, args.out, log);
    }
  } catch (error) {
    // The shape that failed is left out whole: a shape with some contenders' rounds missing cannot be aggregated.
    results.notes = [...(results.notes ?? []), `the run stopped with an error: ${error.message}`];
    results.finished = `failed at ${new Date().toISOString()}`;
    for (const shape of Object.keys(results.shapes)) if (!completed.has(shape)) delete results.shapes[shape];
    writeSoFar(results, args.out, log);
    throw error;
  } finally {
    for (const server of running) await server.stop('SIGKILL');
    // A cleanup failure must not hide the error that brought us here; the names start with cg_bench_.
    await releaseEngineResources().catch((error) =>
      log(`  could not drop bench databases: ${error.message}`),
    );
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  results.finished = new Date().toISOString();
  const files = writeReports(results, args.out);
  log(`results: ${files.join(', ')}`);
  return results;
}

/** Writes the reports of the shapes done so far; a report that cannot be written must not end the run. */
function writeSoFar(results, out, log) {
  try {
    const files = writeReports(results, out);
    log(`  results so far: ${files.join(', ')}`);
  } catch (error) {
    log(`  could not write the results so far: ${error.message}`);
  }
}

/** Contenders whose services are unreachable, with the reason; the run goes on without them. */
async function unavailableContenders(names) {
  const out = {};
  for (const name of names) {
    const problem = await CONTENDERS[name].unavailable?.();
    if (problem) out[name] = problem;
  }
  return out;
}

/** Round r starts with the r-th contender: nobody always runs first (right after the previous shape or round). */
const rotate = (names, round) => names.map((_, i) => names[(i + round) % names.length]);
