import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';

/** Updates (or checkpoint parts) applied in one slice at most; a slice also ends once it took SLICE_MS. */
export const SLICE_ITEMS = 64;
/** A slice stops taking more work after this long, so other requests and sockets wait about this much at most. */
export const SLICE_MS = 8;

/** What the history replays did, process-wide: for operators, the benchmark and the tests' per-request bounds. */
export class ReplayStats extends EventEmitter<{ slice: [] }> {
  /** Updates from the log applied to a board's cached replay (activity, history, health, "as of"). */
  logUpdates = 0;
  /** Updates from the log applied to a document built for "as of". */
  asOfUpdates = 0;
  /** Checkpoint parts applied to a document built for "as of". */
  asOfParts = 0;
  slices = 0;
  longestSliceMs = 0;
}

/**
 * Takes turns with everything else on the event loop: replay work runs in slices, at most one slice per turn of
 * the loop for the whole process (however many replays wait), and I/O — other requests, sockets, timers — runs
 * between two slices. One process has one event loop, so one instance serves all of it.
 */
export class Turns {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;

  constructor(readonly stats: ReplayStats) {}

  /** Calls `work` on every item, SLICE_ITEMS at most per slice and none after SLICE_MS within one. */
  async sliced<T>(items: readonly T[], work: (item: T) => void): Promise<void> {
    let next = 0;
    while (next < items.length) {
      await this.turn();
      const start = performance.now();
      const end = Math.min(items.length, next + SLICE_ITEMS);
      for (const item of items.slice(next, end)) {
        work(item);
        next++;
        if (performance.now() - start >= SLICE_MS) break;
      }
      this.noteSlice(performance.now() - start);
    }
  }

  /** Resolves in a later turn of the loop, after its I/O; one waiter per turn, first come first served. */
  private turn(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    // A setImmediate queued from a setImmediate runs in the next turn, after that turn's I/O has been polled.
    setImmediate(() => {
      this.scheduled = false;
      this.waiting.shift()?.();
      this.schedule();
    });
  }

  private noteSlice(ms: number): void {
    this.stats.slices++;
    this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, ms);
    this.stats.emit('slice');
  }
}

export const replayStats = new ReplayStats();
export const replayTurns = new Turns(replayStats);
