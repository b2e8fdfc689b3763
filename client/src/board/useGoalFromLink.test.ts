import { describe, expect, it } from 'vitest';
import { linkedGoal } from './useGoalFromLink';

describe('linkedGoal', () => {
  it('reads the goal and the round focus a mail links to', () => {
    expect(linkedGoal('?goal=abcDEF123_-xyz456&focus=round')).toEqual({
      goalId: 'abcDEF123_-xyz456',
      focus: 'round',
    });
    expect(linkedGoal('?goal=g1')).toEqual({ goalId: 'g1', focus: 'goal' });
    expect(linkedGoal('?goal=g1&focus=elsewhere')).toEqual({ goalId: 'g1', focus: 'goal' });
  });

  it('opens nothing for a missing or malformed goal id', () => {
    expect(linkedGoal('')).toBeNull();
    expect(linkedGoal('?focus=round')).toBeNull();
    expect(linkedGoal('?goal=')).toBeNull();
    expect(linkedGoal('?goal=%3Cscript%3E')).toBeNull();
    expect(linkedGoal(`?goal=${'a'.repeat(65)}`)).toBeNull();
    expect(linkedGoal('?goal=a"]%20[data-x')).toBeNull();
  });
});
