import { createRequire as requireFrom } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** How often the worker looks at how much was written since its last checkpoint. */
const CHECK_INTERVAL_MS = 1000;
/**
 * A checkpoint is due once about this much was written to the WAL: SQLite's own threshold (1000 pages of 4 KB).
 * Under light writes that is every few seconds to minutes instead of every second: each checkpoint takes CPU
 * and fsyncs, and a write that arrives meanwhile waits for it (in the fan-out benchmark, the update that arrived
 * during a checkpoint was sent 1–3 ms late, once a second).
 */
const CHECKPOINT_AFTER_BYTES = 1000 * 4096;
/** A document write is checkpointed after this long at the latest, so the WAL does not hold it for hours. */
const CHECKPOINT_AFTER_MS = 30_000;
/**
 * The WAL restarts from its beginning only when a write begins while it is fully checkpointed; under steady writes
 * that moment never comes and the file grows. Above this size the worker runs a TRUNCATE checkpoint, which makes
 * the writer wait while it copies the frames written since its last PASSIVE checkpoint (a short, rare pause).
 */
const TRUNCATE_ABOVE_BYTES = 64 * 1024 * 1024;
/** After a natural restart the WAL file is cut back to this size. */
const JOURNAL_SIZE_LIMIT_BYTES = 16 * 1024 * 1024;
/** SQLite's own default, restored if the worker dies so the WAL cannot grow without bound. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;
/** Upper bound on how long close() waits for the worker to finish its checkpoint and close its connection. */
const STOP_TIMEOUT_MS = 5000;

// Plain CommonJS evaluated in the worker, so it runs the same under tsx, a bundle and vitest. The main thread adds
// what its document writes put in the WAL to workerData.written (bytes, shared memory; other writes are small and
// go with the next checkpoint). It answers a stop request between two checks: closes its connection, then wakes
// the waiting main thread.
const WORKER_SOURCE = `
const fs = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const walBytes = () => {
  try {
    return fs.statSync(workerData.file + '-wal').size;
  } catch {
    return 0;
  }
};
let last = Date.now();
const timer = setInterval(() => {
  try {
    const written = Atomics.load(workerData.written, 0);
    const old = written > 0 && Date.now() - last >= workerData.afterMs;
    if (written < workerData.afterBytes && !old) return;
    Atomics.sub(workerData.written, 0, written);
    last = Date.now();
    db.pragma('wal_checkpoint(PASSIVE)');
    if (walBytes() > workerData.truncateAboveBytes) db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  Atomics.store(workerData.stopped, 0, 1);
  Atomics.notify(workerData.stopped, 0);
  parentPort.close();
});
`;

/**
 * Moves WAL checkpoints off the event loop. By default SQLite checkpoints inside whichever commit pushes the WAL
 * past 1000 pages: that commit copies pages and fsyncs the database file on the main thread, which stalled every
 * socket for 5–50 ms (more on a busy disk) about once a second under steady writes. Here the writing connection
 * never checkpoints; a worker thread with its own connection runs a PASSIVE checkpoint once enough was written
 * (see CHECKPOINT_AFTER_BYTES), which never blocks the writer (and its fsync happens off the event loop). Commits
 * still reach the WAL synchronously, so kill -9 durability is unchanged. `wrote` tells the worker how many bytes a
 * commit added to the WAL (an estimate is enough); `stop` is synchronous (used by close(), so the main connection
 * closes last and removes the WAL).
 */
export function startCheckpointer(
  db: Database.Database,
  onError: (error: unknown) => void,
  { afterBytes = CHECKPOINT_AFTER_BYTES, afterMs = CHECKPOINT_AFTER_MS }: CheckpointThresholds = {},
): Checkpointer {
  db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
  db.pragma('wal_autocheckpoint = 0');
  const stopped = new Int32Array(new SharedArrayBuffer(4));
  // Int32: the worker takes what it saw before it checkpoints, so the count stays far below 2 GB.
  const written = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: requireFrom(import.meta.url).resolve('better-sqlite3'),
      file: db.name,
      intervalMs: CHECK_INTERVAL_MS,
      afterBytes,
      afterMs,
      truncateAboveBytes: TRUNCATE_ABOVE_BYTES,
      stopped,
      written,
    },
  });
  worker.unref();
  let running = true;
  const fallBack = (error: unknown) => {
    if (!running) return;
    running = false;
    if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
    onError(error);
  };
  worker.on('message', (message: { error?: string }) => onError(new Error(message.error)));
  worker.on('error', fallBack);
  worker.on('exit', (code) => fallBack(new Error(`checkpoint worker exited with ${code}`)));
  return {
    wrote: (bytes) => {
      if (running) Atomics.add(written, 0, Math.min(bytes, afterBytes));
    },
    stop: () => {
      if (!running) return;
      running = false;
      worker.postMessage('stop');
      Atomics.wait(stopped, 0, 0, STOP_TIMEOUT_MS);
    },
  };
}

/** When a checkpoint is due (defaults above; tests shorten them). */
export interface CheckpointThresholds {
  readonly afterBytes?: number;
  readonly afterMs?: number;
}

export interface Checkpointer {
  wrote(bytes: number): void;
  stop(): void;
}

/** A database with no WAL (in memory) has nothing to checkpoint. */
export const NO_CHECKPOINTS: Checkpointer = { wrote: () => {}, stop: () => {} };
