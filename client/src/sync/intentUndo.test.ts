import {
  editGoalText,
  IntentOrigin,
  originOf,
  proposeGoal,
  readGoalById,
} from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';

/** Stands in for the provider: what the server sends is applied with the library's own origin object. */
const providerOrigin = { name: 'WebsocketProvider' };

const sendTo = (from: Y.Doc, to: Y.Doc) =>
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), providerOrigin);

describe('an undo manager scoped to this person’s intents', () => {
  it('undoes the person’s own intents and never what arrived from others', () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    const undo = new Y.UndoManager(mine.getMap('goals'), {
      trackedOrigins: new Set([IntentOrigin]),
      captureTimeout: 0,
    });
    const origins: unknown[] = [];
    mine.on('afterTransaction', (transaction: Y.Transaction) => origins.push(transaction.origin));

    const goalId = proposeGoal(mine, { title: 'Spielplatz', description: '', createdBy: 'p1', now: 1 });
    sendTo(mine, theirs);
    editGoalText(theirs, goalId, 'description', { index: 0, deleteCount: 0, insert: 'Von nebenan' });
    sendTo(theirs, mine);
    editGoalText(mine, goalId, 'title', { index: 10, deleteCount: 0, insert: ' sanieren' });

    expect(origins.map((origin) => originOf(origin)?.kind ?? 'library')).toEqual([
      'intent',
      'library',
      'intent',
    ]);
    expect(undo.undoStack).toHaveLength(2);

    undo.undo();
    expect(readGoalById(mine, goalId)).toMatchObject({ title: 'Spielplatz', description: 'Von nebenan' });
    undo.undo();
    expect(readGoalById(mine, goalId)).toBeNull();
    expect(undo.undoStack).toHaveLength(0);
    undo.redo();
    // The proposal comes back as this person wrote it; the other person's text was never this person's to undo.
    expect(readGoalById(mine, goalId)?.title).toBe('Spielplatz');
  });
});
