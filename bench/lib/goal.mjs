// A goal as the app writes it (shared/src/schema): what the bench's editors type into, so that our server's schema
// check runs on every update as it does for people and finds nothing to repair. The anchors store the same bytes.
import * as Y from 'yjs';

// Valid fractional-index keys (what shared/src/schema/ranks.ts writes), enough for any board here.
export const RANKS = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((digit) => `a${digit}`);

/** A new goal map; put it into `goals` inside a transaction. */
export function newGoal({ title, description, stage, rank, createdBy }) {
  const goal = new Y.Map();
  goal.set('title', new Y.Text(title));
  goal.set('description', new Y.Text(description));
  goal.set('stage', stage);
  goal.set('rank', rank);
  goal.set('createdBy', createdBy);
  goal.set('createdAt', Date.now());
  goal.set('comments', new Y.Array());
  goal.set('commitments', new Y.Map());
  goal.set('translations', new Y.Map());
  return goal;
}

/**
 * Types `value` at the end of `text` in one update, deleting the oldest of `own` (the lengths of what this writer
 * typed, oldest first) once they add up to more than `maxChars`, after the first `keep` characters: text stays
 * short however long the run.
 */
export function typeInto(doc, text, value, own, maxChars, keep = 0) {
  doc.transact(() => {
    text.insert(text.length, value);
    own.push(value.length);
    if (own.reduce((a, b) => a + b, 0) > maxChars) text.delete(keep, own.shift());
  });
}
