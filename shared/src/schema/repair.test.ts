import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard, proposeGoal, readGoalById, readGoals } from './board';
import { addComment, readComments, readGoalStructure, setCommitment, setGoalLead } from './goalDetails';
import { SERVER_ORIGIN } from './origins';
import { repairBoard } from './repair';
import { CONTEXT, expectValid, repairAsServer, updatesDuring } from './repair.testkit';
import { graphemeCut } from './repairText';

const boardWithGoals = (...ids: string[]) => {
  const doc = new Y.Doc();
  initBoard(doc, 'Runder Tisch Südstadt', 1);
  for (const id of ids)
    proposeGoal(doc, { id, title: 'Spielplatz', description: 'Bänke', createdBy: 'p1', now: 1 });
  return doc;
};
const goal = (doc: Y.Doc, id = 'g') => doc.getMap<unknown>('goals').get(id) as Y.Map<unknown>;
/** A write as a foreign client would make it: plain Yjs, no intent. */
const write = (doc: Y.Doc, fn: () => void) => doc.transact(fn, 'foreign');

describe('graphemeCut', () => {
  const a199 = 'a'.repeat(199);
  it('keeps what fits and cuts at the limit between plain characters', () => {
    expect(graphemeCut('abc', 3)).toBe(3);
    expect(graphemeCut('abcd', 3)).toBe(3);
    expect(graphemeCut('abcd', 0)).toBe(0);
  });
  it('never splits a surrogate pair, an emoji with its modifier or a ZWJ sequence', () => {
    expect(graphemeCut(`${a199}😀`, 200)).toBe(199);
    expect(graphemeCut(`${a199}a👍🏽`, 202)).toBe(200);
    expect(graphemeCut(`${a199}👨‍👩‍👧`, 205)).toBe(199);
  });
  it('sees that what follows the limit belongs to the grapheme before it', () => {
    // A combining accent, and an emoji modifier (a surrogate pair) right at the limit: no boundary at 200.
    expect(graphemeCut(`${a199}a\u0301`, 200)).toBe(199);
    expect(graphemeCut(`${a199}👍🏽`, 201)).toBe(199);
  });
  it('falls back to code points without a segmenter', () => {
    expect(graphemeCut(`${a199}😀`, 200, null)).toBe(199);
    expect(graphemeCut(`${a199}a\u0301`, 200, null)).toBe(200);
  });
});

