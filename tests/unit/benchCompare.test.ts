// `node bench/compare.mjs BEFORE.md AFTER.md`: the closing notes' before/after tables come from it, so a ratio read
// from the wrong table or the wrong row would put a wrong figure in the record.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const script = path.resolve(import.meta.dirname, '../../bench/compare.mjs');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-compare-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function compare(...runs: string[]) {
  const files = runs.map((markdown, i) => {
    const file = path.join(dir, `run${i}.md`);
    fs.writeFileSync(file, markdown);
    return file;
  });
  return spawnSync(process.execPath, [script, ...files], { encoding: 'utf8' });
}

const results = (fanoutP99: string, serverP99: string, pgRatio: string, extra = '', started = '') =>
  [
    '# Benchmark results',
    '',
    ...(started
      ? [`- Node v20.20.2; run ${started}:27.321Z → 2026-12-06T20:07:01.000Z; mode **full**, seed 7`]
      : []),
    '## Fan-out: 1 writer at 20 updates/s, N observers on one board',
    '',
    '| N | ours | hocuspocus | p99 ratio |',
    '|---|---|---|---|',
    `| 10 | 1 / 2 / 3 / 4 | 1 / 2 / 3 / 4 | ${fanoutP99} |`,
    '',
    'The servers’ own part:',
    '',
    '| N | ours: frame in → last out | p50 ratio | p99 ratio |',
    '|---|---|---|---|',
    `| 10 | 0.5 / 0.7 / 2.2 | 0.86× | ${serverP99} |`,
    '',
    '## Storage engines: our server on SQLite, PostgreSQL',
    '',
    '| shape, figure | engine | latency | p99 (or time) ÷ SQLite | CPU ÷ SQLite |',
    '|---|---|---|---|---|',
    '| mixed | SQLite | 1 / 2 / 3 | 1.00× | 1.00× |',
    `| mixed | PostgreSQL | 1 / 2 / 3 | ${pgRatio} | 2.09× |`,
    extra,
  ].join('\n');

describe('bench/compare.mjs', () => {
  it('pairs every ratio by section, table, row and column', () => {
    const out = compare(results('0.95×', '0.64×', '4.13×'), results('0.91×', '0.70×', '1.20×'));
    expect(out.status).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines.slice(0, 2)).toEqual(['| row | run 1 | run 2 |', '|---|---|---|']);
    expect(lines).toContain('| Fan-out · 10 · p99 ratio | 0.95× | 0.91× |');
    // The second table of a section has rows named like the first's: they must not overwrite each other.
    expect(lines).toContain('| Fan-out (table 2) · 10 · p99 ratio | 0.64× | 0.70× |');
    expect(lines).toContain('| Fan-out (table 2) · 10 · p50 ratio | 0.86× | 0.86× |');
    expect(lines).toContain(
      '| Storage engines · mixed · PostgreSQL · p99 (or time) ÷ SQLite | 4.13× | 1.20× |',
    );
    expect(lines).toContain('| Storage engines · mixed · PostgreSQL · CPU ÷ SQLite | 2.09× | 2.09× |');
    expect(lines).toHaveLength(2 + 7);
  });

  it('shows a row only one run has with a dash on the other side', () => {
    const capacity = [
      '',
      '## Capacity',
      '',
      '| engine | tables | ratio |',
      '|---|---|---|',
      '| SQLite | 100 | 1.00× |',
    ];
    const out = compare(results('1×', '1×', '1×'), results('1×', '1×', '1×', capacity.join('\n')));
    expect(out.stdout).toContain('| Capacity · SQLite · ratio | – | 1.00× |');
  });

  it('heads each column with its run’s start and takes more than two runs', () => {
    const out = compare(
      results('0.95×', '0.64×', '4.13×', '', '2026-11-27T08:03'),
      results('1.02×', '1.20×', '2.34×', '', '2026-12-06T19:00'),
      results('0.98×', '1.01×', '1.90×'),
    );
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toBe('| row | 2026-11-27 08:03 | 2026-12-06 19:00 | run 3 |');
    expect(lines[1]).toBe('|---|---|---|---|');
    expect(lines).toContain('| Fan-out · 10 · p99 ratio | 0.95× | 1.02× | 0.98× |');
  });

  it('says how to call it when a file is missing', () => {
    const out = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('usage');
  });
});
