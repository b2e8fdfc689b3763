import { CloseCode } from '@common-ground/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { jitteredDelay, jitterReconnects, shouldReconnect } from './reconnect';

/** mulberry32: the same sequence on every run, so a failing delay can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Stands in for the browser's WebSocket: the test opens and closes it as the server would. */
class FakeSocket {
  static created: FakeSocket[] = [];
  readonly OPEN = 1;
  binaryType = '';
  readyState = 0;
  onopen: (() => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onmessage: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.created.push(this);
  }
  send() {}
  close() {}
  open() {
    this.readyState = this.OPEN;
    this.onopen?.();
  }
  closedByServer(code: number) {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
}

describe('jitteredDelay', () => {
  it('lies between 0 and the capped exponential bound', () => {
    expect(jitteredDelay(1, { random: () => 0 })).toBe(0);
    expect(jitteredDelay(1, { random: () => 0.999_999 })).toBe(499);
    expect(jitteredDelay(3, { random: () => 0.5 })).toBe(1000);
    expect(jitteredDelay(20, { random: () => 0.999_999 })).toBe(4999);
  });
});

describe('jitterReconnects on a y-websocket provider', () => {
  let provider: WebsocketProvider;
  let stop: () => void;
  const options = { baseMs: 250, capMs: 5000 };

  const start = (seed: number) => {
    provider = new WebsocketProvider('ws://board.test/ws', 'board', new Y.Doc(), {
      WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
      disableBc: true,
      shouldReconnect,
    });
    stop = jitterReconnects(provider, { ...options, random: seededRandom(seed) });
  };
  const latest = () => {
    const socket = FakeSocket.created.at(-1);
    if (!socket) throw new Error('no socket opened');
    return socket;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.created = [];
  });
  afterEach(() => {
    stop();
    provider.destroy();
    vi.useRealTimers();
  });

  it.each([CloseCode.GoingAway, 1006, CloseCode.InternalError, CloseCode.TryAgainLater])(
    'reconnects after a transient close (%i), after the jittered delay, not the fixed one',
    (code) => {
      start(code);
      latest().open();
      latest().closedByServer(code);
      // The first retry's delay, drawn from the same seeded sequence the provider's jitter uses.
      const delay = jitteredDelay(1, { ...options, random: seededRandom(code) });
      vi.advanceTimersByTime(Math.max(0, delay - 1));
      expect(FakeSocket.created).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(FakeSocket.created).toHaveLength(2);
      expect(provider.shouldConnect).toBe(true);
    },
  );

  it.each([
    CloseCode.UpdateRefused,
    CloseCode.AccessEnded,
    CloseCode.Forbidden,
    CloseCode.BoardFull,
    CloseCode.TooManyChanges,
    CloseCode.MessageTooBig,
  ])('never reconnects by itself after a final close (%i), and says so once', (code) => {
    start(code);
    const closed: number[] = [];
    provider.on('closed', (event) => closed.push(event.code));
    latest().open();
    latest().closedByServer(code);
    vi.advanceTimersByTime(10 * 60_000);
    expect(FakeSocket.created).toHaveLength(1);
    expect(provider.shouldConnect).toBe(false);
    expect(closed).toEqual([code]);
    // A deliberate connect (the person's "reconnect") still works.
    provider.connect();
    expect(FakeSocket.created).toHaveLength(2);
  });

  it('keeps backing off with jitter while the server stays away', () => {
    start(7);
    const random = seededRandom(7);
    for (let attempt = 1; attempt <= 6; attempt++) {
      latest().closedByServer(1006);
      const delay = jitteredDelay(attempt, { ...options, random });
      expect(delay).toBeLessThan(Math.min(options.capMs, options.baseMs * 2 ** attempt));
      vi.advanceTimersByTime(delay);
      expect(FakeSocket.created).toHaveLength(attempt + 1);
    }
  });
});
