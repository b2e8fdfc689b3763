import * as Y from 'yjs';
import type { GoalTextField } from './board';

/** What one transaction changed under the board's goals (the `goals` map of the board document). */
export interface GoalsChange {
  /** Goals added, removed or replaced, or changed anywhere inside: texts, stage, rank, lead, commitments, comments. */
  readonly goalIds: ReadonlySet<string>;
  /** Goals whose title or description text was edited or replaced. */
  readonly wordingIds: ReadonlySet<string>;
}

const WORDING: ReadonlySet<string> = new Set<GoalTextField>(['title', 'description']);

/**
 * The goals that deep events of the goals map name. An event on the map itself names its changed keys (goal
 * ids); any other event's path starts with the goal it happened in.
 */
export function goalsChangeOf(events: readonly Y.YEvent<Y.AbstractType<unknown>>[]): GoalsChange {
  const goalIds = new Set<string>();
  const wordingIds = new Set<string>();
  for (const event of events) {
    const [goalId, field] = event.path;
    if (goalId === undefined) {
      if (event instanceof Y.YMapEvent) for (const key of event.keysChanged) goalIds.add(key);
      continue;
    }
    if (typeof goalId !== 'string') continue;
    goalIds.add(goalId);
    const textEdited = typeof field === 'string' && WORDING.has(field) && event.target instanceof Y.Text;
    const textReplaced =
      event instanceof Y.YMapEvent &&
      field === undefined &&
      [...event.keysChanged].some((key) => WORDING.has(key));
    if (textEdited || textReplaced) wordingIds.add(goalId);
  }
  return { goalIds, wordingIds };
}

/**
 * Calls `onChange` once for every transaction that changed goals, before the document's `update` event, so a
 * reader re-reads only the goals a change touched instead of the whole board.
 */
export function observeGoals(
  doc: Y.Doc,
  onChange: (change: GoalsChange, transaction: Y.Transaction) => void,
): () => void {
  const goals = doc.getMap<unknown>('goals');
  const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) =>
    onChange(goalsChangeOf(events), transaction);
  goals.observeDeep(observer);
  return () => goals.unobserveDeep(observer);
}
