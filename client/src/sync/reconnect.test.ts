import { describe, expect, it } from 'vitest';
import { jitteredDelay } from './reconnect';

describe('jitteredDelay', () => {
  it('lies between 0 and the capped exponential bound', () => {
    expect(jitteredDelay(1, { random: () => 0 })).toBe(0);
    expect(jitteredDelay(1, { random: () => 0.999_999 })).toBe(499);
    expect(jitteredDelay(3, { random: () => 0.5 })).toBe(1000);
    expect(jitteredDelay(20, { random: () => 0.999_999 })).toBe(4999);
  });
});
