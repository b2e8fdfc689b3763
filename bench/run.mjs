#!/usr/bin/env node
// Entry point of `npm run bench`: installs the anchors' packages into bench/node_modules when they are missing,
// moves the load generator (this process) to core 1 so the contenders can have core 0, then runs the harness.
// Nothing from bench/node_modules is imported before the install, so the harness sees one copy of yjs.
import { spawn, spawnSync } from 'node:child_process';
import { OUR_ENGINES, readArgs } from './lib/args.mjs';
import { anchorsInstalled, benchDir } from './lib/paths.mjs';
import { canPin } from './lib/process.mjs';

const args = readArgs(process.argv.slice(2));

if (args.contenders.some((c) => !OUR_ENGINES.includes(c)) && !anchorsInstalled()) {
  process.stdout.write('Installing the anchors into bench/node_modules (npm --prefix bench install)…\n');
  // Under `npm run`, npm names its own CLI script: running it with this Node needs no shell, so Windows (where
  // `npm` is a .cmd file that spawn cannot start) works the same.
  const npmArgs = ['--prefix', benchDir, 'install', '--no-audit', '--no-fund'];
  const npmCli = process.env.npm_execpath;
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, ...npmArgs], { stdio: 'inherit' })
    : spawnSync('npm', npmArgs, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (canPin() && !process.env.BENCH_PINNED) {
  // --expose-gc: the harness collects its own garbage between runs (lib/harness.mjs).
  const child = spawn(
    '/usr/bin/taskset',
    ['-c', '1', process.execPath, '--expose-gc', ...process.argv.slice(1)],
    {
      stdio: 'inherit',
      env: { ...process.env, BENCH_PINNED: '1' },
    },
  );
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  const { runHarness } = await import('./lib/harness.mjs');
  await runHarness(args);
  if (args.mode !== 'smoke' && args.contenders.includes('ours')) {
    const { runTransparencyBench } = await import('./lib/transparency.mjs');
    runTransparencyBench({ out: args.out, updates: args.mode === 'full' ? 20_000 : 5_000 });
    const { runReplayStallBench } = await import('./lib/replayStall.mjs');
    runReplayStallBench({ out: args.out, updates: args.mode === 'full' ? 20_000 : 5_000 });
  }
  if (args.mode !== 'smoke' && args.contenders.includes('ours') && args.shapes.includes('client')) {
    const { runClientPerf } = await import('./lib/clientPerf.mjs');
    runClientPerf({ out: args.out });
    const { runClientTyping } = await import('./lib/clientTyping.mjs');
    runClientTyping({ out: args.out });
    const { runRouteJs } = await import('./lib/routeJs.mjs');
    runRouteJs({ out: args.out });
  }
  process.exit(0);
}
