import { IdSchema } from '@common-ground/shared/api';
import {
  type Attribution,
  authorKey,
  commentHash,
  isTranslationLanguage,
  isWordingHash,
  type RepairScope,
  readComments,
  translationItemId,
} from '@common-ground/shared/schema';
import * as Y from 'yjs';

/**
 * Per loaded board document: the goals and comments it had when it loaded, and every one attributed since. An
 * item not in here that a client's update brings in was created by that client. Keyed by the document, so a room
 * that unloads takes its set with it and a reload starts again from what was stored.
 */
const knownByDoc = new WeakMap<Y.Doc, Set<string>>();

/**
 * Per loaded board document: each translation's content (`<goalId>:<lang>` → its texts and basis) as last seen.
 * A client's update that leaves a translation different from this changed it, and names its sender among the
 * translators. Only what the server saw change counts: a translation that was there when the document loaded is
 * credited to nobody new until someone edits it.
 */
const translationsByDoc = new WeakMap<Y.Doc, Map<string, string>>();

/**
 * Every translation entry of the goals, also one in the original's own language: readers do not show that one,
 * but it shows once the original's language changes, and must then name who wrote it, not who changed the language.
 */
function translationsIn(doc: Y.Doc, goalIds: Iterable<string>): Map<string, string> {
  const seen = new Map<string, string>();
  for (const goalId of goalIds) {
    const goal = goalsOf(doc).get(goalId);
    const translations = goal instanceof Y.Map ? goal.get('translations') : undefined;
    if (!(translations instanceof Y.Map)) continue;
    for (const [lang, entry] of translations.entries()) {
      if (!isTranslationLanguage(lang) || !(entry instanceof Y.Map)) continue;
      const title = entry.get('title');
      const description = entry.get('description');
      if (!(title instanceof Y.Text) || !(description instanceof Y.Text)) continue;
      const basedOn = entry.get('basedOn');
      const content = [title.toString(), description.toString(), isWordingHash(basedOn) ? basedOn : null];
      seen.set(`${goalId}:${lang}`, JSON.stringify(content));
    }
  }
  return seen;
}

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
  translationsByDoc.set(doc, translationsIn(doc, goalsOf(doc).keys()));
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
  claims.push(...claimTranslations(doc, scope, participantId, at));
  return claims;
}

/**
 * The translations a client's update changed (created, edited, or re-based on the current original), each
 * attributed to its sender as one of its translators. Storage keeps each person's first claim per translation,
 * so the list of translators reads in the order they first wrote. A removed translation is forgotten here; its
 * translators stay on record.
 */
function claimTranslations(doc: Y.Doc, scope: RepairScope, participantId: string, at: number): Attribution[] {
  const seen = translationsByDoc.get(doc);
  if (!seen || !IdSchema.safeParse(participantId).success) return [];
  const claims: Attribution[] = [];
  for (const goalId of [...scope.goalIds].sort()) {
    const now = translationsIn(doc, [goalId]);
    for (const key of [...seen.keys()]) {
      if (key.startsWith(`${goalId}:`) && !now.has(key)) seen.delete(key);
    }
    if (!IdSchema.safeParse(goalId).success) continue;
    for (const [key, content] of now) {
      if (seen.get(key) === content) continue;
      seen.set(key, content);
      const lang = key.slice(goalId.length + 1);
      const id = translationItemId(goalId, lang, participantId);
      claims.push({ kind: 'translation', id, goalId, participantId, at, contentHash: null });
    }
  }
  return claims;
}
