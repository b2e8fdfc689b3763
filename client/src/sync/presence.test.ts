import { describe, expect, it } from 'vitest';
import { readOnline, sameOnline } from './presence';

describe('readOnline', () => {
  it('lists each participant once, preferring the tab that edits, and skips invalid states', () => {
    const states = new Map<number, unknown>([
      [1, { participantId: 'anna', editing: null }],
      [2, { participantId: 'anna', editing: { goalId: 'g1', field: 'title' } }],
      [3, { participantId: 'ben' }],
      [4, {}],
      [5, { participantId: 'x y', editing: null }],
      [6, { participantId: 'cem', editing: { goalId: 'g1', field: 'colour' } }],
    ]);
    expect(readOnline(states)).toEqual([
      { participantId: 'anna', editing: { goalId: 'g1', field: 'title' } },
      { participantId: 'ben', editing: null },
    ]);
  });

  it('compares lists by content', () => {
    const a = readOnline(new Map([[1, { participantId: 'anna' }]]));
    const b = readOnline(new Map([[7, { participantId: 'anna', editing: null }]]));
    expect(sameOnline(a, b)).toBe(true);
    expect(sameOnline(a, [])).toBe(false);
  });
});
