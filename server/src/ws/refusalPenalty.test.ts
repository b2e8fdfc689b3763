import { describe, expect, it } from 'vitest';
import { RefusalPenalty } from './refusalPenalty';

describe('RefusalPenalty', () => {
  it('pauses a participant after three refusals within ten minutes, for five minutes', () => {
    const clock = { now: 0 };
    const penalty = new RefusalPenalty(() => clock.now, 3);
    penalty.note('mallory');
    clock.now = 60_000;
    penalty.note('mallory');
    expect(penalty.retryAfterSeconds('mallory')).toBe(0);
    clock.now = 120_000;
    penalty.note('mallory');
    expect(penalty.retryAfterSeconds('mallory')).toBe(300);
    expect(penalty.retryAfterSeconds('alice')).toBe(0);
    clock.now = 120_000 + 299_001;
    expect(penalty.retryAfterSeconds('mallory')).toBe(1);
    clock.now = 120_000 + 300_000;
    expect(penalty.retryAfterSeconds('mallory')).toBe(0);
  });

  it('forgets refusals older than the window', () => {
    const clock = { now: 0 };
    const penalty = new RefusalPenalty(() => clock.now, 3);
    penalty.note('bob');
    penalty.note('bob');
    clock.now = 10 * 60_000 + 1;
    penalty.note('bob');
    expect(penalty.retryAfterSeconds('bob')).toBe(0);
  });

  it('is off with a limit of 0', () => {
    const penalty = new RefusalPenalty(() => 0, 0);
    for (let i = 0; i < 10; i++) penalty.note('bob');
    expect(penalty.retryAfterSeconds('bob')).toBe(0);
  });
});