describe('repairBoard', () => {
  it('changes nothing, and emits no update, on a valid board', () => {
    const doc = boardWithGoals('g1', 'g2');
    setGoalLead(doc, 'g1', 'housing');
    setCommitment(doc, 'g1', 'school', 'Schulhof');
    addComment(doc, 'g1', { authorId: 'p1', text: 'Gute Idee', now: 2 });
    expect(updatesDuring(doc, () => expect(repairAsServer(doc)).toEqual([]))).toBe(0);
  });

  it('must run inside the caller’s transaction', () => {
    expect(() => repairBoard(boardWithGoals('g'), CONTEXT)).toThrow(/transaction/);
  });

  it('cuts a title and a description at their limits, attributed to the server, in one update', () => {
    const doc = boardWithGoals('g');
    write(doc, () => {
      (goal(doc).get('title') as Y.Text).insert(10, 'x'.repeat(100_000));
      (goal(doc).get('description') as Y.Text).insert(0, 'y'.repeat(100_000));
    });
    const origins: unknown[] = [];
    doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
    expect(repairAsServer(doc)).toEqual([
      { kind: 'truncate', root: 'goals', goalId: 'g', field: 'title', entry: null },
      { kind: 'truncate', root: 'goals', goalId: 'g', field: 'description', entry: null },
    ]);
    expect(origins).toEqual([SERVER_ORIGIN]);
    const read = readGoalById(doc, 'g');
    expect(read?.title).toBe(`Spielplatz${'x'.repeat(190)}`);
    expect(read?.description).toBe('y'.repeat(20_000));
    expectValid(doc);
  });

  it('deletes embeds from a text, keeping its characters', () => {
    const doc = boardWithGoals('g');
    write(doc, () => {
      const title = goal(doc).get('title') as Y.Text;
      title.insertEmbed(5, { junk: 'x'.repeat(1000) });
      title.insertEmbed(0, new Y.Map());
    });
    expect(repairAsServer(doc)).toEqual([
      { kind: 'delete', root: 'goals', goalId: 'g', field: 'title', entry: 'embeds' },
    ]);
    expect((goal(doc).get('title') as Y.Text).length).toBe('Spielplatz'.length);
    expectValid(doc);
  });

  it('resets a text that is missing or not a plain Y.Text, keeping the goal', () => {
    const doc = boardWithGoals('g');
    write(doc, () => {
      goal(doc).set('title', 'a plain string');
      goal(doc).set('description', new Y.XmlText('<b>markup</b>'));
    });
    expect(readGoalById(doc, 'g')).toBeNull();
    repairAsServer(doc);
    expect(readGoalById(doc, 'g')).toMatchObject({ title: '', description: '', stage: 'proposed' });
    write(doc, () => goal(doc).delete('title'));
    expect(repairAsServer(doc)).toEqual([
      { kind: 'reset', root: 'goals', goalId: 'g', field: 'title', entry: null },
    ]);
    expectValid(doc);
  });

  it('resets a stage to "proposed" and an invalid rank to the end of the goal’s stage', () => {
    const doc = boardWithGoals('a', 'b', 'c');
    write(doc, () => {
      goal(doc, 'a').set('stage', 'agreed');
      goal(doc, 'b').set('rank', 'nicht gültig!');
      goal(doc, 'c').set('rank', `a0${'V'.repeat(300)}`);
    });
    expect(repairAsServer(doc).map((r) => [r.goalId, r.kind, r.field])).toEqual([
      ['a', 'reset', 'stage'],
      ['b', 'reset', 'rank'],
      ['c', 'reset', 'rank'],
    ]);
    // b follows a (its rank kept), c follows b: the order the repair went in.
    expect(readGoals(doc).map((g) => g.id)).toEqual(['a', 'b', 'c']);
    expectValid(doc);
  });

  it('deletes an entry that is no map, or whose key is no id', () => {
    const doc = boardWithGoals('g');
    write(doc, () => {
      doc.getMap('goals').set('junk', 'x'.repeat(10_000));
      doc.getMap('goals').set('nicht gültig!', new Y.Map());
      doc.getMap('goals').set('x'.repeat(65), goal(doc).clone());
    });
    expect(repairAsServer(doc).map((r) => [r.kind, r.goalId, r.field])).toEqual([
      ['delete', 'junk', null],
      ['delete', 'nicht gültig!', null],
      ['delete', 'x'.repeat(64), null],
    ]);
    expect([...doc.getMap('goals').keys()]).toEqual(['g']);
    expectValid(doc);
  });

  it('deletes unknown fields and malformed optional ones', () => {
    const doc = boardWithGoals('g');
    write(doc, () => {
      goal(doc).set('zzz', new Y.Array());
      goal(doc).set('agreed', true);
      goal(doc).set('createdBy', { id: 'p1' });
      goal(doc).set('createdAt', Number.NaN);
      goal(doc).set('lead', 'nicht gültig!');
      goal(doc).set('reviewDate', '30.06.2027');
    });
    expect(repairAsServer(doc).map((r) => [r.kind, r.field])).toEqual([
      ['delete', 'agreed'],
      ['delete', 'zzz'],
      ['delete', 'createdBy'],
      ['delete', 'createdAt'],
      ['delete', 'lead'],
      ['delete', 'reviewDate'],
    ]);
    expect(readGoalById(doc, 'g')).toMatchObject({ createdBy: '', createdAt: 0 });
    expectValid(doc);
  });

  it('keeps a lead and a review date that are valid', () => {
    const doc = boardWithGoals('g');
    write(doc, () => {
      goal(doc).set('lead', 'city');
      goal(doc).set('reviewDate', '2027-06-30');
    });
    expect(repairAsServer(doc)).toEqual([]);
    expect(readGoalStructure(doc, 'g')).toMatchObject({ leadPartnerId: 'city', reviewDate: '2027-06-30' });
  });

  it('deletes commitments of unknown partners or of no text, and cuts long ones', () => {
    const doc = boardWithGoals('g');
    write(doc, () => {
      const commitments = goal(doc).get('commitments') as Y.Map<unknown>;
      commitments.set('school', 'Schulhof');
      commitments.set('housing', 'z'.repeat(5000));
      commitments.set('city', 42);
      commitments.set('nobody', 'Geld');
    });
    expect(repairAsServer(doc).map((r) => [r.kind, r.entry])).toEqual([
      ['delete', 'city'],
      ['truncate', 'housing'],
      ['delete', 'nobody'],
    ]);
    expect(readGoalStructure(doc, 'g').commitments).toEqual([
      { partnerId: 'housing', text: 'z'.repeat(1000) },
      { partnerId: 'school', text: 'Schulhof' },
    ]);
    write(doc, () => goal(doc).set('commitments', 'all of them'));
    expect(repairAsServer(doc).map((r) => [r.kind, r.field])).toEqual([['reset', 'commitments']]);
    expectValid(doc);
  });

  it('deletes malformed comments (runs at once), keeping the valid ones in order', () => {
    const doc = boardWithGoals('g');
    const valid = { id: 'c1', authorId: 'p1', text: 'Ja', at: 1 };
    write(doc, () => {
      (goal(doc).get('comments') as Y.Array<unknown>).push([
        { ...valid, text: 'x'.repeat(4001) },
        valid,
        { ...valid, id: 'nicht gültig!' },
        { ...valid, authorId: 7 },
        { ...valid, at: Number.POSITIVE_INFINITY },
        { ...valid, extra: 'x'.repeat(10_000) },
        { ...valid, id: 'c2' },
        [valid],
        null,
        new Y.Map(),
      ]);
    });
    expect(repairAsServer(doc).map((r) => r.entry)).toEqual(['7-9', '2-5', '0']);
    expect(readComments(doc, 'g').map((c) => c.id)).toEqual(['c1', 'c2']);
    write(doc, () => goal(doc).set('comments', new Y.Map()));
    expect(repairAsServer(doc).map((r) => [r.kind, r.field])).toEqual([['reset', 'comments']]);
    expectValid(doc);
  });

  it('leaves absent optional fields absent (goals from before comments and commitments)', () => {
    const doc = boardWithGoals('g');
    write(doc, () => {
      for (const field of ['comments', 'commitments', 'createdBy', 'createdAt']) goal(doc).delete(field);
    });
    expect(repairAsServer(doc)).toEqual([]);
  });

  it('cuts the board title and deletes what the board map does not hold', () => {
    const doc = boardWithGoals();
    write(doc, () => {
      doc.getMap('board').set('title', 't'.repeat(300));
      doc.getMap('board').set('createdAt', '2027');
      doc.getMap('board').set('settings', { huge: 'x'.repeat(1000) });
    });
    expect(repairAsServer(doc)).toEqual([
      { kind: 'delete', root: 'board', goalId: null, field: 'createdAt', entry: null },
      { kind: 'delete', root: 'board', goalId: null, field: 'settings', entry: null },
      { kind: 'truncate', root: 'board', goalId: null, field: 'title', entry: null },
    ]);
    expect(doc.getMap('board').toJSON()).toEqual({ title: 't'.repeat(200) });
    write(doc, () => doc.getMap('board').set('title', 7));
    expect(repairAsServer(doc).map((r) => [r.kind, r.field])).toEqual([['delete', 'title']]);
    expectValid(doc);
  });

  it('takes the limits and the partners from the context', () => {
    const doc = boardWithGoals('g');
    setGoalLead(doc, 'g', 'housing');
    const context = { isPartner: () => false, limits: { ...CONTEXT.limits, titleChars: 5 } };
    expect(repairAsServer(doc, undefined, context).map((r) => `${r.root}.${r.field}`)).toEqual([
      'board.title',
      'goals.title',
      'goals.lead',
    ]);
    expect(readGoalById(doc, 'g')?.title).toBe('Spiel');
    expectValid(doc, context);
  });
});
