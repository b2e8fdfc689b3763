import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { askDatabaseNamesEarly } from './databaseNames';
import { keepLocalCopy, localDbNames } from './localPersistence';

// An IndexedDB whose databases never finish opening, and that lists the given names: so whatever resolves
// readyToConnect is the listing or the timeout, never a finished load.
function stallingIndexedDb(listed: string[]) {
  return {
    databases: vi.fn(async () => listed.map((name) => ({ name, version: 1 }))),
    open: () => ({}),
  };
}

const settled = async (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  for (let i = 0; i < 10; i++) await Promise.resolve();
  return done;
};

describe('keepLocalCopy: when the live connection may start', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('at once on a device without a copy of the board, without waiting for IndexedDB', async () => {
    vi.stubGlobal('indexedDB', stallingIndexedDb(['common-ground.board.other']));
    const copy = keepLocalCopy('b1', new Y.Doc(), new Y.Doc());
    expect(await settled(copy.readyToConnect)).toBe(true);
    expect(copy.hadCopy()).toBe(false);
    copy.destroy();
  });

  it('uses the answer asked for as the page started, once', async () => {
    const idb = stallingIndexedDb([]);
    vi.stubGlobal('indexedDB', idb);
    askDatabaseNamesEarly();
    askDatabaseNamesEarly();
    const first = keepLocalCopy('b1', new Y.Doc(), new Y.Doc());
    expect(await settled(first.readyToConnect)).toBe(true);
    expect(idb.databases).toHaveBeenCalledTimes(1);
    // Opening the board created its databases: the next board asks again.
    const second = keepLocalCopy('b2', new Y.Doc(), new Y.Doc());
    expect(await settled(second.readyToConnect)).toBe(true);
    expect(idb.databases).toHaveBeenCalledTimes(2);
    first.destroy();
    second.destroy();
  });

  it('only after loading (or the timeout) on a device that has a copy', async () => {
    vi.stubGlobal('indexedDB', stallingIndexedDb([localDbNames('b1').board]));
    const copy = keepLocalCopy('b1', new Y.Doc(), new Y.Doc());
    expect(await settled(copy.readyToConnect)).toBe(false);
    await vi.advanceTimersByTimeAsync(3000);
    expect(await settled(copy.readyToConnect)).toBe(true);
    copy.destroy();
  });

  it('after loading (or the timeout) when IndexedDB cannot list its databases', async () => {
    vi.stubGlobal('indexedDB', {
      databases: async () => {
        throw new Error('not supported');
      },
      open: () => ({}),
    });
    const copy = keepLocalCopy('b1', new Y.Doc(), new Y.Doc());
    expect(await settled(copy.readyToConnect)).toBe(false);
    await vi.advanceTimersByTimeAsync(3000);
    expect(await settled(copy.readyToConnect)).toBe(true);
    copy.destroy();
  });
});
