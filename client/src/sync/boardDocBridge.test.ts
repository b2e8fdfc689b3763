import {
  editGoalText,
  initBoard,
  proposeGoal,
  removeGoal,
  setGoalLead,
  setGoalStage,
} from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bridgeBoardDoc } from './boardDocBridge';
import type { BoardState } from './boardState';
import { createBoardStore } from './boardStore';

const providerOrigin = { name: 'provider' };

/** This device's board (a, b, c) with the bridge running, and another participant's replica of it. */
function board() {
  const doc = new Y.Doc();
  initBoard(doc, 'Runder Tisch', 1);
  for (const id of ['a', 'b', 'c']) {
    proposeGoal(doc, { id, title: `Ziel ${id}`, description: '', createdBy: 'p1', now: 1 });
  }
  const store = createBoardStore(doc, new Y.Doc(), []);
  const stop = bridgeBoardDoc(doc, store);
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  const receive = () =>
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)), providerOrigin);
  const states: BoardState[] = [];
  store.subscribe((state) => states.push(state));
  const goal = (id: string) => store.getState().goals.find((g) => g.id === id);
  return { doc, other, store, stop, receive, states, goal };
}

describe('bridgeBoardDoc', () => {
  it('re-reads only the goal a remote keystroke touched; everything else keeps its object', () => {
    const { other, store, receive, states, goal } = board();
    const before = store.getState();
    editGoalText(other, 'b', 'description', { index: 0, deleteCount: 0, insert: 'x' });
    receive();
    const after = store.getState();
    expect(states).toHaveLength(1);
    expect(goal('b')?.description).toBe('x');
    expect(after.goals[0]).toBe(before.goals[0]);
    expect(after.goals[2]).toBe(before.goals[2]);
    expect(after.goals[1]).not.toBe(before.goals[1]);
    expect(after.details).toBe(before.details);
    expect(after.goalRounds).toBe(before.goalRounds);
    expect(after.title).toBe('Runder Tisch');
  });

  it('changes only the details of a goal whose lead was set, and keeps the goals list', () => {
    const { doc, store } = board();
    const before = store.getState();
    setGoalLead(doc, 'a', 'partner-1');
    const after = store.getState();
    expect(after.goals).toBe(before.goals);
    expect(after.details.a?.structure.leadPartnerId).toBe('partner-1');
    expect(after.details.b).toBe(before.details.b);
  });

  it('follows moved, added and removed goals in board order', () => {
    const { doc, store } = board();
    setGoalStage(doc, 'a', 'ready');
    proposeGoal(doc, { id: 'd', title: 'Ziel d', description: '', createdBy: 'p1', now: 2 });
    removeGoal(doc, 'b');
    const { goals, details, goalRounds } = store.getState();
    expect(goals.map((g) => `${g.stage}:${g.id}`)).toEqual(['proposed:c', 'proposed:d', 'ready:a']);
    expect(Object.keys(details).sort()).toEqual(['a', 'c', 'd']);
    expect(Object.keys(goalRounds).sort()).toEqual(['a', 'c', 'd']);
  });

  it('sets nothing for an update that changed no goal and no title, and stops when asked', () => {
    const { doc, store, states, stop } = board();
    doc.getMap('elsewhere').set('x', 1);
    expect(states).toHaveLength(0);
    doc.getMap('board').set('title', 'Neuer Titel');
    expect(store.getState().title).toBe('Neuer Titel');
    stop();
    editGoalText(doc, 'a', 'title', { index: 0, deleteCount: 0, insert: 'x' });
    expect(store.getState().goals.find((g) => g.id === 'a')?.title).toBe('Ziel a');
  });
});
