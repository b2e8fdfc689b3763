import type { Goal, Stage } from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import {
  columnDroppableId,
  moveFor,
  ownSlot,
  slotIndexAt,
  stageOfColumnId,
  stepOfKey,
  stepSlot,
} from './dropTarget';

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

describe('slotIndexAt', () => {
  it('counts the other cards whose middle is above the dragged centre', () => {
    const middles = [100, 200, 300];
    expect(slotIndexAt(middles, 50)).toBe(0);
    expect(slotIndexAt(middles, 150)).toBe(1);
    expect(slotIndexAt(middles, 299)).toBe(2);
    expect(slotIndexAt(middles, 301)).toBe(3);
    expect(slotIndexAt([], 120)).toBe(0);
  });
});

describe('moveFor', () => {
  it('moves into another column at the slot', () => {
    expect(moveFor(goals, 'a', { stage: 'ready', index: 0 })).toEqual({ stage: 'ready', index: 0 });
    expect(moveFor(goals, 'a', { stage: 'discussing', index: 1 })).toEqual({ stage: 'discussing', index: 1 });
    expect(moveFor(goals, 'a', { stage: 'discussing', index: 2 })).toEqual({ stage: 'discussing', index: 2 });
  });

  it('reorders within the column, and does nothing at the goal’s own slot', () => {
    expect(moveFor(goals, 'a', { stage: 'proposed', index: 2 })).toEqual({ stage: 'proposed', index: 2 });
    expect(moveFor(goals, 'c', { stage: 'proposed', index: 0 })).toEqual({ stage: 'proposed', index: 0 });
    expect(moveFor(goals, 'b', { stage: 'proposed', index: 1 })).toBeNull();
  });

  it('ignores unknown goals', () => {
    expect(moveFor(goals, 'zz', { stage: 'ready', index: 0 })).toBeNull();
    expect(ownSlot(goals, 'zz')).toBeNull();
  });
});

describe('stepSlot', () => {
  // Dragging "a": the other goals are b, c in "proposed" and x, y in "discussing".
  const othersIn = (stage: Stage) => goals.filter((goal) => goal.stage === stage && goal.id !== 'a').length;

  it('moves up and down within the column, not past its ends', () => {
    expect(stepSlot({ stage: 'proposed', index: 0 }, 'down', othersIn)).toEqual({
      stage: 'proposed',
      index: 1,
    });
    expect(stepSlot({ stage: 'proposed', index: 2 }, 'down', othersIn)).toEqual({
      stage: 'proposed',
      index: 2,
    });
    expect(stepSlot({ stage: 'proposed', index: 0 }, 'up', othersIn)).toEqual({
      stage: 'proposed',
      index: 0,
    });
  });

  it('moves to the previous and next stage at the same position or its end', () => {
    expect(stepSlot({ stage: 'proposed', index: 1 }, 'next', othersIn)).toEqual({
      stage: 'discussing',
      index: 1,
    });
    expect(stepSlot({ stage: 'discussing', index: 2 }, 'next', othersIn)).toEqual({
      stage: 'ready',
      index: 0,
    });
    expect(stepSlot({ stage: 'proposed', index: 1 }, 'previous', othersIn)).toEqual({
      stage: 'proposed',
      index: 1,
    });
    expect(stepSlot({ stage: 'parked', index: 0 }, 'next', othersIn)).toEqual({ stage: 'parked', index: 0 });
  });

  it('follows the reading direction: ArrowRight goes to the column on the right, the previous stage in RTL', () => {
    expect(stepOfKey('ArrowRight', 'ltr')).toBe('next');
    expect(stepOfKey('ArrowLeft', 'ltr')).toBe('previous');
    expect(stepOfKey('ArrowRight', 'rtl')).toBe('previous');
    expect(stepOfKey('ArrowLeft', 'rtl')).toBe('next');
    expect(stepOfKey('ArrowDown', 'rtl')).toBe('down');
    expect(stepOfKey('ArrowUp', 'ltr')).toBe('up');
    expect(stepOfKey('KeyA', 'ltr')).toBeUndefined();
  });
});

describe('column ids', () => {
  it('tell a stage column from anything else', () => {
    expect(stageOfColumnId(columnDroppableId('ready'))).toBe('ready');
    expect(stageOfColumnId('column:agreed')).toBeNull();
    expect(stageOfColumnId('a')).toBeNull();
  });
});
