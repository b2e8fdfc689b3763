import {
  addComment,
  commentHash,
  proposeGoal,
  type RepairScope,
  scopeOf,
} from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocEvent } from '../activity/replay';
import { attributionsFromEvents } from './backfill';
import { claimNew, noteLoaded } from './claims';

/** Runs `edit` in one transaction and returns what it touched, as the room hands it to the schema. */
function touched(doc: Y.Doc, edit: () => void): RepairScope {
  let scope: RepairScope | null = null;
  const capture = (tr: Y.Transaction) => {
    scope = scopeOf(tr);
  };
  doc.on('afterTransaction', capture);
  doc.transact(edit);
  doc.off('afterTransaction', capture);
  if (!scope) throw new Error('no transaction');
  return scope;
}

describe('claimNew', () => {
  it('claims what an update brings in, for its sender, whatever the document says', () => {
    const doc = new Y.Doc();
    noteLoaded(doc);
    let goalId = '';
    let commentId: string | null = null;
    const scope = touched(doc, () => {
      goalId = proposeGoal(doc, { title: 'Bänke', description: '', createdBy: 'someone-else', now: 1 });
      commentId = addComment(doc, goalId, { authorId: 'facilitator', text: 'Ja', now: 1 });
    });
    expect(claimNew(doc, scope, 'writer', 5)).toEqual([
      { kind: 'goal', id: goalId, goalId, participantId: 'writer', at: 5, contentHash: null },
      {
        kind: 'comment',
        id: commentId,
        goalId,
        participantId: 'writer',
        at: 5,
        contentHash: commentHash('Ja'),
      },
    ]);
  });

  it('claims nothing that was there at load or was claimed before, nor a re-set id or repeated comment id', () => {
    const doc = new Y.Doc();
    const old = proposeGoal(doc, { title: 'Alt', description: '', createdBy: 'x', now: 1 });
    const oldComment = addComment(doc, old, { authorId: 'x', text: 'alt', now: 1 }) ?? '';
    noteLoaded(doc);
    const goals = doc.getMap<unknown>('goals');
    const scope = touched(doc, () => {
      goals.delete(old);
      const replaced = new Y.Map<unknown>();
      replaced.set('comments', Y.Array.from([{ id: oldComment, authorId: 'x', text: 'anders', at: 2 }]));
      goals.set(old, replaced);
    });
    expect(claimNew(doc, scope, 'taker', 5)).toEqual([]);
  });

  it('claims nothing for a goal key that holds no goal, and nothing on a document not noted at load', () => {
    const doc = new Y.Doc();
    noteLoaded(doc);
    const scope = touched(doc, () => doc.getMap<unknown>('goals').set('g1', 'not a goal'));
    expect(claimNew(doc, scope, 'writer', 5)).toEqual([]);

    const unnoted = new Y.Doc();
    const fresh = touched(unnoted, () =>
      proposeGoal(unnoted, { title: 'T', description: '', createdBy: 'x', now: 1 }),
    );
    expect(claimNew(unnoted, fresh, 'writer', 5)).toEqual([]);
  });
});

describe('attributionsFromEvents', () => {
  const event = (participantId: string | null, change: DocEvent['change'], at: number): DocEvent => ({
    id: String(at),
    goalId: 'g1',
    participantId,
    startedAt: at,
    at,
    goalTitle: 'T',
    change,
  });

  it('keeps the first proposer and comment author by the log, and skips the server', () => {
    const proposed = { type: 'goal_proposed', title: 'T', description: '' } as const;
    const comment = { type: 'comment_added', commentId: 'c1', text: 'Hallo' } as const;
    expect(
      attributionsFromEvents([
        event(null, comment, 1),
        event('a', proposed, 2),
        event('a', comment, 3),
        event('b', proposed, 4),
        event('b', { ...comment, text: 'Anders' }, 5),
      ]),
    ).toEqual([
      { kind: 'goal', id: 'g1', goalId: 'g1', participantId: 'a', at: 2, contentHash: null },
      {
        kind: 'comment',
        id: 'c1',
        goalId: 'g1',
        participantId: 'a',
        at: 3,
        contentHash: commentHash('Hallo'),
      },
    ]);
  });
});
