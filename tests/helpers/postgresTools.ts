// pg_dump and pg_restore for the PostgreSQL backup test, installed as the browser tools are (browserPrerequisites):
// Debian's postgresql-client when running as root on Debian (as .ci/run does), otherwise one line saying what to
// install. Missing tools fail the test; they never skip it.
import { spawnSync } from 'node:child_process';
import { thisSystem } from './browserPrerequisites';

const TOOLS = ['pg_dump', 'pg_restore'] as const;

const runs = (tool: string): boolean => {
  const result = spawnSync(tool, ['--version'], { stdio: 'ignore' });
  return !result.error && result.status === 0;
};

/** Null when pg_dump and pg_restore run from PATH (after installing them if it may), else what to install. */
export function ensurePostgresClientTools(): string | null {
  const missing = () => TOOLS.filter((tool) => !runs(tool));
  if (missing().length > 0 && thisSystem().debianRoot) {
    console.log('Installing Debian package for the PostgreSQL backup test: postgresql-client');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const apt = (args: string[]) =>
      spawnSync('/usr/bin/apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env }).status === 0;
    if (apt(['update', '-qq'])) apt(['install', '-y', '-qq', 'postgresql-client']);
  }
  const still = missing();
  if (still.length === 0) return null;
  return (
    `The PostgreSQL backup test needs ${still.join(' and ')} on PATH: install PostgreSQL's client tools ` +
    "(Debian/Ubuntu: apt install postgresql-client; macOS: brew install libpq; Windows: the PostgreSQL installer's command line tools)."
  );
}
