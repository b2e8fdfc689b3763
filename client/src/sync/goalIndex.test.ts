import type { Goal } from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import { goalById, goalTitles } from './goalIndex';

const goal = (id: string): Goal => ({
  id,
  title: id,
  description: '',
  stage: 'proposed',
  rank: id,
  createdBy: 'p1',
  createdAt: 1,
});

describe('goalById', () => {
  it('finds a goal of the given list, and nothing of a list it is not in', () => {
    const a = goal('a');
    const goals = [a, goal('b')];
    expect(goalById(goals, 'a')).toBe(a);
    expect(goalById(goals, 'x')).toBeUndefined();
    expect(goalById([goal('b')], 'a')).toBeUndefined();
  });
});

describe('goalTitles', () => {
  it('keeps the same list while ids and titles stay, whatever else changes', () => {
    const first = goalTitles([goal('a'), goal('b')]);
    expect(first).toEqual([
      { id: 'a', title: 'a' },
      { id: 'b', title: 'b' },
    ]);
    expect(goalTitles([{ ...goal('a'), description: 'neu' }, goal('b')])).toBe(first);
    expect(goalTitles([{ ...goal('a'), title: 'A' }, goal('b')])).not.toBe(first);
  });
});
