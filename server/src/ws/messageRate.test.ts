import { MessageType } from '@common-ground/shared/protocol';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import { frameKind, MessageRate, TokenBucket } from './messageRate';

function syncFrame(step: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, step);
  encoding.writeVarUint8Array(encoder, new Uint8Array([0, 0]));
  return encoding.toUint8Array(encoder);
}

const UPDATE = syncFrame(syncProtocol.messageYjsUpdate);
const STEP1 = syncFrame(syncProtocol.messageYjsSyncStep1);
const STEP2 = syncFrame(syncProtocol.messageYjsSyncStep2);
const AWARENESS = new Uint8Array([MessageType.Awareness, 1, 0]);
const QUERY = new Uint8Array([MessageType.QueryAwareness]);

describe('TokenBucket', () => {
  it('allows the burst at once, then earns tokens back at the rate', () => {
    const clock = { now: 0 };
    const bucket = new TokenBucket(3, 2, () => clock.now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    clock.now += 499;
    expect(bucket.take()).toBe(false);
    clock.now += 1;
    expect([bucket.take(), bucket.take()]).toEqual([true, false]);
    // Idle time refills no further than the burst.
    clock.now += 60_000;
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
  });

  it('earns nothing when the clock steps back, and admits everything at rate 0', () => {
    const clock = { now: 10_000 };
    const bucket = new TokenBucket(1, 1, () => clock.now);
    expect(bucket.take()).toBe(true);
    clock.now = 0;
    expect(bucket.take()).toBe(false);
    const off = new TokenBucket(1, 0, () => clock.now);
    expect(Array.from({ length: 1000 }, () => off.take()).every(Boolean)).toBe(true);
  });
});

describe('frameKind', () => {
  it('tells updates and presence from the rest by their first varuints', () => {
    expect([UPDATE, STEP2, STEP1, AWARENESS, QUERY].map(frameKind)).toEqual([
      'update',
      'update',
      'other',
      'presence',
      'presence',
    ]);
    expect(frameKind(new Uint8Array([MessageType.Auth, 0]))).toBe('other');
  });

  it('calls frames that do not decode other (handleMessage refuses them)', () => {
    expect(frameKind(new Uint8Array([]))).toBe('other');
    expect(frameKind(new Uint8Array([MessageType.Sync]))).toBe('other');
    expect(frameKind(new Uint8Array([0xff, 0xff]))).toBe('other');
  });
});

describe('MessageRate', () => {
  const rates = { updateBurst: 5, updatesPerSecond: 1, presenceBurst: 2, presencePerSecond: 1 };

  it('closes over the update budget and drops over the presence budget, each on its own', () => {
    const clock = { now: 0 };
    const rate = new MessageRate(rates, () => clock.now);
    expect([AWARENESS, QUERY, AWARENESS].map((f) => rate.admit(f))).toEqual(['handle', 'handle', 'drop']);
    expect(Array.from({ length: 5 }, () => rate.admit(UPDATE))).toEqual(Array(5).fill('handle'));
    expect(rate.admit(STEP2)).toBe('close');
    // Sync step 1 and unknown frames are never limited here.
    expect([STEP1, STEP1, new Uint8Array([42])].map((f) => rate.admit(f))).toEqual([
      'handle',
      'handle',
      'handle',
    ]);
    clock.now += 1000;
    expect([rate.admit(UPDATE), rate.admit(AWARENESS)]).toEqual(['handle', 'handle']);
  });

  it('a socket flooding with 3,000 presence frames gets through only its burst and what it earns', () => {
    const clock = { now: 0 };
    const rate = new MessageRate({ ...rates, presenceBurst: 60, presencePerSecond: 10 }, () => clock.now);
    let handled = 0;
    for (let i = 0; i < 3000; i++) {
      if (i % 100 === 0) clock.now += 100;
      if (rate.admit(AWARENESS) === 'handle') handled++;
    }
    // 3 s of flood: 60 at once plus 10 per second.
    expect(handled).toBe(60 + 29);
  });
});
