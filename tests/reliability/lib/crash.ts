import fs from 'node:fs/promises';
import path from 'node:path';
import type { RoundsResponse } from '@common-ground/shared/api';
import { goalText, proposeGoal } from '@common-ground/shared/schema';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { api, type BoardClient, createClientPool, seedBoard } from '../../helpers/clients';
import { roundsApi } from '../../helpers/roundsApi';
import { makeDataDir, type SpawnedServer, spawnServer } from '../../helpers/server';
import { waitFor } from '../../helpers/wait';
import { serverBundle } from './bundle';
import { seeded } from './random';

/** Loopback traffic only; reconnect storms after each kill must not be throttled. */
export const UNLIMITED_ENV = {
  RATE_LIMIT_API_PER_IP: '0',
  RATE_LIMIT_API_PER_TOKEN: '0',
  RATE_LIMIT_WS_PER_IP: '0',
  RATE_LIMIT_WS_PER_TOKEN: '0',
  // The writers append a mark every 2–15 ms, faster than any person types (the per-socket update budget).
  WS_UPDATES_PER_SECOND: '0',
};

export interface CrashReport {
  readonly kills: number;
  /** Edits some client had received before a kill, all found again after the restart. */
  readonly editsVerified: number;
  /** Stances answered with 201 before a kill, all found again after the restart. */
  readonly stancesVerified: number;
  readonly slowestRestartMs: number;
}

/** Restarts take ~1.7 s; a short backoff cap keeps the run about durability, not about waiting. */
const FAST_RECONNECT = { maxBackoffTime: 300 };

const MARK = /\[([A-Z])(\d+)\]/g;

/**
 * Each writer moves to the next goal after this many of its marks. Three writers' marks (about 8 characters each)
 * then fill about 7,200 characters of a description, well below `Limits.maxDescriptionChars`: past that limit the
 * server's schema repair truncates the text, and a mark that had reached a client would vanish by design.
 */
const MARKS_PER_GOAL = 300;
/** Enough goals for far more marks than a run of 50 kills writes (about 1,200 per writer). */
const EDIT_GOALS = 16;

/** The edit marks `[W17]` in the goals' descriptions; each writer appends only its own letter at the end. */
function marks(doc: Y.Doc, goalIds: readonly string[]): string[] {
  return goalIds.flatMap((goalId) =>
    [...(goalText(doc, goalId, 'description')?.toString() ?? '').matchAll(MARK)].map((m) => m[0]),
  );
}

async function integrityCheck(dataDir: string): Promise<string> {
  const db = new Database(path.join(dataDir, 'common-ground.sqlite'));
  try {
    return String(db.pragma('integrity_check', { simple: true }));
  } finally {
    db.close();
  }
}

/**
 * Real providers write sequence-marked edits into one goal while partners post stances to an open round; the
 * server child is SIGKILLed at seeded random moments `kills` times and restarted on the same port. After every
 * restart: the database passes integrity_check, every edit any client had received from another and every stance
 * answered 201 is there, and all clients reconnect and converge. Throws on the first broken guarantee.
 */
