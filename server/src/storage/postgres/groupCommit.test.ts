import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { NewUpdate } from '../parts/log';
import type { DocBatch } from './appendBatches';
import { GroupCommit } from './groupCommit';

const update = (n: number): NewUpdate => ({ participantId: null, update: new Uint8Array([n]), at: n });

/** A fake database: each statement waits until the test settles it; counters per document like doc_seqs. */
function fakeDatabase() {
  const statements: { batches: readonly DocBatch[]; settle(error?: Error): void }[] = [];
  const lastSeq = new Map<string, number>();
  const append = (batches: readonly DocBatch[]) =>
    new Promise<number[][]>((resolve, reject) => {
      statements.push({
        batches,
        settle: (error) => {
          if (error) return reject(error);
          resolve(
            batches.map(({ docKey, updates }) => {
              const first = (lastSeq.get(docKey) ?? 0) + 1;
              lastSeq.set(docKey, first + updates.length - 1);
              return updates.map((_, i) => first + i);
            }),
          );
        },
      });
    });
  return { statements, append };
}

/** `defer` that runs only when the test says the turn is over. */
function manualTurns() {
  const due: (() => void)[] = [];
  return {
    defer: (run: () => void) => due.push(run),
    endTurn: () => {
      for (const run of due.splice(0)) run();
    },
  };
}

/** Lets settled promises run their callbacks. */
const flushed = () => new Promise((resolve) => setImmediate(resolve));

const refusal = (message: string) => new pg.DatabaseError(message, 0, 'error');

describe('GroupCommit', () => {
  it('stores the calls of one turn, from any number of documents, in one statement', async () => {
    const db = fakeDatabase();
    const turns = manualTurns();
    const commits = new GroupCommit(db.append, turns.defer);
    const a = commits.appendUpdates('a', [update(1), update(2)]);
    const b = commits.appendUpdates('b', [update(3)]);
    expect(db.statements).toHaveLength(0);
    turns.endTurn();
    expect(db.statements.map((s) => s.batches.map((batch) => batch.docKey))).toEqual([['a', 'b']]);
    db.statements[0]?.settle();
    expect(await a).toEqual([1, 2]);
    expect(await b).toEqual([1]);
  });

  it('runs one statement at a time: calls made meanwhile go together in the next', async () => {
    const db = fakeDatabase();
    const turns = manualTurns();
    const commits = new GroupCommit(db.append, turns.defer);
    const first = commits.appendUpdates('a', [update(1)]);
    turns.endTurn();
    const second = commits.appendUpdates('b', [update(2)]);
    const third = commits.appendUpdates('c', [update(3)]);
    turns.endTurn();
    expect(db.statements).toHaveLength(1);
    db.statements[0]?.settle();
    await first;
    await flushed();
    turns.endTurn();
    expect(db.statements.map((s) => s.batches.map((batch) => batch.docKey))).toEqual([['a'], ['b', 'c']]);
    db.statements[1]?.settle();
    expect(await Promise.all([second, third])).toEqual([[1], [1]]);
  });

  it('puts a second call for a document in the next statement, so its numbers follow the first', async () => {
    const db = fakeDatabase();
    const turns = manualTurns();
    const commits = new GroupCommit(db.append, turns.defer);
    const early = commits.appendUpdates('a', [update(1)]);
    const late = commits.appendUpdates('a', [update(2), update(3)]);
    const other = commits.appendUpdates('b', [update(4)]);
    turns.endTurn();
    expect(db.statements[0]?.batches.map((batch) => batch.docKey)).toEqual(['a', 'b']);
    db.statements[0]?.settle();
    expect(await early).toEqual([1]);
    await flushed();
    turns.endTurn();
    expect(db.statements[1]?.batches.map((batch) => batch.updates.length)).toEqual([2]);
    db.statements[1]?.settle();
    expect(await late).toEqual([2, 3]);
    expect(await other).toEqual([1]);
  });

  it('retries each document alone when PostgreSQL refuses a statement: only the one at fault fails', async () => {
    const db = fakeDatabase();
    const turns = manualTurns();
    const commits = new GroupCommit(db.append, turns.defer);
    const good = commits.appendUpdates('good', [update(1)]);
    const bad = commits.appendUpdates('bad', [update(2)]);
    turns.endTurn();
    db.statements[0]?.settle(refusal('violates foreign key constraint'));
    await flushed();
    const alone = db.statements.slice(1);
    expect(alone.map((s) => s.batches.map((batch) => batch.docKey))).toEqual([['good'], ['bad']]);
    alone[0]?.settle();
    alone[1]?.settle(refusal('violates foreign key constraint'));
    expect(await good).toEqual([1]);
    await expect(bad).rejects.toThrow('foreign key');
  });

  it('fails every call of the statement on any other error (the connection), and goes on with later calls', async () => {
    const db = fakeDatabase();
    const turns = manualTurns();
    const commits = new GroupCommit(db.append, turns.defer);
    const a = commits.appendUpdates('a', [update(1)]);
    const b = commits.appendUpdates('b', [update(2)]);
    turns.endTurn();
    db.statements[0]?.settle(new Error('Connection terminated unexpectedly'));
    await expect(a).rejects.toThrow('Connection terminated');
    await expect(b).rejects.toThrow('Connection terminated');
    expect(db.statements).toHaveLength(1);
    await flushed();
    const later = commits.appendUpdates('a', [update(3)]);
    turns.endTurn();
    db.statements[1]?.settle();
    expect(await later).toEqual([1]);
  });
});
