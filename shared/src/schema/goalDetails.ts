import * as Y from 'yjs';
import { randomId } from './ids';
import { type Intent, IntentOrigin } from './origins';

/**
 * The structure of an agreed goal (lead partner, supporting partners with what each commits, review date) and
 * its discussion thread. Collaborative data in the board document, under the goal's map:
 * `lead` (partner id), `commitments` (Y.Map partner id → string), `reviewDate` ('YYYY-MM-DD'),
 * `comments` (Y.Array of {id, authorId, text, at}).
 */
export interface GoalComment {
  readonly id: string;
  readonly authorId: string;
  readonly text: string;
  readonly at: number;
}

export interface GoalStructure {
  readonly leadPartnerId: string | null;
  /** Supporting partners, in a neutral order (by partner id), with what each commits. */
  readonly commitments: readonly { readonly partnerId: string; readonly text: string }[];
  readonly reviewDate: string | null;
}

export const MAX_COMMENT_CHARS = 4000;
export const MAX_COMMITMENT_CHARS = 1000;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const isReviewDate = (value: unknown): value is string =>
  typeof value === 'string' && DATE_PATTERN.test(value);

const goalEntry = (doc: Y.Doc, goalId: string): Y.Map<unknown> | null => {
  const value = doc.getMap<unknown>('goals').get(goalId);
  return value instanceof Y.Map ? value : null;
};

export function readGoalStructure(doc: Y.Doc, goalId: string): GoalStructure {
  const goal = goalEntry(doc, goalId);
  const lead = goal?.get('lead');
  const reviewDate = goal?.get('reviewDate');
  const commitments = goal?.get('commitments');
  const list: { partnerId: string; text: string }[] = [];
  if (commitments instanceof Y.Map) {
    for (const [partnerId, text] of commitments.entries()) {
      if (typeof text === 'string') list.push({ partnerId, text });
    }
  }
  list.sort((a, b) => (a.partnerId < b.partnerId ? -1 : 1));
  return {
    leadPartnerId: typeof lead === 'string' && lead ? lead : null,
    commitments: list,
    reviewDate: typeof reviewDate === 'string' && DATE_PATTERN.test(reviewDate) ? reviewDate : null,
  };
}

export function readComments(doc: Y.Doc, goalId: string): GoalComment[] {
  const comments = goalEntry(doc, goalId)?.get('comments');
  if (!(comments instanceof Y.Array)) return [];
  return comments.toArray().filter(isComment);
}

function isComment(value: unknown): value is GoalComment {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.id === 'string' &&
    typeof c.authorId === 'string' &&
    typeof c.text === 'string' &&
    typeof c.at === 'number'
  );
}

function mutateGoal(doc: Y.Doc, goalId: string, intent: Intent, fn: (goal: Y.Map<unknown>) => void): boolean {
  const goal = goalEntry(doc, goalId);
  if (!goal) return false;
  doc.transact(() => fn(goal), new IntentOrigin(intent));
  return true;
}

export const setGoalLead = (doc: Y.Doc, goalId: string, partnerId: string | null): boolean =>
  mutateGoal(doc, goalId, 'setGoalLead', (goal) => {
    if (partnerId) goal.set('lead', partnerId);
    else goal.delete('lead');
  });

/** Sets what a supporting partner commits; an empty text removes the partner from the supporters. */
export const setCommitment = (doc: Y.Doc, goalId: string, partnerId: string, text: string): boolean =>
  mutateGoal(doc, goalId, 'setCommitment', (goal) => {
    let commitments = goal.get('commitments');
    if (!(commitments instanceof Y.Map)) {
      commitments = new Y.Map<unknown>();
      goal.set('commitments', commitments);
    }
    const map = commitments as Y.Map<unknown>;
    const trimmed = text.trim().slice(0, MAX_COMMITMENT_CHARS);
    if (trimmed) map.set(partnerId, trimmed);
    else map.delete(partnerId);
  });

export const setReviewDate = (doc: Y.Doc, goalId: string, date: string | null): boolean => {
  if (date !== null && !DATE_PATTERN.test(date)) return false;
  return mutateGoal(doc, goalId, 'setReviewDate', (goal) => {
    if (date) goal.set('reviewDate', date);
    else goal.delete('reviewDate');
  });
};

/** Appends a comment; returns its id, or null for an unknown goal or an empty text. */
export function addComment(
  doc: Y.Doc,
  goalId: string,
  comment: { authorId: string; text: string; now: number },
): string | null {
  const text = comment.text.trim().slice(0, MAX_COMMENT_CHARS);
  if (!text) return null;
  const id = randomId();
  const ok = mutateGoal(doc, goalId, 'addComment', (goal) => {
    let comments = goal.get('comments');
    if (!(comments instanceof Y.Array)) {
      comments = new Y.Array<unknown>();
      goal.set('comments', comments);
    }
    (comments as Y.Array<unknown>).push([{ id, authorId: comment.authorId, text, at: comment.now }]);
  });
  return ok ? id : null;
}

/** True when a review date lies before `today` ('YYYY-MM-DD'): the agreed goal is due for review. */
export const isReviewDue = (structure: GoalStructure, today: string): boolean =>
  structure.reviewDate !== null && structure.reviewDate < today;
