import type { Goal, Stage } from '@common-ground/shared';
import { describe, expect, it } from 'vitest';
import { columnDroppableId, dropTarget, stageOfColumnId } from './dropTarget';

const goal = (id: string, stage: Stage, rank: string): Goal => ({
  id,
  title: id,
  description: '',
  stage,
  rank,
  createdBy: 'p',
  createdAt: 0,
});
// Board order, as readGoals returns it.
const goals = [
  goal('a', 'proposed', 'a0'),
  goal('b', 'proposed', 'a1'),
  goal('c', 'proposed', 'a2'),
  goal('x', 'discussing', 'a0'),
  goal('y', 'discussing', 'a1'),
];

describe('dropTarget', () => {
  it('appends to an empty or other column', () => {
    expect(dropTarget(goals, 'a', columnDroppableId('ready'), false)).toEqual({ stage: 'ready', index: 0 });
    expect(dropTarget(goals, 'a', columnDroppableId('discussing'), false)).toEqual({
      stage: 'discussing',
      index: 2,
    });
    expect(dropTarget(goals, 'a', columnDroppableId('proposed'), false)).toBeNull();
  });

  it('reorders within a column like arrayMove', () => {
    expect(dropTarget(goals, 'a', 'c', false)).toEqual({ stage: 'proposed', index: 2 });
    expect(dropTarget(goals, 'c', 'a', true)).toEqual({ stage: 'proposed', index: 0 });
    expect(dropTarget(goals, 'b', 'b', false)).toBeNull();
  });

  it('inserts before or after a goal of another column', () => {
    expect(dropTarget(goals, 'a', 'y', false)).toEqual({ stage: 'discussing', index: 1 });
    expect(dropTarget(goals, 'a', 'y', true)).toEqual({ stage: 'discussing', index: 2 });
  });

  it('ignores unknown ids', () => {
    expect(dropTarget(goals, 'zz', 'a', false)).toBeNull();
    expect(dropTarget(goals, 'a', 'zz', false)).toBeNull();
    expect(stageOfColumnId('column:agreed')).toBeNull();
  });
});
