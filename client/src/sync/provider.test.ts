import { CloseCode } from '@common-ground/shared/protocol';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import { messageSync, WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  followProbeAnswers,
  jitteredDelay,
  jitterReconnects,
  sendSyncProbe,
  shouldReconnect,
} from './provider';

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
  readonly sent: Uint8Array[] = [];
  private readonly listeners = new Set<(event: { data: ArrayBuffer }) => void>();
  constructor(readonly url: string) {
    FakeSocket.created.push(this);
  }
  send(data: Uint8Array) {
    this.sent.push(data);
  }
  close() {}
  addEventListener(_type: 'message', listener: (event: { data: ArrayBuffer }) => void) {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'message', listener: (event: { data: ArrayBuffer }) => void) {
    this.listeners.delete(listener);
  }
  /** A frame from the server, as listeners beside the provider's own handler see it. */
  deliver(frame: Uint8Array) {
    for (const listener of this.listeners) listener({ data: frame.slice().buffer });
  }
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

describe('the sync probe', () => {
  const step2 = () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageSync);
    syncProtocol.writeSyncStep2(encoder, new Y.Doc());
    return encoding.toUint8Array(encoder);
  };

  beforeEach(() => {
    FakeSocket.created = [];
  });

  it('sends a sync step 1 on the open socket and counts every later step 2 on it as an answer', () => {
    const provider = new WebsocketProvider('ws://board.test/ws', 'board', new Y.Doc(), {
      WebSocketPolyfill: FakeSocket as unknown as typeof WebSocket,
      disableBc: true,
    });
    const answers: string[] = [];
    const stop = followProbeAnswers(provider, {
      onAnswer: () => answers.push('answer'),
      onNewSocket: () => answers.push('socket'),
    });
    const socket = FakeSocket.created[0];
    if (!socket) throw new Error('no socket opened');
    expect(sendSyncProbe(provider)).toBe(false);
    socket.open();
    const before = socket.sent.length;
    expect(sendSyncProbe(provider)).toBe(true);
    expect(socket.sent.slice(before).map((frame) => [frame[0], frame[1]])).toEqual([
      [messageSync, syncProtocol.messageYjsSyncStep1],
    ]);
    // The first step 2 answers y-websocket's own step 1; the next one answers the probe.
    socket.deliver(step2());
    socket.deliver(step2());
    expect(answers).toEqual(['socket', 'answer']);
    stop();
    socket.deliver(step2());
    expect(answers).toEqual(['socket', 'answer']);
    provider.destroy();
  });
});
