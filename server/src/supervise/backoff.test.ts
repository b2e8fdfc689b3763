import { describe, expect, it } from 'vitest';
import { createBackoff } from './backoff';

describe('restart backoff', () => {
  it('doubles from 0.5 s up to 30 s while the child keeps crashing soon after start', () => {
    const backoff = createBackoff();
    const delays = Array.from({ length: 9 }, () => backoff.delayAfter(100));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('starts over after the child stayed up for the stable time', () => {
    const backoff = createBackoff({ initialMs: 500, maxMs: 30_000, stableMs: 60_000 });
    backoff.delayAfter(0);
    backoff.delayAfter(0);
    expect(backoff.delayAfter(59_999)).toBe(2000);
    expect(backoff.delayAfter(60_000)).toBe(500);
    expect(backoff.delayAfter(10)).toBe(1000);
  });
});
