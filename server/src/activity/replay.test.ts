import {
  addComment,
  editGoalText,
  proposeGoal,
  removeGoal,
  setCommitment,
  setGoalLead,
  setGoalStage,
} from '@common-ground/shared/schema';
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

  it('makes one wording change of each person’s typing, however others type in between', () => {
    const s = session();
    const goalId = s.as('bea', 0, () =>
      proposeGoal(s.doc, { title: 'Park', description: '', createdBy: '', now: 0 }),
    );
    const type = (who: string, at: number, index: number, insert: string) =>
      s.as(who, at, () => editGoalText(s.doc, goalId, 'description', { index, deleteCount: 0, insert }));
    // Bea types at the start, Ali at the end, keystroke by keystroke, at the same time.
    type('bea', 1000, 0, 'B');
    type('ali', 1500, 1, '!');
    type('bea', 2000, 1, 'ä');
    type('ali', 2500, 3, '!');
    type('bea', 3000, 2, 'nke');
    // A pause of a minute ends Ali's contribution; ten minutes end Bea's, however steadily she types.
    for (let i = 1; i <= 11; i++) {
      type('bea', 3000 + i * 55_000, 0, ' ');
      if (i === 1) type('ali', 2500 + MINUTE, 8, '?');
    }
    const replay = new BoardReplay();
    // Incremental: two batches give what one would.
    replay.advance(s.log.slice(0, 3));
    replay.advance(s.log.slice(3));
    const wording = replay.events.flatMap((e) =>
      e.change.type === 'wording_changed'
        ? [
            {
              by: e.participantId,
              before: e.change.before,
              after: e.change.after,
              from: e.startedAt,
              at: e.at,
            },
          ]
        : [],
    );
    expect(wording).toEqual([
      // `after` is the field after the person's last edit: what the other typed meanwhile is in it.
      { by: 'bea', before: '', after: '          Bänke!!?', from: 1000, at: 3000 + 10 * 55_000 },
      { by: 'ali', before: 'B', after: 'Bä!!', from: 1500, at: 2500 },
      { by: 'ali', before: ' Bänke!!', after: ' Bänke!!?', from: 2500 + MINUTE, at: 2500 + MINUTE },
      {
        by: 'bea',
        before: '          Bänke!!?',
        after: '           Bänke!!?',
        from: 3000 + 11 * 55_000,
        at: 3000 + 11 * 55_000,
      },
    ]);
    expect(replay.lastSeq).toBe(s.log.length);
    replay.destroy();
  });

  it('makes one change of a lead chosen a few times in a row, and none of one chosen and undone', () => {
    const s = session();
    const goalId = s.as('bea', 0, () =>
      proposeGoal(s.doc, { title: 'Park', description: '', createdBy: '', now: 0 }),
    );
    s.as('bea', 1000, () => setGoalLead(s.doc, goalId, 'p1'));
    s.as('bea', 2000, () => setGoalLead(s.doc, goalId, 'p2'));
    s.as('ali', 3000, () => setCommitment(s.doc, goalId, 'p2', 'Räume'));
    s.as('ali', 4000, () => setCommitment(s.doc, goalId, 'p2', ''));
    const replay = new BoardReplay();
    replay.advance(s.log);
    const values = replay.events.flatMap((e) =>
      e.change.type === 'lead_changed' || e.change.type === 'commitment_changed'
        ? [{ type: e.change.type, before: e.change.before, after: e.change.after }]
        : [],
    );
    expect(values).toEqual([
      { type: 'lead_changed', before: null, after: 'p2' },
      { type: 'commitment_changed', before: null, after: null },
    ]);
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
