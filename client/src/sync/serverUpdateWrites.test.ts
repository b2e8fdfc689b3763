import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { SERVER_WRITE_DELAY_MS, writeServerUpdatesLater } from './serverUpdateWrites';

const SERVER = { name: 'provider' };

// A document with y-indexeddb's write listener in place, as IndexeddbPersistence leaves it; `written` holds,
// after each write, the list as the stored copy has it.
function persistedDoc() {
  const doc = new Y.Doc();
  const stored = new Y.Doc();
  const written: string[][] = [];
  const persistence = {
    _storeUpdate: vi.fn((update: Uint8Array) => {
      Y.applyUpdate(stored, update);
      written.push(stored.getArray<string>('list').toArray());
    }),
  } as unknown as IndexeddbPersistence;
  doc.on('update', persistence._storeUpdate);
  const stop = writeServerUpdatesLater(persistence, doc, (origin) => origin === SERVER);
  return { doc, written, stop };
}

// An update as the server would send it: made elsewhere, applied with the provider as origin.
function fromServer(doc: Y.Doc, item: string) {
  const elsewhere = new Y.Doc();
  Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(doc));
  elsewhere.getArray<string>('list').push([item]);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(elsewhere, Y.encodeStateVector(doc)), SERVER);
}

describe('writeServerUpdatesLater', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("writes the person's own updates at once", () => {
    const { doc, written, stop } = persistedDoc();
    doc.getArray<string>('list').push(['mine']);
    expect(written).toEqual([['mine']]);
    stop();
  });

  it('writes the first server update at once, the ones after it merged once per window', () => {
    const { doc, written, stop } = persistedDoc();
    fromServer(doc, 'a');
    expect(written).toEqual([['a']]);
    fromServer(doc, 'b');
    fromServer(doc, 'c');
    expect(written).toHaveLength(1);
    vi.advanceTimersByTime(SERVER_WRITE_DELAY_MS);
    expect(written).toEqual([['a'], ['a', 'b', 'c']]);
    fromServer(doc, 'd');
    vi.advanceTimersByTime(SERVER_WRITE_DELAY_MS);
    expect(written.at(-1)).toEqual(['a', 'b', 'c', 'd']);
    // A window without updates closes: the next update is written at once.
    vi.advanceTimersByTime(SERVER_WRITE_DELAY_MS);
    fromServer(doc, 'e');
    expect(written).toHaveLength(4);
    expect(written.at(-1)).toEqual(['a', 'b', 'c', 'd', 'e']);
    stop();
  });

  it('writes held server updates before an own update, which may build on them', () => {
    const { doc, written, stop } = persistedDoc();
    fromServer(doc, 'a');
    fromServer(doc, 'b');
    doc.getArray<string>('list').push(['mine']);
    expect(written).toEqual([['a'], ['a', 'b'], ['a', 'b', 'mine']]);
    vi.advanceTimersByTime(SERVER_WRITE_DELAY_MS);
    expect(written).toHaveLength(3);
    stop();
  });

  it('writes what it holds when stopped, and nothing after', () => {
    const { doc, written, stop } = persistedDoc();
    fromServer(doc, 'a');
    fromServer(doc, 'b');
    stop();
    expect(written).toEqual([['a'], ['a', 'b']]);
    doc.getArray<string>('list').push(['later']);
    expect(written).toHaveLength(2);
  });
});
