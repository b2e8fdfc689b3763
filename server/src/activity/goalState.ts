import { readComments, readGoalById, readGoalStructure, type Stage } from '@common-ground/shared/schema';
import type * as Y from 'yjs';

/** The readable state of one goal at one point of the log: what the activity feed compares. */
export interface GoalState {
  readonly title: string;
  readonly description: string;
  readonly stage: Stage;
  readonly rank: string;
  readonly createdAt: number;
  readonly lead: string | null;
  readonly commitments: ReadonlyMap<string, string>;
  readonly reviewDate: string | null;
  readonly comments: readonly { readonly id: string; readonly text: string; readonly at: number }[];
}

/** null if the goal is absent or malformed (what the UI ignores, the feed ignores too). */
export function readGoalState(doc: Y.Doc, goalId: string): GoalState | null {
  const goal = readGoalById(doc, goalId);
  if (!goal) return null;
  const structure = readGoalStructure(doc, goalId);
  return {
    title: goal.title,
    description: goal.description,
    stage: goal.stage,
    rank: goal.rank,
    createdAt: goal.createdAt,
    lead: structure.leadPartnerId,
    commitments: new Map(structure.commitments.map((c) => [c.partnerId, c.text])),
    reviewDate: structure.reviewDate,
    comments: readComments(doc, goalId).map(({ id, text, at }) => ({ id, text, at })),
  };
}

/** One difference between two states of a goal, before attribution and time are added. */
export type GoalChange =
  | { readonly type: 'goal_proposed'; readonly title: string; readonly description: string }
  | {
      readonly type: 'wording_changed';
      readonly field: 'title' | 'description';
      readonly before: string;
      readonly after: string;
    }
  | { readonly type: 'stage_changed'; readonly from: Stage; readonly to: Stage }
  | { readonly type: 'goal_moved'; readonly stage: Stage }
  | { readonly type: 'goal_removed' }
  | { readonly type: 'comment_added'; readonly commentId: string; readonly text: string }
  | { readonly type: 'lead_changed'; readonly before: string | null; readonly after: string | null }
  | {
      readonly type: 'commitment_changed';
      readonly commitmentPartnerId: string;
      readonly before: string | null;
      readonly after: string | null;
    }
  | { readonly type: 'review_date_changed'; readonly before: string | null; readonly after: string | null };

/** What changed from `before` to `after` (null = no valid goal), in a fixed, readable order. */
export function diffGoal(before: GoalState | null, after: GoalState | null): GoalChange[] {
  if (!after) return before ? [{ type: 'goal_removed' }] : [];
  if (!before) {
    return [
      { type: 'goal_proposed', title: after.title, description: after.description },
      ...structureChanges(EMPTY_STATE, after),
    ];
  }
  const changes: GoalChange[] = [];
  for (const field of ['title', 'description'] as const) {
    if (before[field] !== after[field]) {
      changes.push({ type: 'wording_changed', field, before: before[field], after: after[field] });
    }
  }
  if (before.stage !== after.stage)
    changes.push({ type: 'stage_changed', from: before.stage, to: after.stage });
  else if (before.rank !== after.rank) changes.push({ type: 'goal_moved', stage: after.stage });
  return [...changes, ...structureChanges(before, after)];
}

const EMPTY_STATE: GoalState = {
  title: '',
  description: '',
  stage: 'proposed',
  rank: '',
  createdAt: 0,
  lead: null,
  commitments: new Map(),
  reviewDate: null,
  comments: [],
};

function structureChanges(before: GoalState, after: GoalState): GoalChange[] {
  const changes: GoalChange[] = [];
  if (before.lead !== after.lead)
    changes.push({ type: 'lead_changed', before: before.lead, after: after.lead });
  const partners = new Set([...before.commitments.keys(), ...after.commitments.keys()]);
  for (const partnerId of [...partners].sort()) {
    const was = before.commitments.get(partnerId) ?? null;
    const is = after.commitments.get(partnerId) ?? null;
    if (was !== is) {
      changes.push({ type: 'commitment_changed', commitmentPartnerId: partnerId, before: was, after: is });
    }
  }
  if (before.reviewDate !== after.reviewDate) {
    changes.push({ type: 'review_date_changed', before: before.reviewDate, after: after.reviewDate });
  }
  if (!sameComments(before.comments, after.comments)) {
    const known = new Set(before.comments.map((c) => c.id));
    for (const comment of after.comments) {
      if (!known.has(comment.id)) {
        changes.push({ type: 'comment_added', commentId: comment.id, text: comment.text });
      }
    }
  }
  return changes;
}

/** The common case while replaying (an edit elsewhere in the goal), checked without building a set. */
function sameComments(a: GoalState['comments'], b: GoalState['comments']): boolean {
  return a.length === b.length && a.every((comment, i) => comment.id === b[i]?.id);
}