export async function runCrashCycles(options: { kills: number; seed: number }): Promise<CrashReport> {
  const random = seeded(options.seed);
  const dataDir = await makeDataDir();
  const pool = createClientPool();
  const entry = await serverBundle();
  let server: SpawnedServer = await spawnServer({ dataDir, env: UNLIMITED_ENV, entry });
  const port = server.port;
  let running = true;
  let paused = false;
  const loops: Promise<void>[] = [];
  let editsVerified = 0;
  let slowestRestartMs = 0;
  try {
    const board = await seedBoard(server.url);
    const writerTokens = { A: board.partnerA.token, B: board.partnerB.token, F: board.facilitator.token };
    const writers = Object.entries(writerTokens).map(
      ([letter, token]) => [letter, pool.connect(server.url, board.boardId, token, FAST_RECONNECT)] as const,
    );
    const observer = pool.connect(server.url, board.boardId, board.observer.token, FAST_RECONNECT);
    const clients: BoardClient[] = [...writers.map(([, c]) => c), observer];
    await Promise.all(clients.map((c) => c.synced));
    const first = writers[0]?.[1];
    if (!first) throw new Error('no writer');
    const editGoals = Array.from({ length: EDIT_GOALS }, (_, i) =>
      proposeGoal(first.doc, { title: `Log ${i}`, description: '', createdBy: 'a', now: 1 }),
    );
    const roundGoal = proposeGoal(first.doc, { title: 'Runde', description: 'Fest', createdBy: 'a', now: 1 });
    await waitFor(() => goalText(observer.doc, roundGoal, 'title'), {
      message: 'goals to reach the observer',
    });
    const rounds = roundsApi(server.url);
    const opened = await rounds.open(board.boardId, board.facilitator.token, { goalId: roundGoal });
    const roundId = (opened.body as { id: string }).id;

    // Load: each writer appends its next mark every few ms while connected; partners post stances all along.
    for (const [letter, client] of writers) {
      loops.push(
        (async () => {
          let n = 0;
          while (running) {
            const goalId = editGoals[Math.floor(n / MARKS_PER_GOAL)];
            if (!goalId)
              throw new Error(`writer ${letter} wrote more than ${EDIT_GOALS * MARKS_PER_GOAL} marks`);
            const text = goalText(client.doc, goalId, 'description');
            if (!paused && client.provider.wsconnected && text) text.insert(text.length, `[${letter}${++n}]`);
            await new Promise((resolve) => setTimeout(resolve, random.int(2, 15)));
          }
        })(),
      );
    }
    const acceptedStances: string[] = [];
    for (const [name, token] of [
      ['a', board.partnerA.token],
      ['b', board.partnerB.token],
    ] as const) {
      loops.push(
        (async () => {
          let n = 0;
          while (running) {
            const reason = `${name}-${++n}`;
            const result = await rounds
              .stance(board.boardId, roundId, token, { stance: 'concerns', reason })
              .catch(() => null);
            if (result?.status === 201) acceptedStances.push(reason);
            else await new Promise((resolve) => setTimeout(resolve, 20));
          }
        })(),
      );
    }

    for (let kill = 1; kill <= options.kills; kill++) {
      await new Promise((resolve) => setTimeout(resolve, random.int(30, 400)));
      // Everything a client received from another writer went through the server's storage first.
      const received = new Set<string>();
      for (const [letter, client] of writers) {
        for (const mark of marks(client.doc, editGoals)) if (mark[1] !== letter) received.add(mark);
      }
      for (const mark of marks(observer.doc, editGoals)) received.add(mark);
      const acked = [...acceptedStances];
      // What the killed server logged last: a lost edit is explained there, if anywhere.
      const killedLog = server.stderr.filter((line) => !line.includes('socket error')).slice(-20);
      await server.kill('SIGKILL');

      const integrity = await integrityCheck(dataDir);
      if (integrity !== 'ok') throw new Error(`kill ${kill}: integrity_check says ${integrity}`);
      const started = Date.now();
      server = await spawnServer({ dataDir, port, env: UNLIMITED_ENV, entry });
      slowestRestartMs = Math.max(slowestRestartMs, Date.now() - started);

      const verifier = pool.connect(server.url, board.boardId, board.observer.token);
      await verifier.synced;
      const present = new Set(marks(verifier.doc, editGoals));
      const lost = [...received].filter((mark) => !present.has(mark));
      verifier.destroy();
      if (lost.length > 0) {
        const logs = [...killedLog, '(restarted)', ...server.stderr.slice(-20)].join('\n');
        throw new Error(`kill ${kill}: received edits lost: ${lost.join(' ')}\nserver log:\n${logs}`);
      }
      editsVerified += received.size;
      const list = await rounds.list(board.boardId, board.facilitator.token);
      const history = new Set(
        ((list.body as RoundsResponse).rounds[0]?.history ?? []).map((s) => s.reason ?? ''),
      );
      const lostStances = acked.filter((reason) => !history.has(reason));
      if (lostStances.length > 0)
        throw new Error(`kill ${kill}: accepted stances lost: ${lostStances.join(' ')}`);

      // Converge: without new writes, every client reconnects and ends with the same state.
      paused = true;
      await waitFor(
        () => {
          const vectors = clients.map(
            (c) => c.provider.synced && Buffer.from(Y.encodeStateVector(c.doc)).toString('hex'),
          );
          return vectors.every((v) => v && v === vectors[0]);
        },
        { timeout: 20_000, message: `clients to converge after kill ${kill}` },
      );
      paused = false;
    }
    running = false;
    await Promise.all(loops);
    const health = await api(server.url).request('GET', '/api/health');
    if (health.status !== 200) throw new Error('server unhealthy at the end');
    return {
      kills: options.kills,
      editsVerified,
      stancesVerified: acceptedStances.length,
      slowestRestartMs,
    };
  } finally {
    running = false;
    await Promise.allSettled(loops);
    pool.destroyAll();
    await server.kill('SIGKILL');
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}
