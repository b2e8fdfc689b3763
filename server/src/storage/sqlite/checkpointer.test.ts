import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CheckpointThresholds, startCheckpointer } from './checkpointer';

const walSize = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
/** The WAL header's checkpoint sequence number (bytes 12–15): SQLite counts each restart of the log in it. */
const walRestarts = (file: string) => fs.readFileSync(`${file}-wal`).readUInt32BE(12);

// The worker thread exists only while checkpoints are due (issue 28: a server at rest holds no second isolate).
describe('checkpointer', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  function open(thresholds: CheckpointThresholds) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-checkpointer-'));
    const file = path.join(dir, 'db.sqlite');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (v BLOB)');
    const errors: unknown[] = [];
    const checkpoints = startCheckpointer(db, (error) => errors.push(error), thresholds);
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const write = (bytes: number) => {
      insert.run(Buffer.alloc(bytes));
      checkpoints.wrote(bytes);
    };
    cleanups.push(() => {
      checkpoints.stop();
      if (db.open) db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    });
    return { db, file, checkpoints, write, errors };
  }

  it('starts no worker before anything is written, nor for a small write until it is old enough', async () => {
    const { checkpoints, write } = open({ afterMs: 400 });
    expect(checkpoints.workerRunning()).toBe(false);
    write(1000);
    expect(checkpoints.workerRunning()).toBe(false);
    await vi.waitFor(() => expect(checkpoints.workerRunning()).toBe(true), { timeout: 3000, interval: 20 });
  });

  it('starts a worker at once when enough was written, and it copies the WAL into the database', async () => {
    const { file, checkpoints, write } = open({ afterBytes: 100_000 });
    const sizeBefore = fs.statSync(file).size;
    for (let i = 0; i < 30; i++) write(4000);
    expect(checkpoints.workerRunning()).toBe(true);
    await vi.waitFor(() => expect(fs.statSync(file).size).toBeGreaterThan(sizeBefore + 100_000), {
      timeout: 5000,
      interval: 20,
    });
  });

  it('restarts a grown WAL on the writing connection, while transactions that begin by reading go on writing', async () => {
    const { db, file, write, errors } = open({ afterBytes: 50_000, restartAboveBytes: 200_000 });
    const count = db.prepare('SELECT COUNT(*) AS n FROM t');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    // BEGIN DEFERRED, a read, then a write: the shape that failed with SQLITE_BUSY while the worker truncated.
    let readThenWrites = 0;
    const readThenWrite = db.transaction(() => {
      count.get();
      insert.run(Buffer.alloc(100));
      readThenWrites++;
    });
    for (let i = 0; i < 100; i++) write(4000);
    expect(walSize(file)).toBeGreaterThan(200_000);
    const restartsBefore = walRestarts(file);
    await vi.waitFor(
      () => {
        readThenWrite();
        expect(walRestarts(file)).toBeGreaterThan(restartsBefore);
      },
      { timeout: 5000, interval: 5 },
    );
    // Restarted, not cut: the next commits write from the beginning of the file, which keeps its size.
    const restarted = walSize(file);
    expect(restarted).toBeGreaterThan(200_000);
    for (let i = 0; i < 20; i++) write(4000);
    expect(walSize(file)).toBe(restarted);
    expect(count.get()).toEqual({ n: 120 + readThenWrites });
    expect(errors).toEqual([]);
  });

  it('ends an idle worker and starts a new one for the next due checkpoint; stop leaves no WAL', async () => {
    const { db, file, checkpoints, write, errors } = open({ afterBytes: 50_000, idleMs: 300 });
    for (let i = 0; i < 20; i++) write(4000);
    expect(checkpoints.workerRunning()).toBe(true);
    // Nothing more to copy: the worker ends by itself after idleMs, without reporting an error.
    await vi.waitFor(() => expect(checkpoints.workerRunning()).toBe(false), { timeout: 5000, interval: 20 });
    // At rest, and only then, the WAL file is cut back to nothing.
    await vi.waitFor(() => expect(walSize(file)).toBe(0), { timeout: 5000, interval: 20 });
    expect(errors).toEqual([]);
    const sizeBefore = fs.statSync(file).size;
    for (let i = 0; i < 20; i++) write(4000);
    expect(checkpoints.workerRunning()).toBe(true);
    await vi.waitFor(() => expect(fs.statSync(file).size).toBeGreaterThan(sizeBefore + 50_000), {
      timeout: 5000,
      interval: 20,
    });
    checkpoints.stop();
    db.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    expect(errors).toEqual([]);
  });

  it('stops at once when no worker runs, and a write after stop starts none', () => {
    const { checkpoints, write } = open({ afterBytes: 10_000 });
    write(100);
    const startedAt = performance.now();
    checkpoints.stop();
    expect(performance.now() - startedAt).toBeLessThan(1000);
    write(20_000);
    expect(checkpoints.workerRunning()).toBe(false);
  });
});
