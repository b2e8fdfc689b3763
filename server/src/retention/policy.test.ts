import { describe, expect, it } from 'vitest';
import { addMonths, erasesAt, idleSince, inactiveBefore, retentionStep } from './policy';

const DAY = 24 * 60 * 60 * 1000;
const JOINED = Date.UTC(2024, 0, 15, 12);
const config = { inactiveMonths: 36, warningDays: 30, boardIdleMonths: 12 };
const due = Date.UTC(2027, 0, 15, 12);

describe('retention policy', () => {
  it('adds calendar months in UTC', () => {
    expect(addMonths(JOINED, 36)).toBe(due);
    expect(addMonths(Date.UTC(2024, 0, 31), 1)).toBe(Date.UTC(2024, 2, 2));
    expect(addMonths(due, -36)).toBe(JOINED);
  });

  it('does nothing before the warning window, and nothing at all when switched off', () => {
    const person = { lastActiveAt: JOINED, warnedAt: null };
    expect(retentionStep(person, due - 30 * DAY - 1, config)).toEqual({ kind: 'none' });
    expect(retentionStep(person, due + 1000 * DAY, { ...config, inactiveMonths: 0 })).toEqual({
      kind: 'none',
    });
  });

  it('warns first, with the erasure at the due date or a full warning period later, whichever is later', () => {
    const person = { lastActiveAt: JOINED, warnedAt: null };
    expect(retentionStep(person, due - 30 * DAY, config)).toEqual({ kind: 'warn', erasesAt: due });
    // The sweep was off past the due date: still a warning first, never an erasure without one.
    expect(retentionStep(person, due + 5 * DAY, config)).toEqual({ kind: 'warn', erasesAt: due + 35 * DAY });
  });

  it('erases once warned long enough, not before', () => {
    const warned = { lastActiveAt: JOINED, warnedAt: due - 30 * DAY };
    expect(retentionStep(warned, due - 1, config)).toEqual({ kind: 'none' });
    expect(retentionStep(warned, due, config)).toEqual({ kind: 'erase' });
    expect(erasesAt(warned, config)).toBe(due);
    const late = { lastActiveAt: JOINED, warnedAt: due + 5 * DAY };
    expect(retentionStep(late, due + 34 * DAY, config)).toEqual({ kind: 'none' });
    expect(retentionStep(late, due + 35 * DAY, config)).toEqual({ kind: 'erase' });
  });

  it('forgets a warning once the person came back', () => {
    const back = { lastActiveAt: due - 10 * DAY, warnedAt: due - 30 * DAY };
    expect(retentionStep(back, due, config)).toEqual({ kind: 'none' });
    expect(erasesAt(back, config)).toBeNull();
  });

  it('asks for the people whose warning window has begun', () => {
    expect(inactiveBefore(due - 30 * DAY, config)).toBe(JOINED);
  });

  it('flags a board idle after its months without change', () => {
    expect(idleSince(JOINED, addMonths(JOINED, 12) - 1, config)).toBeNull();
    expect(idleSince(JOINED, addMonths(JOINED, 12), config)).toBe(addMonths(JOINED, 12));
    expect(idleSince(JOINED, due, { boardIdleMonths: 0 })).toBeNull();
  });
});
