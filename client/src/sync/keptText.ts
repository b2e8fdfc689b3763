import type { Goal, GoalComment, GoalTextField } from '@common-ground/shared/schema';

/** Text a person wrote on this device that the server may not have: offered back after a refusal. */
export interface KeptText {
  readonly goalId: string;
  /** The goal's title as this device had it, to name the goal even if the server never got the goal. */
  readonly goalTitle: string;
  readonly kind: GoalTextField | 'comment';
  readonly text: string;
  /** A comment's id: the server either has that comment or not (its text never changes). */
  readonly commentId?: string;
}

/** The goal fields and comments this device changed (its own edits only, never what arrived from others). */
export interface TouchedTexts {
  readonly fields: readonly { readonly goalId: string; readonly field: GoalTextField }[];
  readonly commentIds: readonly string[];
}

/** A board's texts as plain values: its goals, and each goal's comments by goal id. */
export interface BoardTexts {
  readonly goals: readonly Goal[];
  readonly details: Readonly<Record<string, { readonly comments: readonly GoalComment[] }>>;
}

const keyOf = (kept: KeptText) => `${kept.goalId}\u0000${kept.kind}\u0000${kept.commentId ?? ''}`;

/** The touched texts as they read in the copy about to be discarded; empty texts are nothing to offer. */
export function keptCandidates(touched: TouchedTexts, copy: BoardTexts): KeptText[] {
  const goals = new Map(copy.goals.map((goal) => [goal.id, goal]));
  const fromFields = touched.fields.flatMap(({ goalId, field }) => {
    const goal = goals.get(goalId);
    return goal ? [{ goalId, goalTitle: goal.title, kind: field, text: goal[field] }] : [];
  });
  const wanted = new Set(touched.commentIds);
  const fromComments = copy.goals.flatMap((goal) =>
    (copy.details[goal.id]?.comments ?? [])
      .filter((comment) => wanted.has(comment.id))
      .map((comment) => ({
        goalId: goal.id,
        goalTitle: goal.title,
        kind: 'comment' as const,
        text: comment.text,
        commentId: comment.id,
      })),
  );
  return mergeKept(
    [],
    [...fromFields, ...fromComments].filter((kept) => kept.text.trim() !== ''),
  );
}

/** Adds texts to those kept before; a newer text of the same field replaces the older one. */
export function mergeKept(kept: readonly KeptText[], more: readonly KeptText[]): KeptText[] {
  const byKey = new Map(kept.map((entry) => [keyOf(entry), entry]));
  for (const entry of more) byKey.set(keyOf(entry), entry);
  return [...byKey.values()];
}

/**
 * The kept texts the server does not have, judged by a fresh copy from it: a field whose text differs there
 * (or whose goal it does not have), a comment it does not have. Text the server has is not offered again.
 */
export function unconfirmedTexts(kept: readonly KeptText[], server: BoardTexts): KeptText[] {
  const goals = new Map(server.goals.map((goal) => [goal.id, goal]));
  const commentIds = new Set(
    server.goals.flatMap((goal) => (server.details[goal.id]?.comments ?? []).map((comment) => comment.id)),
  );
  return kept.filter((entry) => {
    if (entry.kind === 'comment') return entry.commentId === undefined || !commentIds.has(entry.commentId);
    const goal = goals.get(entry.goalId);
    return goal === undefined || goal[entry.kind] !== entry.text;
  });
}
