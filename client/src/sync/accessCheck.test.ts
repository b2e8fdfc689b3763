import { describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import { type AccessCheck, watchAccess } from './accessCheck';

/** Just enough of a provider: listeners for 'connection-error', fired by the test. */
function fakeProvider() {
  const listeners = new Set<() => void>();
  const provider = {
    on: (_event: string, listener: () => void) => listeners.add(listener),
    off: (_event: string, listener: () => void) => listeners.delete(listener),
  } as unknown as WebsocketProvider;
  return {
    provider,
    fail: () => {
      for (const listener of listeners) listener();
    },
    listeners,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('watchAccess: a refused reconnect asks the API whether the token ended', () => {
  it('ends the session only on the server’s explicit answer, and asks at most every few seconds', async () => {
    const { provider, fail } = fakeProvider();
    let time = 0;
    const answers: ('ok' | 'ended')[] = ['ok', 'ended'];
    let asked = 0;
    const check: AccessCheck = async () => {
      asked++;
      return answers.shift() ?? 'ok';
    };
    let ended = 0;
    watchAccess(
      [provider],
      check,
      () => ended++,
      () => time,
    );
    fail();
    fail();
    await settle();
    expect([asked, ended]).toEqual([1, 0]);
    time += 1000;
    fail();
    await settle();
    expect(asked).toBe(1);
    time += 5000;
    fail();
    await settle();
    expect([asked, ended]).toEqual([2, 1]);
  });

  it('treats a failed check (offline, server down) as no answer, and stops listening when stopped', async () => {
    const { provider, fail, listeners } = fakeProvider();
    let ended = 0;
    const stop = watchAccess(
      [provider],
      () => Promise.reject(new Error('offline')),
      () => ended++,
      () => 0,
    );
    fail();
    await settle();
    expect(ended).toBe(0);
    stop();
    expect(listeners.size).toBe(0);
  });
});
