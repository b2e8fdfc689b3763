import { createRequire as requireFrom } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/** How often the worker copies the WAL back into the database file. */
const CHECKPOINT_INTERVAL_MS = 1000;
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

// Plain CommonJS evaluated in the worker, so it runs the same under tsx, a bundle and vitest. It answers a stop
// request between two checkpoints: closes its connection, then wakes the waiting main thread.
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
const timer = setInterval(() => {
  try {
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
 * never checkpoints; a worker thread with its own connection runs a PASSIVE checkpoint every second, which never
 * blocks the writer (and its fsync happens off the event loop). Commits still reach the WAL synchronously, so kill -9 durability is unchanged.
 * Returns a synchronous stop (used by close(), so the main connection closes last and removes the WAL).
 */
export function startCheckpointer(db: Database.Database, onError: (error: unknown) => void): () => void {
  db.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
  db.pragma('wal_autocheckpoint = 0');
  const stopped = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: requireFrom(import.meta.url).resolve('better-sqlite3'),
      file: db.name,
      intervalMs: CHECKPOINT_INTERVAL_MS,
      truncateAboveBytes: TRUNCATE_ABOVE_BYTES,
      stopped,
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
  return () => {
    if (!running) return;
    running = false;
    worker.postMessage('stop');
    Atomics.wait(stopped, 0, 0, STOP_TIMEOUT_MS);
  };
}
