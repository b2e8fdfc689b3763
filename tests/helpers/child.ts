import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { withoutScaleOut } from './server';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type JsonLine = Record<string, unknown>;

export interface ChildExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface WatchedChild {
  readonly process: ChildProcess;
  readonly pid: number;
  /** JSON lines read so far from stdout and stderr, with when they arrived (performance.now()). */
  readonly lines: { readonly stream: 'stdout' | 'stderr'; readonly at: number; readonly entry: JsonLine }[];
  /** The first line, already read or still to come, that `match`es; rejects after `timeoutMs`. */
  line(match: (entry: JsonLine) => boolean, what: string, timeoutMs?: number): Promise<JsonLine>;
  /** Resolves when the child has exited; rejects after `timeoutMs`. */
  exited(timeoutMs: number): Promise<ChildExit>;
}

const running = new Set<ChildProcess>();

/** SIGKILLs every child still running, so a failed test leaves no process behind (call in afterEach). */
export function killChildren(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** Runs `args` with this node binary in the repository, its stdout and stderr piped and read as JSON lines. */
export function spawnNode(args: readonly string[], env: Readonly<Record<string, string>> = {}): WatchedChild {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...withoutScaleOut(process.env), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exit = new Promise<ChildExit>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const lines: WatchedChild['lines'][number][] = [];
  const waiters = new Set<(entry: JsonLine) => void>();
  for (const stream of ['stdout', 'stderr'] as const) {
    const source = child[stream];
    if (!source) continue;
    // A destroyed pipe (the tests close them on purpose) must not fail the reader.
    source.on('error', () => {});
    readline.createInterface({ input: source }).on('line', (text) => {
      const entry = parseLine(text);
      if (!entry) return;
      lines.push({ stream, at: performance.now(), entry });
      for (const waiter of waiters) waiter(entry);
    });
  }
  return {
    process: child,
    pid: child.pid ?? 0,
    lines,
    line: (match, what, timeoutMs = 20_000) => {
      const seen = lines.find(({ entry }) => match(entry));
      if (seen) return Promise.resolve(seen.entry);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no line ${what} within ${timeoutMs} ms; lines: ${JSON.stringify(lines)}`));
        }, timeoutMs);
        const waiter = (entry: JsonLine) => {
          if (!match(entry)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(entry);
        };
        waiters.add(waiter);
      });
    },
    exited: (timeoutMs) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`process did not exit within ${timeoutMs} ms`)), timeoutMs);
      });
      return Promise.race([exit, late]).finally(() => clearTimeout(timer));
    },
  };
}

/** A JSON object line, or undefined for anything else (a stack trace printed by node, say). */
function parseLine(text: string): JsonLine | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    return JSON.parse(text) as JsonLine;
  } catch {
    return undefined;
  }
}

/** Closes the reading ends of the child's stdout and stderr: its next write to either fails with EPIPE. */
export function closePipes(child: WatchedChild): void {
  child.process.stdout?.destroy();
  child.process.stderr?.destroy();
}

/** CPU time (user + system) the process has used so far, in clock ticks (1/100 s on Linux). */
export async function cpuTicks(pid: number): Promise<number> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; the fields after it are fixed: utime is 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Whether a process with this id still exists (a zombie counts until it is reaped). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
