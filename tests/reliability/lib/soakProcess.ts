import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withoutScaleOut } from '../../helpers/server';
import { soakServerBundle } from './bundle';
import type { SoakReply, SoakRequest } from './soakProtocol';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

type Stats = Extract<SoakReply, { soak: 'stats' }>;
/** A reply to one request, matched by its id. */
type Answer = Extract<SoakReply, { id: number }>;

export interface SoakServer {
  readonly url: string;
  /** Lines the server logged at level error so far. */
  readonly errors: readonly string[];
  /** Rooms loaded and memory figures; `gc` forces full collections first (heapUsedMiB is then what is held). */
  stats(options?: { gc?: boolean }): Promise<Stats>;
  /** Writes a heap snapshot of the server to `path` and resolves once it is written. */
  heapSnapshot(path: string): Promise<void>;
  /** Writes the allocation profile of a server started with SOAK_ALLOCATION_PROFILE set to `path`. */
  allocationProfile(path: string): Promise<void>;
  /** Shuts the server down as SIGTERM would and waits for the process to exit. */
  close(): Promise<void>;
}

/**
 * The node flags `npm start` runs the server with (e.g. `--no-memory-reducer`, which changes when V8 collects):
 * the soak measures the server as it runs for a host.
 */
function startFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const flags = /\bnode((?: --[\w-]+(?:=\S+)?)*) dist\/server\/main\.mjs/.exec(pkg.scripts?.start ?? '');
  if (!flags?.[1]) return [];
  return flags[1].trim().split(' ').filter(Boolean);
}

/** The soak's server (lib/soakServer.ts) in a child process with an IPC channel, on a free port. */
export async function startSoakServer(options: {
  dataDir: string;
  env: Readonly<Record<string, string>>;
}): Promise<SoakServer> {
  const entry = await soakServerBundle();
  const child = spawn(process.execPath, [...startFlags(), entry], {
    cwd: repoRoot,
    env: {
      ...withoutScaleOut(process.env),
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: options.dataDir,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const errors: string[] = [];
  const waiting = new Map<number, (reply: Answer) => void>();
  let nextId = 1;
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`soak server exited early with ${code}`)));
    child.on('message', (reply: SoakReply) => {
      if (reply.soak === 'listening') resolve(reply.port);
      else if (reply.soak === 'error') errors.push(reply.line);
      else {
        waiting.get(reply.id)?.(reply);
        waiting.delete(reply.id);
      }
    });
  });
  const ask = <R extends Answer>(message: (id: number) => SoakRequest): Promise<R> =>
    new Promise<R>((resolve) => {
      const id = nextId++;
      waiting.set(id, (reply) => resolve(reply as R));
      child.send(message(id));
    });
  return {
    url: `http://127.0.0.1:${port}`,
    errors,
    stats: ({ gc = false } = {}) => ask<Stats>((id) => ({ soak: 'stats', id, gc })),
    heapSnapshot: async (file) => {
      await ask((id) => ({ soak: 'snapshot', id, path: file }));
    },
    allocationProfile: async (file) => {
      await ask((id) => ({ soak: 'allocations', id, path: file }));
    },
    close: async () => {
      if (child.exitCode === null && child.signalCode === null)
        child.send({ soak: 'close' } satisfies SoakRequest);
      await exited;
    },
  };
}
