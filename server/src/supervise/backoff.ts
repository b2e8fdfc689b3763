export interface BackoffOptions {
  /** Delay before the first restart. */
  readonly initialMs: number;
  /** The delay doubles per crash up to this. */
  readonly maxMs: number;
  /** A child that ran at least this long counts as healthy: its crash starts the doubling again. */
  readonly stableMs: number;
}

export interface Backoff {
  /** The delay before the next restart, given how long the child that just exited had run. */
  delayAfter(uptimeMs: number): number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, stableMs: 60_000 };

/**
 * Restart delays for a crashing child: 0.5 s, 1 s, 2 s … 30 s while it keeps crashing soon after start, so a
 * server that cannot start (port taken, disk full) does not spin, and back to 0.5 s after a long healthy run.
 */
export function createBackoff(options: BackoffOptions = DEFAULT_BACKOFF): Backoff {
  let crashes = 0;
  return {
    delayAfter(uptimeMs) {
      if (uptimeMs >= options.stableMs) crashes = 0;
      const delay = Math.min(options.initialMs * 2 ** crashes, options.maxMs);
      crashes++;
      return delay;
    },
  };
}
