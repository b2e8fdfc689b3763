import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  editGoalText,
  goalText,
  moveGoal,
  proposeGoal,
  readGoals,
  readGoalsInStage,
  removeGoal,
  setGoalStage,
} from './board';

/** Two replicas that exchange updates only when `sync()` is called, to simulate concurrency. */
function replicas() {
  const a = new Y.Doc();
  const b = new Y.Doc();
  const sync = () => {
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  };
  return { a, b, sync };
}

const propose = (doc: Y.Doc, id: string) =>
  proposeGoal(doc, { id, title: `Goal ${id}`, description: '', createdBy: 'p1', now: 1 });
const order = (doc: Y.Doc) => readGoals(doc).map((goal) => `${goal.stage}:${goal.id}`);

describe('proposeGoal', () => {
  it('appends to "proposed" with the given fields', () => {
    const doc = new Y.Doc();
    propose(doc, 'g1');
    propose(doc, 'g2');
    const goals = readGoals(doc);
    expect(goals.map((goal) => goal.id)).toEqual(['g1', 'g2']);
    expect(goals[0]).toMatchObject({ title: 'Goal g1', stage: 'proposed', createdBy: 'p1', createdAt: 1 });
  });

  it('generates distinct ids when none are given', () => {
    const doc = new Y.Doc();
    const ids = new Set(
      Array.from({ length: 50 }, () =>
        proposeGoal(doc, { title: 't', description: '', createdBy: 'p', now: 0 }),
      ),
    );
    expect(ids.size).toBe(50);
  });
});

describe('moveGoal', () => {
  it('moves within a stage and across stages', () => {
    const doc = new Y.Doc();
    for (const id of ['a', 'b', 'c']) propose(doc, id);
    moveGoal(doc, 'c', { stage: 'proposed', index: 0 });
    expect(readGoalsInStage(doc, 'proposed').map((goal) => goal.id)).toEqual(['c', 'a', 'b']);
    moveGoal(doc, 'a', { stage: 'discussing', index: 0 });
    setGoalStage(doc, 'b', 'discussing');
    expect(order(doc)).toEqual(['proposed:c', 'discussing:a', 'discussing:b']);
  });

  it('returns false for unknown goals and changes nothing', () => {
    const doc = new Y.Doc();
    propose(doc, 'a');
    expect(moveGoal(doc, 'missing', { stage: 'parked', index: 0 })).toBe(false);
    expect(order(doc)).toEqual(['proposed:a']);
  });

  it('concurrent moves of different goals converge to one order', () => {
    const { a, b, sync } = replicas();
    for (const id of ['g1', 'g2', 'g3', 'g4']) propose(a, id);
    sync();
    moveGoal(a, 'g4', { stage: 'proposed', index: 0 });
    moveGoal(b, 'g1', { stage: 'proposed', index: 3 });
    moveGoal(b, 'g2', { stage: 'ready', index: 0 });
    sync();
    expect(order(a)).toEqual(order(b));
    expect(order(a)).toEqual(['proposed:g4', 'proposed:g3', 'proposed:g1', 'ready:g2']);
  });

  it('concurrent moves into the same slot converge, and a later move between them still works', () => {
    const { a, b, sync } = replicas();
    for (const id of ['x', 'y', 'p', 'q']) propose(a, id);
    sync();
    moveGoal(a, 'p', { stage: 'discussing', index: 0 });
    moveGoal(b, 'q', { stage: 'discussing', index: 0 });
    sync();
    expect(order(a)).toEqual(order(b));
    const [first, second] = readGoalsInStage(a, 'discussing');
    // Both replicas generated the same rank; the id breaks the tie on every replica.
    expect(first?.rank).toBe(second?.rank);
    moveGoal(a, 'x', { stage: 'discussing', index: 1 });
    sync();
    expect(readGoalsInStage(b, 'discussing').map((goal) => goal.id)).toEqual(['p', 'x', 'q']);
  });

  it('concurrent inserts and moves from both sides converge (randomised, seeded)', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const { a, b, sync } = replicas();
    const stages = ['proposed', 'discussing', 'ready', 'parked'] as const;
    for (let round = 0; round < 30; round++) {
      for (const doc of [a, b]) {
        if (random() < 0.4) propose(doc, `g${round}-${doc.clientID}`);
        const goals = readGoals(doc);
        const goal = goals[Math.floor(random() * goals.length)];
        const stage = stages[Math.floor(random() * stages.length)] ?? 'proposed';
        if (goal) moveGoal(doc, goal.id, { stage, index: Math.floor(random() * 5) });
      }
      if (round % 3 === 0) sync();
    }
    sync();
    expect(order(a)).toEqual(order(b));
    expect(new Set(order(a)).size).toBe(readGoals(a).length);
  });
});

describe('collaborative text', () => {
  it('merges concurrent insertions character by character', () => {
    const { a, b, sync } = replicas();
    propose(a, 'g');
    sync();
    editGoalText(a, 'g', 'description', { index: 0, deleteCount: 0, insert: 'Spielplatz' });
    sync();
    editGoalText(a, 'g', 'description', { index: 0, deleteCount: 0, insert: 'Neuer ' });
    editGoalText(b, 'g', 'description', { index: 10, deleteCount: 0, insert: ' am Park' });
    sync();
    expect(goalText(a, 'g', 'description')?.toString()).toBe('Neuer Spielplatz am Park');
    expect(goalText(b, 'g', 'description')?.toString()).toBe('Neuer Spielplatz am Park');
  });

  it('removeGoal deletes a goal', () => {
    const doc = new Y.Doc();
    propose(doc, 'g');
    expect(removeGoal(doc, 'g')).toBe(true);
    expect(readGoals(doc)).toEqual([]);
    expect(removeGoal(doc, 'g')).toBe(false);
  });
});

describe('reading foreign or malformed entries', () => {
  it('ignores entries with wrong types, unknown stages or invalid ranks, and never throws', () => {
    const doc = new Y.Doc();
    propose(doc, 'good');
    const goals = doc.getMap<unknown>('goals');
    goals.set('plain-object', { title: 'x' });
    goals.set('number', 42);
    const badStage = new Y.Map<unknown>();
    goals.set('bad-stage', badStage);
    badStage.set('title', new Y.Text('t'));
    badStage.set('description', new Y.Text(''));
    badStage.set('stage', 'agreed');
    badStage.set('rank', 'a0');
    const badRank = new Y.Map<unknown>();
    goals.set('bad-rank', badRank);
    badRank.set('title', new Y.Text('t'));
    badRank.set('description', new Y.Text(''));
    badRank.set('stage', 'proposed');
    badRank.set('rank', '!!');
    const stringTitle = new Y.Map<unknown>();
    goals.set('string-title', stringTitle);
    stringTitle.set('title', 'not a Y.Text');
    stringTitle.set('description', new Y.Text(''));
    stringTitle.set('stage', 'proposed');
    stringTitle.set('rank', 'a1');
    expect(readGoals(doc).map((goal) => goal.id)).toEqual(['good']);
    expect(moveGoal(doc, 'bad-rank', { stage: 'parked', index: 0 })).toBe(false);
    expect(goalText(doc, 'string-title', 'title')).toBeNull();
  });

  it('moving next to neighbours still works when a foreign client wrote a malformed goal', () => {
    const doc = new Y.Doc();
    propose(doc, 'a');
    doc.getMap<unknown>('goals').set('junk', 'junk');
    propose(doc, 'b');
    moveGoal(doc, 'b', { stage: 'proposed', index: 0 });
    expect(readGoals(doc).map((goal) => goal.id)).toEqual(['b', 'a']);
  });
});
