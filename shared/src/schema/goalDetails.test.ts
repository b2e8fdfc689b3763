import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { proposeGoal } from './board';
import {
  addComment,
  isReviewDue,
  readComments,
  readGoalStructure,
  setCommitment,
  setGoalLead,
  setReviewDate,
} from './goalDetails';

const docWithGoal = () => {
  const doc = new Y.Doc();
  proposeGoal(doc, { id: 'g', title: 'Spielplatz', description: '', createdBy: 'p1', now: 1 });
  return doc;
};

describe('goal structure', () => {
  it('starts empty and records lead, commitments and review date', () => {
    const doc = docWithGoal();
    expect(readGoalStructure(doc, 'g')).toEqual({ leadPartnerId: null, commitments: [], reviewDate: null });
    setGoalLead(doc, 'g', 'housing');
    setCommitment(doc, 'g', 'school', 'Schulhof am Samstag');
    setCommitment(doc, 'g', 'city', ' 5.000 € ');
    setReviewDate(doc, 'g', '2027-06-30');
    expect(readGoalStructure(doc, 'g')).toEqual({
      leadPartnerId: 'housing',
      commitments: [
        { partnerId: 'city', text: '5.000 €' },
        { partnerId: 'school', text: 'Schulhof am Samstag' },
      ],
      reviewDate: '2027-06-30',
    });
    setCommitment(doc, 'g', 'city', '');
    setGoalLead(doc, 'g', null);
    expect(readGoalStructure(doc, 'g').commitments.map((c) => c.partnerId)).toEqual(['school']);
    expect(readGoalStructure(doc, 'g').leadPartnerId).toBeNull();
  });

  it('rejects malformed dates and unknown goals', () => {
    const doc = docWithGoal();
    expect(setReviewDate(doc, 'g', '30.06.2027')).toBe(false);
    expect(setGoalLead(doc, 'missing', 'x')).toBe(false);
  });

  it('flags a passed review date', () => {
    const doc = docWithGoal();
    setReviewDate(doc, 'g', '2027-01-31');
    expect(isReviewDue(readGoalStructure(doc, 'g'), '2027-02-01')).toBe(true);
    expect(isReviewDue(readGoalStructure(doc, 'g'), '2027-01-31')).toBe(false);
  });

  it('ignores malformed foreign values', () => {
    const doc = docWithGoal();
    const goal = doc.getMap<unknown>('goals').get('g') as Y.Map<unknown>;
    goal.set('lead', 42);
    goal.set('reviewDate', 'soon');
    goal.set('commitments', 'all of them');
    goal.set('comments', [{ id: 1 }]);
    expect(readGoalStructure(doc, 'g')).toEqual({ leadPartnerId: null, commitments: [], reviewDate: null });
    expect(readComments(doc, 'g')).toEqual([]);
  });
});

describe('comments', () => {
  it('appends comments from two replicas and keeps both', () => {
    const a = docWithGoal();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    addComment(a, 'g', { authorId: 'p1', text: 'Wer zahlt?', now: 10 });
    addComment(b, 'g', { authorId: 'p2', text: 'Die Stadt', now: 11 });
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(readComments(a, 'g').map((c) => c.text)).toEqual(readComments(b, 'g').map((c) => c.text));
    expect(readComments(a, 'g')).toHaveLength(2);
  });

  it('drops empty comments', () => {
    const doc = docWithGoal();
    expect(addComment(doc, 'g', { authorId: 'p', text: '   ', now: 1 })).toBeNull();
    expect(readComments(doc, 'g')).toEqual([]);
  });
});
