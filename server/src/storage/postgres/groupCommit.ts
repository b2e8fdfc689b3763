import pg, { type Pool } from 'pg';
import type { NewUpdate } from '../parts/log';
import { appendBatches, type DocBatch } from './appendBatches';
import { PostgresDocumentLog } from './updateLog';

interface Waiting extends DocBatch {
  resolve(seqs: number[]): void;
  reject(error: unknown): void;
}

/** How a round of appends is started: after the current turn's I/O callbacks (tests run it by hand). */
export type Defer = (run: () => void) => void;

/**
 * Group commit across documents. Every room stores its queued updates in one call (rooms/writeQueue.ts); with a
 * statement and commit per room, 100 boards writing at once made about one WAL flush per update, and the pool's
 * 10 connections queued up behind them (docs/scaling.md, "PostgreSQL tails"). Here the calls of one turn of the
 * event loop, from all rooms, go into one statement and one commit, and while it runs the next turn's calls
 * wait and go together in the following one: one commit at a time, as many documents in it as came meanwhile.
 *
 * A document takes part in one statement at a time; a second call for it waits for the next, behind the first,
 * so its numbers come in call order. If PostgreSQL refuses a statement of several documents (a constraint, a
 * trigger: nothing of it was stored, the statement was its own transaction), each document is tried alone, so
 * only the one at fault fails; any other failure (the connection) fails every call of the statement.
 */
export class GroupCommit {
  private waiting: Waiting[] = [];
  private running = false;
  private deferred = false;

  constructor(
    private readonly append: (batches: readonly DocBatch[]) => Promise<number[][]>,
    private readonly defer: Defer = setImmediate,
  ) {}

  /** Resolves to the updates' sequence numbers once they are committed. */
  appendUpdates(docKey: string, updates: readonly NewUpdate[]): Promise<number[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ docKey, updates, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running || this.deferred || this.waiting.length === 0) return;
    this.deferred = true;
    this.defer(() => {
      this.deferred = false;
      void this.commit();
    });
  }

  private async commit(): Promise<void> {
    const round = this.take();
    this.running = true;
    try {
      await this.store(round);
    } finally {
      this.running = false;
      this.schedule();
    }
  }

  /** The first waiting call of each document; later calls for the same document stay, in order. */
  private take(): Waiting[] {
    const seen = new Set<string>();
    const round: Waiting[] = [];
    const later: Waiting[] = [];
    for (const call of this.waiting) {
      if (seen.has(call.docKey)) later.push(call);
      else {
        seen.add(call.docKey);
        round.push(call);
      }
    }
    this.waiting = later;
    return round;
  }

  private async store(round: readonly Waiting[]): Promise<void> {
    let seqs: number[][];
    try {
      seqs = await this.append(round);
    } catch (error) {
      if (round.length > 1 && error instanceof pg.DatabaseError) {
        await Promise.all(round.map((call) => this.store([call])));
      } else for (const call of round) call.reject(error);
      return;
    }
    for (const [i, call] of round.entries()) call.resolve(seqs[i] ?? []);
  }
}

/**
 * PostgresStorage's own log: appends go through one GroupCommit on `writes` (a pool of its own, so they never
 * wait for a connection behind reads: in a cluster, catch-up and round reads filled the shared pool and starved
 * them), everything else runs on `pool` as it is.
 */
export class GroupCommittedLog extends PostgresDocumentLog {
  private readonly commits: GroupCommit;

  constructor(pool: Pool, writes: Pool) {
    super(pool);
    this.commits = new GroupCommit((batches) => appendBatches(writes, batches));
  }

  override async appendUpdates(docKey: string, updates: readonly NewUpdate[]): Promise<number[]> {
    if (updates.length === 0) return [];
    return this.commits.appendUpdates(docKey, updates);
  }
}
