import type { Goal } from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import { mergeGoals } from './goalList';

const goal = (id: string, rank: string, extra: Partial<Goal> = {}): Goal => ({
  id,
  title: `Goal ${id}`,
  description: '',
  stage: 'proposed',
  rank,
  createdBy: 'p1',
  createdAt: 1,
  ...extra,
});

const reader =
  (goals: readonly Goal[]) =>
  (id: string): Goal | null =>
    goals.find((g) => g.id === id) ?? null;

describe('mergeGoals', () => {
  const a = goal('a', 'a0');
  const b = goal('b', 'a1');
  const c = goal('c', 'a2');
  const before = [a, b, c];

  it('replaces only the touched goal and keeps every other object', () => {
    const edited = { ...b, description: 'neu' };
    const next = mergeGoals(before, new Set(['b']), reader([a, edited, c]));
    expect(next).toEqual([a, edited, c]);
    expect(next[0]).toBe(a);
    expect(next[1]).toBe(edited);
    expect(next[2]).toBe(c);
  });

  it('replaces a goal that was withdrawn or restored', () => {
    const withdrawn = { ...b, withdrawnAt: 5, withdrawnBy: 'p1' };
    expect(mergeGoals(before, new Set(['b']), reader([a, withdrawn, c]))[1]).toBe(withdrawn);
    expect(mergeGoals([a, withdrawn, c], new Set(['b']), reader(before))[1]).toBe(b);
  });

  it('returns the previous list when a touched goal reads the same (a comment, a lead)', () => {
    expect(mergeGoals(before, new Set(['b']), reader([a, { ...b }, c]))).toBe(before);
    expect(mergeGoals(before, new Set(), reader([]))).toBe(before);
  });

  it('keeps board order when a goal moves, is added or removed', () => {
    const moved = { ...a, stage: 'ready' as const };
    expect(mergeGoals(before, new Set(['a']), reader([moved, b, c])).map((g) => g.id)).toEqual([
      'b',
      'c',
      'a',
    ]);
    const added = goal('d', 'a05');
    const next = mergeGoals(before, new Set(['d', 'c']), reader([a, b, added]));
    expect(next.map((g) => g.id)).toEqual(['a', 'd', 'b']);
    expect(next[2]).toBe(b);
  });

  it('ignores a touched id that is neither on the board nor valid now', () => {
    expect(mergeGoals(before, new Set(['x']), reader(before))).toBe(before);
  });
});
