import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard, proposeGoal, readGoalById } from './board';
import { addComment } from './goalDetails';
import { expectValid, repairAsServer, updatesDuring } from './repair.testkit';
import { type RepairScope, scopeOf } from './repairScope';

const title = (doc: Y.Doc, id = 'g') =>
  (doc.getMap<unknown>('goals').get(id) as Y.Map<unknown>).get('title') as Y.Text;

/** Applies `update` as the server does, returning the scope of the transaction it ran in. */
function applyWithScope(doc: Y.Doc, update: Uint8Array): RepairScope | null {
  let scope: RepairScope | null = null;
  const onUpdate = (_u: Uint8Array, _o: unknown, _d: Y.Doc, transaction: Y.Transaction) => {
    scope = scopeOf(transaction);
  };
  doc.on('update', onUpdate);
  Y.applyUpdate(doc, update, 'client');
  doc.off('update', onUpdate);
  return scope;
}

/** The update a change to `doc` emits. */
function captured(doc: Y.Doc, fn: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const onUpdate = (update: Uint8Array) => updates.push(update);
  doc.on('update', onUpdate);
  fn();
  doc.off('update', onUpdate);
  return Y.mergeUpdates(updates);
}

const replicaOf = (doc: Y.Doc) => {
  const replica = new Y.Doc();
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  return replica;
};

describe('repair convergence', () => {
  it('two valid concurrent edits that merge too long: every replica converges on the repaired title', () => {
    const server = new Y.Doc();
    proposeGoal(server, { id: 'g', title: '0123456789', description: '', createdBy: 'p1', now: 1 });
    const alice = replicaOf(server);
    const bob = replicaOf(server);
    // Each stays within 200 characters on its own replica.
    const fromAlice = captured(alice, () => title(alice).insert(10, 'a'.repeat(150)));
    const fromBob = captured(bob, () => title(bob).insert(0, 'b'.repeat(150)));
    expect(title(alice).length).toBe(160);

    const scopes = [applyWithScope(server, fromAlice), applyWithScope(server, fromBob)];
    expect(scopes.map((s) => [...(s?.goalIds ?? [])])).toEqual([['g'], ['g']]);
    expect(title(server).length).toBe(310);
    const repair = captured(server, () =>
      expect(repairAsServer(server, scopes[1] ?? undefined)).toHaveLength(1),
    );

    // The server relays each edit to the other client, and its repair to both.
    Y.applyUpdate(alice, fromBob);
    Y.applyUpdate(alice, repair);
    Y.applyUpdate(bob, repair);
    Y.applyUpdate(bob, fromAlice);
    for (const doc of [server, alice, bob]) {
      expect(readGoalById(doc, 'g')?.title).toBe(`${'b'.repeat(150)}0123456789${'a'.repeat(40)}`);
      expectValid(doc);
    }
    expect(Y.encodeStateAsUpdate(alice)).toEqual(Y.encodeStateAsUpdate(bob));
    expect(Y.encodeStateVector(server)).toEqual(Y.encodeStateVector(alice));
  });

  it('two servers repairing the same state at once converge on one valid state', () => {
    const origin = new Y.Doc();
    proposeGoal(origin, { id: 'g', title: 'Park', description: '', createdBy: 'p1', now: 1 });
    addComment(origin, 'g', { authorId: 'p1', text: 'Ja', now: 2 });
    const goal = origin.getMap<unknown>('goals').get('g') as Y.Map<unknown>;
    origin.transact(() => {
      title(origin).insert(4, 'x'.repeat(500));
      goal.set('stage', 'agreed');
      goal.set('rank', 7);
      goal.set('commitments', 'none');
      (goal.get('comments') as Y.Array<unknown>).push([{ id: 'c', text: 'no author' }]);
    });
    const one = replicaOf(origin);
    const two = replicaOf(origin);
    const fromOne = captured(one, () => repairAsServer(one));
    const fromTwo = captured(two, () => repairAsServer(two));
    Y.applyUpdate(one, fromTwo);
    Y.applyUpdate(two, fromOne);
    expect(one.getMap('goals').toJSON()).toEqual(two.getMap('goals').toJSON());
    expectValid(one);
    expectValid(two);
  });

  it('a repaired document emits no update when repaired again', () => {
    const doc = new Y.Doc();
    proposeGoal(doc, { id: 'g', title: 'Park', description: '', createdBy: 'p1', now: 1 });
    doc.transact(() => title(doc).insert(0, '🇩🇪'.repeat(100)));
    expect(updatesDuring(doc, () => repairAsServer(doc))).toBe(1);
    expect(title(doc).toString()).toBe('🇩🇪'.repeat(50));
    expect(updatesDuring(doc, () => expect(repairAsServer(doc)).toEqual([]))).toBe(0);
  });
});

