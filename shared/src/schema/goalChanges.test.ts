import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editGoalText, proposeGoal, removeGoal, setGoalStage } from './board';
import { type GoalsChange, observeGoals } from './goalChanges';
import { addComment, setCommitment, setGoalLead } from './goalDetails';

const propose = (doc: Y.Doc, id: string) =>
  proposeGoal(doc, { id, title: `Goal ${id}`, description: '', createdBy: 'p1', now: 1 });

/** A board with goals a and b, and the changes observed after that. */
function board() {
  const doc = new Y.Doc();
  propose(doc, 'a');
  propose(doc, 'b');
  const changes: GoalsChange[] = [];
  observeGoals(doc, (change) => changes.push(change));
  const sorted = (ids: ReadonlySet<string>) => [...ids].sort();
  const last = () => {
    const change = changes.at(-1);
    if (!change) throw new Error('no change observed');
    return { goalIds: sorted(change.goalIds), wordingIds: sorted(change.wordingIds) };
  };
  return { doc, changes, last };
}

describe('observeGoals', () => {
  it('names the one goal whose text was edited, as a wording change', () => {
    const { doc, last } = board();
    editGoalText(doc, 'b', 'description', { index: 0, deleteCount: 0, insert: 'x' });
    expect(last()).toEqual({ goalIds: ['b'], wordingIds: ['b'] });
  });

  it('names a moved goal, and the structure and comments of a goal, without a wording change', () => {
    const { doc, last } = board();
    setGoalStage(doc, 'a', 'ready');
    expect(last()).toEqual({ goalIds: ['a'], wordingIds: [] });
    setGoalLead(doc, 'b', 'partner-1');
    expect(last()).toEqual({ goalIds: ['b'], wordingIds: [] });
    setCommitment(doc, 'a', 'partner-1', 'Räume');
    expect(last()).toEqual({ goalIds: ['a'], wordingIds: [] });
    addComment(doc, 'b', { authorId: 'p1', text: 'Gut', now: 2 });
    expect(last()).toEqual({ goalIds: ['b'], wordingIds: [] });
  });

  it('names added and removed goals', () => {
    const { doc, last } = board();
    propose(doc, 'c');
    expect(last()).toEqual({ goalIds: ['c'], wordingIds: [] });
    removeGoal(doc, 'a');
    expect(last()).toEqual({ goalIds: ['a'], wordingIds: [] });
  });

  it('counts a replaced text as a wording change', () => {
    const { doc, last } = board();
    const goal = doc.getMap<unknown>('goals').get('a');
    if (!(goal instanceof Y.Map)) throw new Error('goal a missing');
    goal.set('title', new Y.Text('Neu'));
    expect(last()).toEqual({ goalIds: ['a'], wordingIds: ['a'] });
  });

  it('reports once per transaction, with every goal it touched (a remote update too)', () => {
    const { doc, changes, last } = board();
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    remote.transact(() => {
      editGoalText(remote, 'a', 'title', { index: 0, deleteCount: 1, insert: 'Z' });
      setGoalStage(remote, 'b', 'parked');
    });
    const before = changes.length;
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(doc)), 'provider');
    expect(changes.length).toBe(before + 1);
    expect(last()).toEqual({ goalIds: ['a', 'b'], wordingIds: ['a'] });
  });

  it('stops observing when asked', () => {
    const doc = new Y.Doc();
    const changes: GoalsChange[] = [];
    const stop = observeGoals(doc, (change) => changes.push(change));
    stop();
    propose(doc, 'a');
    expect(changes).toEqual([]);
  });
});
