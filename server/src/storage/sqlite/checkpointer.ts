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
 * The worker ends once it found nothing to copy for this long, and the next due checkpoint starts a new one. A
 * worker thread is its own V8 isolate and Node environment: about 10 MB of RSS that a server at rest need not hold
 * (issue 28). Under steady writes of any rate a checkpoint is due at least every CHECKPOINT_AFTER_MS, so twice that
 * keeps one worker for the whole busy spell and the start-up (tens of ms, on its own thread) is paid once.
 */
const IDLE_EXIT_MS = 2 * CHECKPOINT_AFTER_MS;
/**
 * The WAL restarts from its beginning only when a write begins while it is fully checkpointed; under steady writes
 * that moment never comes and the file grows (about 13 MB/s in the mixed benchmark). Once the worker's checkpoint
 * finds more than this in it, the worker asks the main thread to run a RESTART checkpoint on the writing connection,
 * between two events: it copies the few frames written since the worker's checkpoint (0.1–2 ms), and the next
 * commit writes from the WAL's beginning again. Not in the worker: a RESTART or TRUNCATE there holds the write lock
 * while it waits for readers, and a main-thread transaction that had begun by reading (BEGIN DEFERRED) then cannot
 * upgrade to writing: SQLite refuses at once with SQLITE_BUSY rather than risk a deadlock, and the request failed
 * with 503 (the capacity benchmark at 65–90 round tables, 2026-12-06).
 */
const RESTART_ABOVE_BYTES = 64 * 1024 * 1024;
/**
 * The WAL file keeps its size when it restarts: cutting it (a TRUNCATE checkpoint, or a journal_size_limit applied
 * by the next commit) frees its blocks while the writer waits, 10 ms for 48 MB on ext4 here, and a TRUNCATE at
 * 64 MB held every socket for 22–27 ms under steady writes. So the file is cut only at rest: an idle worker, before
 * it ends, asks the main thread for a TRUNCATE, when nobody has written for IDLE_EXIT_MS.
 */
const JOURNAL_SIZE_UNLIMITED = -1;
/** SQLite's own default, restored if the worker dies so the WAL cannot grow without bound. */
const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;
/** Upper bound on how long close() waits for the worker to finish its checkpoint and close its connection. */
const STOP_TIMEOUT_MS = 5000;

