import { describe, expect, it } from 'vitest';
import { OpenCounts, SocketCaps } from './socketCaps';

describe('OpenCounts', () => {
  it('caps each key on its own and frees a slot when one is given back', () => {
    const counts = new OpenCounts(2);
    expect([counts.tryTake('a'), counts.tryTake('a'), counts.tryTake('a')]).toEqual([true, true, false]);
    expect(counts.tryTake('b')).toBe(true);
    counts.give('a');
    expect([counts.tryTake('a'), counts.tryTake('a')]).toEqual([true, false]);
  });

  it('never goes below zero, and 0 switches the cap off', () => {
    const counts = new OpenCounts(1);
    counts.give('a');
    counts.give('a');
    expect([counts.tryTake('a'), counts.tryTake('a')]).toEqual([true, false]);
    const off = new OpenCounts(0);
    expect(Array.from({ length: 10_000 }, () => off.tryTake('a')).every(Boolean)).toBe(true);
  });
});

describe('SocketCaps', () => {
  it('refuses a token at its cap while other tokens and addresses go on', () => {
    const caps = new SocketCaps({ perToken: 2, perAddress: 100 });
    const held = [caps.admit('alice', '10.0.0.1'), caps.admit('alice', '10.0.0.2')];
    expect(held.every(Boolean)).toBe(true);
    expect(caps.admit('alice', '10.0.0.3')).toBeNull();
    expect(caps.admit('bob', '10.0.0.1')).not.toBeNull();
    held[0]?.release();
    expect(caps.admit('alice', '10.0.0.3')).not.toBeNull();
  });

  it('refuses an address at its cap, whatever the token, and takes nothing when it refuses', () => {
    const caps = new SocketCaps({ perToken: 1, perAddress: 2 });
    const first = caps.admit('alice', '10.0.0.1');
    expect(caps.admit('bob', '10.0.0.1')).not.toBeNull();
    expect(caps.admit('carol', '10.0.0.1')).toBeNull();
    // carol was refused for the address: her token holds no slot.
    expect(caps.admit('carol', '10.0.0.2')).not.toBeNull();
    // alice is at her token cap: the address slot taken for the check was given back.
    expect(caps.admit('alice', '10.0.0.2')).toBeNull();
    expect(caps.admit(null, '10.0.0.2')).not.toBeNull();
    expect(caps.admit(null, '10.0.0.2')).toBeNull();
    first?.release();
    expect(caps.admit(null, '10.0.0.1')).not.toBeNull();
  });

  it('gives a slot back once, however often release is called', () => {
    const caps = new SocketCaps({ perToken: 1, perAddress: 1 });
    const slot = caps.admit('alice', '10.0.0.1');
    slot?.release();
    slot?.release();
    expect(caps.admit('alice', '10.0.0.1')).not.toBeNull();
    expect(caps.admit('alice', '10.0.0.1')).toBeNull();
  });

  it('requests without a token count against their address only', () => {
    const caps = new SocketCaps({ perToken: 1, perAddress: 3 });
    expect([caps.admit(null, 'x'), caps.admit(null, 'x'), caps.admit(null, 'x')].every(Boolean)).toBe(true);
    expect(caps.admit(null, 'x')).toBeNull();
  });
});