describe('scopeOf', () => {
  const board = () => {
    const doc = new Y.Doc();
    initBoard(doc, 'Südstadt', 1);
    for (const id of ['g1', 'g2'])
      proposeGoal(doc, { id, title: id, description: '', createdBy: 'p', now: 1 });
    return doc;
  };
  const scopeOfChange = (doc: Y.Doc, fn: (goals: Y.Map<unknown>) => void) =>
    applyWithScope(
      replicaOf(doc),
      captured(doc, () => fn(doc.getMap('goals'))),
    );
  const asLists = (scope: RepairScope | null) => ({
    rootKeys: [...(scope?.rootKeys ?? [])].sort(),
    goalIds: [...(scope?.goalIds ?? [])].sort(),
  });

  it('names the goals whose entry or content changed, however deep', () => {
    const doc = board();
    expect(asLists(scopeOfChange(doc, () => title(doc, 'g1').insert(0, 'x')))).toEqual({
      rootKeys: ['goals'],
      goalIds: ['g1'],
    });
    expect(
      asLists(scopeOfChange(doc, () => addComment(doc, 'g2', { authorId: 'p', text: 'x', now: 1 }))),
    ).toEqual({ rootKeys: ['goals'], goalIds: ['g2'] });
    expect(
      asLists(
        scopeOfChange(doc, (goals) => {
          goals.delete('g1');
          proposeGoal(doc, { id: 'g3', title: 'neu', description: '', createdBy: 'p', now: 1 });
        }),
      ),
    ).toEqual({ rootKeys: ['goals'], goalIds: ['g1', 'g3'] });
  });

  it('names the root types changed outside the goals', () => {
    const doc = board();
    expect(asLists(scopeOfChange(doc, () => doc.getMap('board').set('title', 'x')))).toEqual({
      rootKeys: ['board'],
      goalIds: [],
    });
    expect(asLists(scopeOfChange(doc, () => doc.getText('foreign').insert(0, 'x'))).rootKeys).toEqual([
      'foreign',
    ]);
  });

  it('on a 300-goal board, a repair in the scope of one goal touches only that goal', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 300; i++) {
      proposeGoal(doc, { id: `g${i}`, title: `Ziel ${i}`, description: '', createdBy: 'p', now: i });
    }
    const goals = doc.getMap<unknown>('goals');
    // Invalid already, outside the scope: left as it is (readers ignore it, as before).
    doc.transact(() => (goals.get('g7') as Y.Map<unknown>).set('stage', 'agreed'));
    // What the server has already changes nothing: no update, no scope.
    expect(applyWithScope(doc, Y.encodeStateAsUpdate(doc))).toBeNull();

    const client = replicaOf(doc);
    const edit = captured(client, () => title(client, 'g150').insert(0, 'x'.repeat(300)));
    const editScope = applyWithScope(doc, edit);
    expect(asLists(editScope)).toEqual({ rootKeys: ['goals'], goalIds: ['g150'] });

    const touched = new Set<string>();
    goals.observeDeep((events) => {
      for (const event of events) touched.add(String(event.path[0] ?? [...event.changes.keys.keys()][0]));
    });
    const repairs = repairAsServer(doc, editScope ?? undefined);
    expect(repairs.map((r) => r.goalId)).toEqual(['g150']);
    expect([...touched]).toEqual(['g150']);
    expect((goals.get('g7') as Y.Map<unknown>).get('stage')).toBe('agreed');
    expect(repairAsServer(doc).map((r) => [r.goalId, r.field])).toEqual([['g7', 'stage']]);
  });
});
