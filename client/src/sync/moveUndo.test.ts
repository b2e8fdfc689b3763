import {
  editGoalText,
  moveGoal,
  proposeGoal,
  readGoalById,
  readGoalsInStage,
  setGoalStage,
} from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createMoveUndo, type UndoState } from './moveUndo';

/** Stands in for the provider: what arrives from the server carries the library's own origin object. */
const providerOrigin = { name: 'WebsocketProvider' };
const sendTo = (from: Y.Doc, to: Y.Doc) =>
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), providerOrigin);
const sync = (a: Y.Doc, b: Y.Doc) => {
  sendTo(a, b);
  sendTo(b, a);
};

function twoPeople() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const first = proposeGoal(a, { title: 'Spielplatz', description: '', createdBy: 'pa', now: 1 });
  const second = proposeGoal(a, { title: 'Radweg', description: '', createdBy: 'pa', now: 2 });
  sync(a, b);
  const states: UndoState[] = [];
  const undoA = createMoveUndo(a, (state) => states.push(state), 0);
  const undoB = createMoveUndo(b, () => {}, 0);
  return { a, b, first, second, undoA, undoB, states };
}

describe('undo of a person’s own moves', () => {
  it('reverts only A’s move on both copies, never B’s', () => {
    const { a, b, first, second, undoA, states } = twoPeople();
    setGoalStage(a, first, 'discussing');
    setGoalStage(b, second, 'parked');
    sync(a, b);

    expect(undoA.undo()).toBe(true);
    sync(a, b);
    for (const doc of [a, b]) {
      expect(readGoalById(doc, first)?.stage).toBe('proposed');
      expect(readGoalById(doc, second)?.stage).toBe('parked');
    }
    // Nothing else of A's to undo: B's move is not A's.
    expect(undoA.undo()).toBe(false);
    expect(states.at(-1)).toEqual({ canUndo: false, canRedo: true });

    expect(undoA.redo()).toBe(true);
    sync(a, b);
    expect(readGoalById(b, first)?.stage).toBe('discussing');
  });

  it('never takes back another person’s later move of the same goal', () => {
    const { a, b, first, undoA } = twoPeople();
    setGoalStage(a, first, 'discussing');
    sync(a, b);
    setGoalStage(b, first, 'ready');
    sync(a, b);

    undoA.undo();
    sync(a, b);
    expect(readGoalById(a, first)?.stage).toBe('ready');
    expect(readGoalById(b, first)?.stage).toBe('ready');
  });

  it('leaves text edits, proposals and what arrives from others to their own undo', () => {
    const { a, b, first, undoA, states } = twoPeople();
    editGoalText(a, first, 'title', { index: 10, deleteCount: 0, insert: ' sanieren' });
    proposeGoal(b, { title: 'Hoffest', description: '', createdBy: 'pb', now: 3 });
    sync(a, b);
    expect(states).toEqual([]);
    expect(undoA.undo()).toBe(false);
    expect(readGoalById(a, first)?.title).toBe('Spielplatz sanieren');
  });

  it('restores the order within a stage', () => {
    const { a, first, second, undoA } = twoPeople();
    const order = () => readGoalsInStage(a, 'proposed').map((goal) => goal.id);
    const before = order();
    moveGoal(a, second, { stage: 'proposed', index: 0 });
    expect(order()).toEqual([second, first]);
    undoA.undo();
    expect(order()).toEqual(before);
  });
});
