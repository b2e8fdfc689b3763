import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './child';
import { withoutScaleOut } from './server';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `npm run backup` / `npm run restore` as the operator would (the same entry point, through tsx) in a child
 * process, with only the environment given here (DATA_DIR or DATABASE_URL) on top of a scale-out-free one.
 */
export function runBackupCli(
  command: 'backup' | 'restore',
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  /** Files the process may write at most this big (bash's `ulimit -f`, KB): a disk that fills up. */
  fileSizeLimitKb?: number,
): Promise<CliResult> {
  const node = [process.execPath, '--import', 'tsx', 'server/src/backup/cli.ts', command, ...args];
  const [program, ...programArgs] =
    fileSizeLimitKb === undefined
      ? node
      : ['bash', '-c', `ulimit -f ${fileSizeLimitKb} && exec "$@"`, 'limited', ...node];
  const child = spawn(program ?? process.execPath, programArgs, {
    cwd: repoRoot,
    env: { ...withoutScaleOut(process.env), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Every entry of a directory (recursively), with its size and content hash: to prove a refusal changed nothing. */
export function snapshotDir(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  if (!fs.existsSync(dir)) return entries;
  for (const name of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const file = path.join(dir, name);
    const stat = fs.statSync(file);
    entries[name] = stat.isDirectory() ? 'dir' : fs.readFileSync(file).toString('base64');
  }
  return entries;
}

/** The one backup file (not its checksum) a backup wrote into `dir`. */
export function onlyBackupIn(dir: string, ext: 'sqlite' | 'dump'): string {
  const files = fs.readdirSync(dir).filter((name) => name.endsWith(`.${ext}`));
  if (files.length !== 1)
    throw new Error(`expected one .${ext} file in ${dir}, found ${JSON.stringify(files)}`);
  return path.join(dir, files[0] ?? '');
}
