// `npm start`: builds only when dist/ is not current (scripts/lib/buildStamp.mjs), then runs the server bundle
// under the supervisor (dist/server/supervisor.mjs, which restarts it after a crash) in production mode. The
// arguments are the server command the supervisor runs, e.g. `node --no-memory-reducer dist/server/main.mjs`;
// they stay in package.json, where the benchmark reads the node flags (bench/lib/contenders.mjs).
// Plain node instead of shell syntax, so that it runs the same from cmd, PowerShell and a POSIX shell.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleReason } from './lib/buildStamp.mjs';
import { runNode } from './lib/run.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverCommand = process.argv.slice(2);
if (serverCommand.length === 0) {
  console.error(
    'usage: node scripts/start.mjs <server command…>, e.g. node --no-memory-reducer dist/server/main.mjs',
  );
  process.exit(2);
}

const stale = staleReason(repoRoot);
if (stale) {
  console.log(`Building the client and the server (${stale})…`);
  const code = await runNode([path.join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot });
  if (code !== 0) process.exit(code);
}

const supervisor = spawn(
  process.execPath,
  [path.join(repoRoot, 'dist/server/supervisor.mjs'), ...serverCommand],
  {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  },
);
// A terminal's Ctrl-C reaches the supervisor too (it ignores the repeat); a signal sent to this process alone
// must reach it as well, or the server would outlive `npm start`.
// A closed terminal window (SIGHUP) stops it like SIGTERM: the supervisor would die of SIGHUP and leave the server.
process.on('SIGINT', () => supervisor.kill('SIGINT'));
process.on('SIGTERM', () => supervisor.kill('SIGTERM'));
process.on('SIGHUP', () => supervisor.kill('SIGTERM'));
supervisor.on('error', (error) => {
  console.error(`Could not start the server: ${error.message}`);
  process.exit(1);
});
supervisor.on('close', (code) => process.exit(code ?? 1));
