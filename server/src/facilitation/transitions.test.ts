import { describe, expect, it } from 'vitest';
import { Refusal } from '../refusal';
import { applyRequest, nextTimer } from './transitions';

const running = { startedAt: 1000, durationMs: 60_000, pausedRemainingMs: null };

describe('nextTimer', () => {
  it('pauses with what is left and resumes from now', () => {
    const paused = nextTimer(running, { action: 'pause' }, 31_000);
    expect(paused).toEqual({ ...running, pausedRemainingMs: 30_000 });
    expect(nextTimer(paused, { action: 'resume' }, 90_000)).toEqual({
      startedAt: 90_000,
      durationMs: 30_000,
      pausedRemainingMs: null,
    });
  });

  it('gives a full minute when a minute is added after zero', () => {
    expect(nextTimer(running, { action: 'addMinute' }, 500_000)).toEqual({
      startedAt: 500_000,
      durationMs: 60_000,
      pausedRemainingMs: null,
    });
  });

  it('refuses steps that do not fit the state', () => {
    expect(() => nextTimer(null, { action: 'pause' }, 0)).toThrow(Refusal);
    expect(() => nextTimer(running, { action: 'resume' }, 0)).toThrow(Refusal);
    expect(() => nextTimer(null, { action: 'addMinute' }, 0)).toThrow(Refusal);
  });
});

describe('applyRequest', () => {
  it('keeps ticks when the agenda is reordered and drops removed goals', () => {
    const state = {
      focus: null,
      timer: null,
      agenda: [
        { goalId: 'a', done: true },
        { goalId: 'b', done: false },
      ],
    };
    expect(applyRequest(state, { agenda: ['b', 'c', 'a'] }, 0).agenda).toEqual([
      { goalId: 'b', done: false },
      { goalId: 'c', done: false },
      { goalId: 'a', done: true },
    ]);
  });
});
