import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isWithdrawn, proposeGoal, readGoalById, readGoals, restoreGoal, withdrawGoal } from './board';
import { IntentOrigin } from './origins';
import { repairAsServer } from './repair.testkit';

const board = () => {
  const doc = new Y.Doc();
  proposeGoal(doc, { id: 'g', title: 'Spielplatz', description: '', createdBy: 'p1', now: 1 });
  return doc;
};
const goal = (doc: Y.Doc) => doc.getMap<unknown>('goals').get('g') as Y.Map<unknown>;

describe('withdrawGoal and restoreGoal', () => {
  it('withdraw keeps the stage and names who and when; restore clears both', () => {
    const doc = board();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    expect(withdrawGoal(doc, 'g', 'p1', 5000)).toBe(true);
    const withdrawn = readGoalById(doc, 'g');
    expect(withdrawn).toMatchObject({ stage: 'proposed', withdrawnAt: 5000, withdrawnBy: 'p1' });
    expect(withdrawn && isWithdrawn(withdrawn)).toBe(true);
    // Still read with the others: screens decide where a withdrawn goal shows.
    expect(readGoals(doc).map((g) => g.id)).toEqual(['g']);
    expect(restoreGoal(doc, 'g')).toBe(true);
    const restored = readGoalById(doc, 'g');
    expect(restored && isWithdrawn(restored)).toBe(false);
    expect(restored).not.toHaveProperty('withdrawnBy');
    expect(origins.map((o) => (o instanceof IntentOrigin ? o.intent : o))).toEqual([
      'withdrawGoal',
      'restoreGoal',
    ]);
  });

  it('does nothing for an unknown goal, or restoring one that is not withdrawn', () => {
    const doc = board();
    expect(withdrawGoal(doc, 'nope', 'p1', 1)).toBe(false);
    expect(restoreGoal(doc, 'g')).toBe(false);
  });

  it('reads malformed values as not withdrawn, and a withdrawnBy without a time as nobody', () => {
    const doc = board();
    for (const at of ['5000', -1, Number.NaN, Number.POSITIVE_INFINITY, 1e300]) {
      goal(doc).set('withdrawnAt', at);
      expect(readGoalById(doc, 'g')).not.toHaveProperty('withdrawnAt');
    }
    goal(doc).delete('withdrawnAt');
    goal(doc).set('withdrawnBy', 'p1');
    expect(readGoalById(doc, 'g')).not.toHaveProperty('withdrawnBy');
  });
});

describe('repair of the withdrawal fields', () => {
  it('keeps valid ones', () => {
    const doc = board();
    withdrawGoal(doc, 'g', 'p1', 5000);
    expect(repairAsServer(doc)).toEqual([]);
  });

  it('drops huge, malformed and orphaned values, keeping the goal and its stage', () => {
    const doc = board();
    goal(doc).set('withdrawnAt', 1e300);
    goal(doc).set('withdrawnBy', 'x'.repeat(100_000));
    expect(repairAsServer(doc).map((r) => [r.kind, r.field])).toEqual([
      ['delete', 'withdrawnAt'],
      ['delete', 'withdrawnBy'],
    ]);
    expect(goal(doc).has('withdrawnAt')).toBe(false);
    expect(goal(doc).has('withdrawnBy')).toBe(false);

    goal(doc).set('withdrawnAt', { at: 1 });
    goal(doc).set('withdrawnBy', 42);
    expect(repairAsServer(doc)).toHaveLength(2);

    // Who withdrew it means nothing without when.
    goal(doc).set('withdrawnBy', 'p1');
    expect(repairAsServer(doc).map((r) => r.field)).toEqual(['withdrawnBy']);
    expect(readGoalById(doc, 'g')?.stage).toBe('proposed');
  });
});
