import { IntentOrigin, readComments, readGoals } from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createIntents } from './intents';
import type { BoardTexts } from './keptText';

/** The intents on a fresh board, with the board's texts read straight from the document. */
function intents(journalGoalIds: string[] = []) {
  const doc = new Y.Doc();
  const texts = (): BoardTexts => {
    const goals = readGoals(doc);
    return {
      goals,
      details: Object.fromEntries(goals.map((g) => [g.id, { comments: readComments(doc, g.id) }])),
    };
  };
  const origins: unknown[] = [];
  doc.on('afterTransaction', (transaction: Y.Transaction) => origins.push(transaction.origin));
  return {
    doc,
    origins,
    board: createIntents(doc, 'p1', { texts, journalGoalIds: () => journalGoalIds, now: () => 5 }),
  };
}

describe('createIntents', () => {
  it('writes each action as an intent transaction by this participant', () => {
    const { doc, origins, board } = intents();
    const goalId = board.proposeGoal({ title: 'Spielplatz', description: 'Neue Bänke' });
    board.setGoalStage(goalId, 'ready');
    board.addComment(goalId, 'Gute Idee');
    expect(readGoals(doc)).toMatchObject([{ id: goalId, stage: 'ready', createdBy: 'p1', createdAt: 5 }]);
    expect(origins.every((origin) => origin instanceof IntentOrigin)).toBe(true);
    expect(origins.map((origin) => (origin as IntentOrigin).intent)).toEqual([
      'proposeGoal',
      'moveGoal',
      'addComment',
    ]);
  });

  it('offers back the texts this device wrote, and those the offline journal names', () => {
    const { doc, board } = intents();
    const mine = board.proposeGoal({ title: 'Spielplatz', description: 'Neue Bänke' });
    board.addComment(mine, 'Gute Idee');
    const kept = board.touchedTexts();
    expect(kept.map((k) => `${k.kind}:${k.text}`).sort()).toEqual([
      'comment:Gute Idee',
      'description:Neue Bänke',
      'title:Spielplatz',
    ]);
    // A goal someone else proposed is not this device's text, unless the journal says it was edited offline here.
    const other = new Y.Doc();
    const theirs = createIntents(other, 'p2', {
      texts: () => ({ goals: [], details: {} }),
      journalGoalIds: () => [],
    });
    const foreignId = theirs.proposeGoal({ title: 'Radweg', description: '' });
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    expect(board.touchedTexts().some((k) => k.goalId === foreignId)).toBe(false);
    const withJournal = intents([foreignId]);
    Y.applyUpdate(withJournal.doc, Y.encodeStateAsUpdate(other));
    expect(withJournal.board.touchedTexts()).toEqual([
      { goalId: foreignId, goalTitle: 'Radweg', kind: 'title', text: 'Radweg' },
    ]);
  });
});
