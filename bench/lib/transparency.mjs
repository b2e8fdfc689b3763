// The transparency figures of issue 6: activity feed, "as of", history and voice balance for a board with a long
// update log, measured in-process on our server's code (no anchor has these features, so there is no ratio).
import { spawnSync } from 'node:child_process';
import { repoRoot } from './paths.mjs';
import { writeShapeReport } from './util.mjs';

const LABELS = {
  coldFeedMs: 'activity feed, first request (replays the whole log)',
  warmFeedMs: 'activity feed, later requests',
  asOfNowMs: '"as of" now',
  asOfMiddleMs: '"as of" the middle of the log',
  asOfEarlyMs: '"as of" early in the log',
  coldAsOfMs: '"as of", first request (includes the replay)',
  historyMs: 'wording history of one goal',
  voiceBalanceMs: 'voice balance',
};

export function runTransparencyBench({ out, updates }) {
  const result = spawnSync('npx', ['tsx', 'server/src/activity/bench.ts', String(updates)], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 10 * 60_000,
  });
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  if (result.status !== 0 || !line.startsWith('{')) {
    process.stderr.write(`transparency bench failed:\n${result.stderr}\n`);
    return null;
  }
  const figures = JSON.parse(line);
  const rows = Object.entries(LABELS).map(([key, label]) => `| ${label} | ${figures[key].toFixed(1)} |`);
  const md = [
    '# Transparency queries on a long update log',
    '',
    `${figures.updates} logged updates (${figures.events} derived events, ${figures.goals} goals), measured in one`,
    `process with our storage and activity service; heap afterwards ${figures.heapMiB} MiB.`,
    '',
    '| query | ms |',
    '|---|---|',
    ...rows,
    '',
  ].join('\n');
  writeShapeReport(out, 'transparency', figures, md);
  return figures;
}
