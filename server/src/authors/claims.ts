import {
  type Attribution,
  authorKey,
  commentHash,
  type RepairScope,
  readComments,
} from '@common-ground/shared/schema';
import * as Y from 'yjs';

/**
 * Per loaded board document: the goals and comments it had when it loaded, and every one attributed since. An
 * item not in here that a client's update brings in was created by that client. Keyed by the document, so a room
 * that unloads takes its set with it and a reload starts again from what was stored.
 */
const knownByDoc = new WeakMap<Y.Doc, Set<string>>();

const goalsOf = (doc: Y.Doc) => doc.getMap<unknown>('goals');

function itemsIn(doc: Y.Doc, goalIds: Iterable<string>): Set<string> {
  const keys = new Set<string>();
  for (const goalId of goalIds) {
    if (!(goalsOf(doc).get(goalId) instanceof Y.Map)) continue;
    keys.add(authorKey('goal', goalId));
    for (const comment of readComments(doc, goalId)) keys.add(authorKey('comment', comment.id));
  }
  return keys;
}

/**
 * Remembers what the document holds as it loads, before anyone writes: who created those items is known from
 * storage, or found in the log by the backfill — never taken from whoever edits them next.
 */
export function noteLoaded(doc: Y.Doc): void {
  knownByDoc.set(doc, itemsIn(doc, goalsOf(doc).keys()));
}

/**
 * The goals and comments a client's update brought into the document, attributed to its sender; runs after the
 * schema repair, so an entry the repair removed is not claimed. Scope names every goal the update touched: a new
 * goal is its key, a comment pushed to a goal is inside it. An item seen once is never claimed again, so a client
 * re-setting a goal id or repeating a comment id takes nothing over.
 */
export function claimNew(doc: Y.Doc, scope: RepairScope, participantId: string, at: number): Attribution[] {
  const known = knownByDoc.get(doc);
  if (!known) {
    // Not noted at load (its write failed): claiming what is there now could hand an older item to this editor.
    noteLoaded(doc);
    return [];
  }
  const claims: Attribution[] = [];
  for (const goalId of [...scope.goalIds].sort()) {
    if (!(goalsOf(doc).get(goalId) instanceof Y.Map)) continue;
    if (!known.has(authorKey('goal', goalId))) {
      known.add(authorKey('goal', goalId));
      claims.push({ kind: 'goal', id: goalId, goalId, participantId, at, contentHash: null });
    }
    for (const comment of readComments(doc, goalId)) {
      if (known.has(authorKey('comment', comment.id))) continue;
      known.add(authorKey('comment', comment.id));
      claims.push({
        kind: 'comment',
        id: comment.id,
        goalId,
        participantId,
        at,
        contentHash: commentHash(comment.text),
      });
    }
  }
  return claims;
}
