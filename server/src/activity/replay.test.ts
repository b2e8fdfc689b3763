import {
  addComment,
  editGoalText,
  proposeGoal,
  removeGoal,
  setCommitment,
  setGoalLead,
  setGoalStage,
} from '@common-ground/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { StoredUpdate } from '../storage/types';
import { BoardReplay } from './replay';

const MINUTE = 60_000;

/** A client document whose every transaction becomes one logged update of `sender` at the current `now`. */
function session() {
  const doc = new Y.Doc();
  const log: StoredUpdate[] = [];
  let sender: string | null = null;
  let now = 1_000;
  doc.on('update', (update: Uint8Array) => {
    log.push({ seq: log.length + 1, participantId: sender, update, at: now });
  });
  return {
    doc,
    log,
    as<T>(participantId: string | null, at: number, fn: () => T): T {
      sender = participantId;
      now = at;
      return fn();
    },
  };
}

const summary = (replay: BoardReplay) =>
  replay.events.map((e) => ({ type: e.change.type, by: e.participantId, goalId: e.goalId }));

describe('BoardReplay', () => {
  it('derives attributed goal events from the log, whatever createdBy or authorId claim', () => {
    const s = session();
    const goalId = s.as('bea', 1000, () =>
      proposeGoal(s.doc, { title: 'Park', description: 'Bänke', createdBy: 'ali', now: 1 }),
    );
    s.as('ali', 2000, () => setGoalStage(s.doc, goalId, 'discussing'));
    s.as('ali', 3000, () => addComment(s.doc, goalId, { authorId: 'bea', text: 'Gut', now: 3 }));
    s.as('bea', 4000, () => setGoalLead(s.doc, goalId, 'p1'));
    s.as('bea', 5000, () => setCommitment(s.doc, goalId, 'p2', 'Räume'));
    s.as(null, 6000, () => removeGoal(s.doc, goalId));
    const replay = new BoardReplay();
    replay.advance(s.log);
    expect(summary(replay)).toEqual([
      { type: 'goal_proposed', by: 'bea', goalId },
      { type: 'stage_changed', by: 'ali', goalId },
      { type: 'comment_added', by: 'ali', goalId },
      { type: 'lead_changed', by: 'bea', goalId },
      { type: 'commitment_changed', by: 'bea', goalId },
      { type: 'goal_removed', by: null, goalId },
    ]);
    expect(replay.proposers.get(goalId)).toBe('bea');
    expect([...replay.commentAuthors.values()]).toEqual(['ali']);
    expect(replay.titleOf(goalId)).toBe('Park');
    replay.destroy();
  });

  it('coalesces one person typing into one wording change, until someone else edits or time passes', () => {
    const s = session();
    const goalId = s.as('bea', 0, () =>
      proposeGoal(s.doc, { title: 'Park', description: '', createdBy: '', now: 0 }),
    );
    const type = (who: string, at: number, index: number, insert: string) =>
      s.as(who, at, () => editGoalText(s.doc, goalId, 'description', { index, deleteCount: 0, insert }));
    type('bea', 1000, 0, 'B');
    type('bea', 2000, 1, 'ä');
    type('bea', 3000, 2, 'nke');
    type('ali', 4000, 5, '!');
    type('ali', 4000 + 6 * MINUTE, 6, '?');
    const replay = new BoardReplay();
    // Incremental: two batches give what one would.
    replay.advance(s.log.slice(0, 3));
    replay.advance(s.log.slice(3));
    const wording = replay.events.flatMap((e) =>
      e.change.type === 'wording_changed'
        ? [{ by: e.participantId, ...e.change, at: e.at, from: e.startedAt }]
        : [],
    );
    expect(wording).toEqual([
      {
        by: 'bea',
        type: 'wording_changed',
        field: 'description',
        before: '',
        after: 'Bänke',
        at: 3000,
        from: 1000,
      },
      {
        by: 'ali',
        type: 'wording_changed',
        field: 'description',
        before: 'Bänke',
        after: 'Bänke!',
        at: 4000,
        from: 4000,
      },
      {
        by: 'ali',
        type: 'wording_changed',
        field: 'description',
        before: 'Bänke!',
        after: 'Bänke!?',
        at: 4000 + 6 * MINUTE,
        from: 4000 + 6 * MINUTE,
      },
    ]);
    expect(replay.lastSeq).toBe(s.log.length);
    replay.destroy();
  });

  it('ignores goals a foreign client wrote malformed', () => {
    const s = session();
    s.as('eve', 1000, () => s.doc.getMap('goals').set('junk', 'not a goal'));
    const replay = new BoardReplay();
    replay.advance(s.log);
    expect(replay.events).toEqual([]);
    replay.destroy();
  });
});
