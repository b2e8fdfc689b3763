// Defect 2 of "A board that no participant can break": does one observer's history request stall the server?
// Runs server/src/activity/stallBench.ts (our server in a child process on a board with a long log) and reports
// each request's time with the GET /api/health latency meanwhile. No anchor has these features: no ratio.
import { spawnSync } from 'node:child_process';
import { repoRoot } from './paths.mjs';
import { writeShapeReport } from './util.mjs';

const LABELS = {
  idle: 'nothing else (baseline)',
  coldActivity: 'activity feed, first request after a start (replays the whole log)',
  warmAsOf: '"as of" the middle of the log, replay cached',
  coldAsOf: '"as of" the middle of the log, first request after a start',
  earlyAsOf: '"as of" early in the log, replay cached',
};

export function runReplayStallBench({ out, updates }) {
  const result = spawnSync('npx', ['tsx', 'server/src/activity/stallBench.ts', String(updates)], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 15 * 60_000,
  });
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.status !== 0 || !line.startsWith('{')) {
    process.stderr.write(`replay stall bench failed:\n${result.stderr}\n`);
    return null;
  }
  const figures = JSON.parse(line);
  writeReplayStall(out, figures);
  return figures;
}

/** results/replay-stall.json and .md from the figures (also for a run of stallBench.ts by hand). */
export function writeReplayStall(out, figures) {
  const rows = Object.entries(LABELS).map(([key, label]) => {
    const { ms, health } = figures[key];
    return `| ${label} | ${ms.toFixed(1)} | ${health.probes} | ${health.p50} / ${health.p99} / ${health.max} |`;
  });
  const md = [
    '# History requests and the event loop',
    '',
    `${figures.updates} logged updates (every ${figures.heavyEvery}th an offline batch of 400 edits), our server in`,
    'a child process; GET /api/health asked every 10 ms meanwhile. Load average at the end:',
    `${figures.loadAverage.join(' / ')}.`,
    '',
    '| request | ms | health probes | health ms p50 / p99 / max |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
  writeShapeReport(out, 'replay-stall', figures, md);
}
