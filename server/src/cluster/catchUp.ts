import type { Logger } from '../log';
import type { DocUpdateEntry } from './bus';
import { SequenceTracker } from './sequenceTracker';

/** Runs `fn` after `ms` milliseconds; the returned function cancels it. */
export type Schedule = (fn: () => void, ms: number) => () => void;

export const realSchedule: Schedule = (fn, ms) => {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
};

export interface CatchUpDeps {
  readonly docKey: string;
  /** Every logged update of the document after `afterSeq`, in order (Storage.log.listUpdates). */
  readonly listUpdates: (afterSeq: number) => Promise<readonly DocUpdateEntry[]>;
  /**
   * Seqs after `afterSeq` that listUpdates leaves out because they are quarantined (Storage.log.listQuarantined): they
   * count as seen, or a quarantined entry would stay a gap for ever.
   */
  readonly quarantined?: (afterSeq: number) => Promise<readonly number[]>;
  /** Applies updates this instance has not seen yet; Yjs takes them in any order. */
  readonly apply: (entries: readonly DocUpdateEntry[]) => void;
  readonly log: Logger;
  readonly schedule: Schedule;
  /** How long a gap may stay open before the database is read: the missing message may still be on its way. */
  readonly gapWaitMs?: number;
  /** Upper bound of the back-off while reads fail or do not close the gap. */
  readonly maxRetryMs?: number;
}

const DEFAULT_GAP_WAIT_MS = 200;
const DEFAULT_MAX_RETRY_MS = 5000;

/**
 * Keeps one document of one instance complete. Updates from other instances are applied as they come; when a
 * sequence number stays missing for `gapWaitMs` (the bus lost it, or it is late: two instances' stream writes
 * interleave out of seq order), the updates after the last contiguous one are read from the database. At most
 * one read runs at a time; gaps that open during a read are handled after it.
 */
export class DocCatchUp {
  private readonly tracker: SequenceTracker;
  private readonly gapWaitMs: number;
  private readonly maxRetryMs: number;
  private cancelTimer: (() => void) | null = null;
  /** `highestSeen` when the timer was armed: the gap it waits for is closed once `appliedThrough` reaches it. */
  private waitingFor = 0;
  private reading: Promise<void> | null = null;
  private followUp: Promise<void> | null = null;
  /** Reads in a row that failed or left their gap open; drives the back-off. */
  private misses = 0;
  private closed = false;

  /** `start`: the seq the document was loaded through. */
  constructor(
    start: number,
    private readonly deps: CatchUpDeps,
  ) {
    this.tracker = new SequenceTracker(start);
    this.gapWaitMs = deps.gapWaitMs ?? DEFAULT_GAP_WAIT_MS;
    this.maxRetryMs = deps.maxRetryMs ?? DEFAULT_MAX_RETRY_MS;
  }

  get appliedThrough(): number {
    return this.tracker.appliedThrough;
  }

  /** Entries from another instance: the new ones are applied at once. */
  receive(entries: readonly DocUpdateEntry[]): void {
    if (this.closed) return;
    this.applyNew(entries);
    this.watchGap();
  }

  /** Seqs of this instance's own writes (already in the document). */
  noteOwn(seqs: readonly number[]): void {
    if (this.closed) return;
    for (const seq of seqs) this.tracker.observe(seq);
    this.watchGap();
  }

  /**
   * Reads the database now, gap or not: for a periodic check (a lost message is only noticed as a gap once a
   * later one arrives) and after the bus reconnects. Joins a running read and then reads once more, since that
   * read may have started before whatever prompted the check.
   */
  check(): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (!this.reading) return this.startRead();
    this.followUp ??= this.reading.then(() => {
      this.followUp = null;
      return this.reading ?? this.startRead();
    });
    return this.followUp;
  }

  close(): void {
    this.closed = true;
    this.stopTimer();
  }

  private watchGap(): void {
    if (this.closed || !this.tracker.hasGap || this.cancelTimer || this.reading) return;
    this.arm(
      this.misses === 0 ? this.gapWaitMs : Math.min(this.gapWaitMs * 2 ** this.misses, this.maxRetryMs),
    );
  }

  private arm(ms: number): void {
    this.waitingFor = this.tracker.highestSeen;
    this.cancelTimer = this.deps.schedule(() => {
      this.cancelTimer = null;
      if (this.closed) return;
      if (this.tracker.appliedThrough >= this.waitingFor) {
        // That gap closed by itself; a newer one gets its own full wait.
        this.watchGap();
        return;
      }
      void this.startRead();
    }, ms);
  }

  private stopTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  private startRead(): Promise<void> {
    this.stopTimer();
    const target = this.tracker.highestSeen;
    const run = this.read().then((ok) => {
      this.reading = null;
      if (this.closed) return;
      const closedGap = ok && this.tracker.appliedThrough >= target;
      this.misses = closedGap ? 0 : this.misses + 1;
      if (ok && !closedGap) {
        this.deps.log.warn('cluster catch-up: the database lacks updates the bus announced', {
          docKey: this.deps.docKey,
          appliedThrough: this.tracker.appliedThrough,
          missing: this.tracker.missing().slice(0, 10),
        });
      }
      this.watchGap();
    });
    this.reading = run;
    return run;
  }

  /**
   * False if the database could not be read; never rejects (it runs from timers). Quarantined entries are asked
   * for only when the log read left a gap (they are the only updates it leaves out, and they are rare): a second
   * query per read filled the pool of an instance under load with catch-up reads (docs/scaling.md).
   */
  private async read(): Promise<boolean> {
    try {
      const afterSeq = this.tracker.appliedThrough;
      const entries = await this.deps.listUpdates(afterSeq);
      if (this.closed) return true;
      this.applyNew(entries);
      if (!this.tracker.hasGap || !this.deps.quarantined) return true;
      const skipped = await this.deps.quarantined(afterSeq);
      if (this.closed) return true;
      for (const seq of skipped) this.tracker.observe(seq);
      return true;
    } catch (error) {
      this.deps.log.warn('cluster catch-up: reading updates failed', { docKey: this.deps.docKey, error });
      return false;
    }
  }

  private applyNew(entries: readonly DocUpdateEntry[]): void {
    const fresh = entries.filter((entry) => this.tracker.observe(entry.seq) === 'new');
    if (fresh.length === 0) return;
    try {
      this.deps.apply(fresh);
    } catch (error) {
      this.deps.log.error('cluster catch-up: applying updates failed', { docKey: this.deps.docKey, error });
    }
  }
}
