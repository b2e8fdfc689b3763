import type { Goal } from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import type { GoalRounds } from '../sync/goalRounds';
import { boardLayout, layoutSelector } from './boardLayout';

const goal = (id: string, stage: Goal['stage'], title = `Goal ${id}`): Goal => ({
  id,
  title,
  description: '',
  stage,
  rank: id,
  createdBy: 'p1',
  createdAt: 1,
});

const agreedAt = (closedAt: number) =>
  ({ agreed: true, latestClosed: { closedAt } }) as unknown as GoalRounds;

describe('boardLayout', () => {
  it('groups goals by stage and moves agreed ones to "Vereinbart", in the order they were agreed', () => {
    const goals = [goal('a', 'proposed'), goal('b', 'ready'), goal('c', 'proposed'), goal('d', 'parked')];
    const layout = boardLayout(goals, { b: agreedAt(20), d: agreedAt(10) });
    expect(layout.placed).toEqual([
      { id: 'a', stage: 'proposed' },
      { id: 'c', stage: 'proposed' },
    ]);
    expect(layout.byStage.get('proposed')).toEqual(['a', 'c']);
    expect(layout.byStage.get('ready')).toEqual([]);
    expect(layout.agreed).toEqual(['d', 'b']);
  });
});

describe('layoutSelector', () => {
  it('returns the previous layout while only texts changed, a new one when a goal moves', () => {
    const select = layoutSelector();
    const first = select({ goals: [goal('a', 'proposed'), goal('b', 'ready')], goalRounds: {} });
    const edited = select({ goals: [goal('a', 'proposed', 'Neu'), goal('b', 'ready')], goalRounds: {} });
    expect(edited).toBe(first);
    const moved = select({ goals: [goal('a', 'ready'), goal('b', 'ready')], goalRounds: {} });
    expect(moved).not.toBe(first);
    expect(moved.byStage.get('ready')).toEqual(['a', 'b']);
  });
});