// Plain CommonJS evaluated in the worker, so it runs the same under tsx, a bundle and vitest. The main thread adds
// what its document writes put in the WAL to workerData.written (bytes, shared memory; other writes are small and
// go with the next checkpoint). The worker is started when a checkpoint is due, so it looks at once (last = 0),
// then every intervalMs. It answers a stop request between two checks, and ends by itself after idleMs with
// nothing to copy (asking the main thread first to cut the WAL file back, see JOURNAL_SIZE_UNLIMITED): either way
// it closes its connection, then sets workerData.stopped and wakes the main thread.
const WORKER_SOURCE = `
const fs = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const pageSize = db.pragma('page_size', { simple: true });
const walBytes = () => {
  try {
    return fs.statSync(workerData.file + '-wal').size;
  } catch {
    return 0;
  }
};
let last = 0;
let active = Date.now();
const end = () => {
  clearInterval(timer);
  db.close();
  Atomics.store(workerData.stopped, 0, 1);
  Atomics.notify(workerData.stopped, 0);
  parentPort.close();
};
const check = () => {
  try {
    const written = Atomics.load(workerData.written, 0);
    if (written === 0 && Date.now() - active >= workerData.idleMs) {
      if (walBytes() > 0) parentPort.postMessage({ cut: true });
      return end();
    }
    const old = written > 0 && Date.now() - last >= workerData.afterMs;
    if (written < workerData.afterBytes && !old) return;
    Atomics.sub(workerData.written, 0, written);
    last = active = Date.now();
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)');
    if (log * pageSize > workerData.restartAboveBytes) parentPort.postMessage({ restart: true });
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
};
const timer = setInterval(check, workerData.intervalMs);
check();
parentPort.on('message', end);
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
 *
 * The worker runs only while checkpoints are due (see IDLE_EXIT_MS): `wrote` starts one once the bytes reach
 * `afterBytes`, or `afterMs` after the first write that found none running. Until then the WAL simply holds the
 * commits, as it does between two checkpoints of a running worker.
 */
export function startCheckpointer(
  db: Database.Database,
  onError: (error: unknown) => void,
  {
    afterBytes = CHECKPOINT_AFTER_BYTES,
    afterMs = CHECKPOINT_AFTER_MS,
    idleMs = IDLE_EXIT_MS,
    restartAboveBytes = RESTART_ABOVE_BYTES,
  }: CheckpointThresholds = {},
): Checkpointer {
  db.pragma(`journal_size_limit = ${JOURNAL_SIZE_UNLIMITED}`);
  db.pragma('wal_autocheckpoint = 0');
  // Int32: the worker takes what it saw before it checkpoints, so the count stays far below 2 GB. Shared by every
  // worker in turn: what was written while none ran waits for the next.
  const written = new Int32Array(new SharedArrayBuffer(4));
  const driver = requireFrom(import.meta.url).resolve('better-sqlite3');
  let running = true;
  let current: { worker: Worker; stopped: Int32Array } | null = null;
  let due: NodeJS.Timeout | null = null;
  const fallBack = (error: unknown) => {
    if (!running) return;
    running = false;
    if (due) clearTimeout(due);
    if (db.open) db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
    onError(error);
  };
  const start = () => {
    if (due) clearTimeout(due);
    due = null;
    if (!running || current) return;
    // A fresh flag per worker: stop() must not wait for one that already ended by itself.
    const stopped = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver,
        file: db.name,
        intervalMs: CHECK_INTERVAL_MS,
        afterBytes,
        afterMs,
        idleMs,
        restartAboveBytes,
        stopped,
        written,
      },
    });
    worker.unref();
    current = { worker, stopped };
    worker.on('message', (message: { error?: string; restart?: boolean; cut?: boolean }) => {
      if (!message.restart && !message.cut) return onError(new Error(message.error));
      try {
        if (running && db.open)
          db.pragma(message.cut ? 'wal_checkpoint(TRUNCATE)' : 'wal_checkpoint(RESTART)');
      } catch (error) {
        // Nothing is lost: the WAL keeps every frame and the worker asks again after its next checkpoint.
        onError(error);
      }
    });
    worker.on('error', fallBack);
    worker.on('exit', (code) => {
      if (current?.worker === worker) current = null;
      // Ended by itself after idleMs (it set its flag after closing its connection): what was written since its
      // last look needs the next one.
      if (code === 0 && Atomics.load(stopped, 0) === 1) {
        if (running && Atomics.load(written, 0) > 0) schedule();
        return;
      }
      fallBack(new Error(`checkpoint worker exited with ${code}`));
    });
  };
  const schedule = () => {
    if (!running || current) return;
    if (Atomics.load(written, 0) >= afterBytes) start();
    else if (!due) {
      due = setTimeout(start, afterMs);
      // Like the worker itself: a pending checkpoint does not keep the process alive (close() or exit handles the WAL).
      due.unref();
    }
  };
  return {
    wrote: (bytes) => {
      if (!running) return;
      Atomics.add(written, 0, Math.min(bytes, afterBytes));
      schedule();
    },
    stop: () => {
      if (!running) return;
      running = false;
      if (due) clearTimeout(due);
      if (!current) return;
      current.worker.postMessage('stop');
      Atomics.wait(current.stopped, 0, 0, STOP_TIMEOUT_MS);
    },
    workerRunning: () => current !== null,
  };
}

/** When a checkpoint is due and how long an idle worker stays (defaults above; tests shorten them). */
export interface CheckpointThresholds {
  readonly afterBytes?: number;
  readonly afterMs?: number;
  readonly idleMs?: number;
  readonly restartAboveBytes?: number;
}

export interface Checkpointer {
  wrote(bytes: number): void;
  stop(): void;
  /** Whether a worker thread exists right now (tests: none at rest). */
  workerRunning(): boolean;
}

/** A database with no WAL (in memory) has nothing to checkpoint. */
export const NO_CHECKPOINTS: Checkpointer = { wrote: () => {}, stop: () => {}, workerRunning: () => false };
