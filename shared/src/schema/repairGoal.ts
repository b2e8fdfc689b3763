import * as Y from 'yjs';
import { IdSchema } from '../api/entities';
import { isWithdrawnAt } from './board';
import { isReviewDate } from './goalDetails';
import { isValidRank, rankBetween } from './ranks';
import { logKey, type Repair, type RepairContext } from './repairContext';
import { graphemeCut, repairText } from './repairText';
import { isStage, type Stage } from './stages';
import { isTranslationLanguage, isWordingHash, TRANSLATION_FIELDS } from './translations';

/** Every field a goal may hold; proposeGoal and the goal-details mutations write nothing else. */
const GOAL_FIELDS = new Set([
  'title',
  'description',
  'stage',
  'rank',
  'createdBy',
  'createdAt',
  'lead',
  'commitments',
  'reviewDate',
  'comments',
  'withdrawnAt',
  'withdrawnBy',
  'lang',
  'translations',
]);
const COMMENT_KEYS = ['at', 'authorId', 'id', 'text'];
/** Informational and written by clients; empty in old tests and fixtures. */
const CREATED_BY_PATTERN = /^[A-Za-z0-9_-]{0,64}$/;

const isId = (value: unknown): value is string => IdSchema.safeParse(value).success;

/** A Y.Text a reader can use; an XmlText (a Y.Text subclass) reads as markup, not as the wording. */
const isPlainText = (value: unknown): value is Y.Text =>
  value instanceof Y.Text && !(value instanceof Y.XmlText);

type Report = (kind: Repair['kind'], field: string | null, entry?: string) => void;

/**
 * Repairs one entry of `goals`. A key that is no id, or a value that is no map, loses the entry; anything else
 * keeps the goal (with its comments and structure) and repairs field by field, in a fixed order, each by the
 * smallest change: cut a text, reset a field that must exist, delete one that may be absent.
 */
export function repairGoal(
  goals: Y.Map<unknown>,
  goalId: string,
  context: RepairContext,
  out: Repair[],
): void {
  const report: Report = (kind, field, entry) =>
    out.push({
      kind,
      root: 'goals',
      goalId: logKey(goalId),
      field: field === null ? null : logKey(field),
      entry: entry === undefined ? null : logKey(entry),
    });
  const goal = goals.get(goalId);
  if (!isId(goalId) || !(goal instanceof Y.Map)) {
    goals.delete(goalId);
    report('delete', null);
    return;
  }
  for (const key of [...goal.keys()].sort()) {
    if (GOAL_FIELDS.has(key)) continue;
    goal.delete(key);
    report('delete', key);
  }
  repairTextField(goal, 'title', context.limits.titleChars, report);
  repairTextField(goal, 'description', context.limits.descriptionChars, report);
  const storedStage = goal.get('stage');
  const stage: Stage = isStage(storedStage) ? storedStage : 'proposed';
  if (stage !== storedStage) {
    goal.set('stage', stage);
    report('reset', 'stage');
  }
  if (!isRank(goal.get('rank'), context)) {
    goal.set('rank', rankAtEnd(goals, goalId, stage, context));
    report('reset', 'rank');
  }
  const createdBy = goal.get('createdBy');
  deleteUnless(
    goal,
    'createdBy',
    typeof createdBy === 'string' && CREATED_BY_PATTERN.test(createdBy),
    report,
  );
  deleteUnless(goal, 'createdAt', Number.isFinite(goal.get('createdAt')), report);
  const lead = goal.get('lead');
  deleteUnless(goal, 'lead', typeof lead === 'string' && context.isPartner(lead), report);
  deleteUnless(goal, 'reviewDate', isReviewDate(goal.get('reviewDate')), report);
  deleteUnless(goal, 'withdrawnAt', isWithdrawnAt(goal.get('withdrawnAt')), report);
  // Who withdrew it means nothing without when: a lone withdrawnBy goes too.
  deleteUnless(goal, 'withdrawnBy', isId(goal.get('withdrawnBy')) && goal.has('withdrawnAt'), report);
  repairCommitments(goal, context, report);
  repairComments(goal, context, report);
  deleteUnless(goal, 'lang', isTranslationLanguage(goal.get('lang')), report);
  repairTranslations(goal, context, report);
}

/** A missing or foreign text becomes a new empty one: readers drop a goal (or translation) without it. */
function repairTextField(
  goal: Y.Map<unknown>,
  field: 'title' | 'description',
  max: number,
  report: (kind: Repair['kind'], field: string, entry?: string) => void,
) {
  const text = goal.get(field);
  if (!isPlainText(text)) {
    goal.set(field, new Y.Text());
    report('reset', field);
    return;
  }
  for (const repair of repairText(text, max)) {
    if (repair === 'embeds') report('delete', field, 'embeds');
    else report('truncate', field);
  }
}

/**
 * Language → { title, description, basedOn }. An entry under a key that is no offered language, or that is no
 * map, is deleted; inside one, unknown fields are deleted, the texts repaired like the goal's own, and a basedOn
 * that is no wording hash deleted (the translation then reads as outdated, never as current).
 */
function repairTranslations(goal: Y.Map<unknown>, context: RepairContext, report: Report): void {
  const translations = goal.get('translations');
  if (translations === undefined) return;
  if (!(translations instanceof Y.Map)) {
    goal.set('translations', new Y.Map<unknown>());
    report('reset', 'translations');
    return;
  }
  for (const lang of [...translations.keys()].sort()) {
    const entry = translations.get(lang);
    if (!isTranslationLanguage(lang) || !(entry instanceof Y.Map)) {
      translations.delete(lang);
      report('delete', 'translations', lang);
      continue;
    }
    const inEntry = (kind: Repair['kind'], field: string, detail?: string) =>
      report(kind, 'translations', `${lang}.${field}${detail === undefined ? '' : `.${detail}`}`);
    for (const key of [...entry.keys()].sort()) {
      if (TRANSLATION_FIELDS.has(key)) continue;
      entry.delete(key);
      inEntry('delete', key);
    }
    repairTextField(entry, 'title', context.limits.titleChars, inEntry);
    repairTextField(entry, 'description', context.limits.descriptionChars, inEntry);
    if (entry.has('basedOn') && !isWordingHash(entry.get('basedOn'))) {
      entry.delete('basedOn');
      inEntry('delete', 'basedOn');
    }
  }
}

const isRank = (value: unknown, context: RepairContext): value is string =>
  typeof value === 'string' && value.length <= context.limits.rankChars && isValidRank(value);

/** A rank after every valid rank of the goal's stage: the goal shows at the end of its column. */
function rankAtEnd(goals: Y.Map<unknown>, goalId: string, stage: Stage, context: RepairContext): string {
  let last: string | null = null;
  for (const [id, value] of goals.entries()) {
    if (id === goalId || !(value instanceof Y.Map) || value.get('stage') !== stage) continue;
    const rank = value.get('rank');
    if (isRank(rank, context) && (last === null || rank > last)) last = rank;
  }
  return rankBetween(last, null);
}

/** For fields a goal may lack: readers treat a malformed one as absent, so deleting it changes nothing shown. */
function deleteUnless(goal: Y.Map<unknown>, field: string, valid: boolean, report: Report): void {
  if (valid || !goal.has(field)) return;
  goal.delete(field);
  report('delete', field);
}

/** Partner id → what that partner commits. */
function repairCommitments(goal: Y.Map<unknown>, context: RepairContext, report: Report): void {
  const commitments = goal.get('commitments');
  if (commitments === undefined) return;
  if (!(commitments instanceof Y.Map)) {
    goal.set('commitments', new Y.Map<unknown>());
    report('reset', 'commitments');
    return;
  }
  for (const partnerId of [...commitments.keys()].sort()) {
    const text = commitments.get(partnerId);
    if (typeof text !== 'string' || !context.isPartner(partnerId)) {
      commitments.delete(partnerId);
      report('delete', 'commitments', partnerId);
      continue;
    }
    const cut = graphemeCut(text, context.limits.commitmentChars);
    if (cut < text.length) {
      // Two servers setting the same value resolve to one value like any concurrent map write.
      commitments.set(partnerId, text.slice(0, cut));
      report('truncate', 'commitments', partnerId);
    }
  }
}

/**
 * Malformed comments are deleted, never rewritten: a rewrite is an insertion, and two servers repairing at once
 * would each insert one (a duplicate); deletions of the same entries merge into one.
 */
function repairComments(goal: Y.Map<unknown>, context: RepairContext, report: Report): void {
  const comments = goal.get('comments');
  if (comments === undefined) return;
  if (!(comments instanceof Y.Array)) {
    goal.set('comments', new Y.Array<unknown>());
    report('reset', 'comments');
    return;
  }
  const entries = comments.toArray();
  // From the end, one deletion per run of malformed entries, so indices ahead stay as read.
  let end = entries.length;
  while (end > 0) {
    if (isValidComment(entries[end - 1], context)) {
      end--;
      continue;
    }
    let start = end - 1;
    while (start > 0 && !isValidComment(entries[start - 1], context)) start--;
    comments.delete(start, end - start);
    report('delete', 'comments', end - start === 1 ? String(start) : `${start}-${end - 1}`);
    end = start;
  }
}

/** Exactly `{id, authorId, text, at}`, as addComment writes it: extra keys could carry anything. */
function isValidComment(value: unknown, context: RepairContext): boolean {
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) {
    return false;
  }
  const comment = value as Record<string, unknown>;
  const keys = Object.keys(comment).sort();
  return (
    keys.length === COMMENT_KEYS.length &&
    keys.every((key, i) => key === COMMENT_KEYS[i]) &&
    isId(comment.id) &&
    isId(comment.authorId) &&
    typeof comment.text === 'string' &&
    comment.text.length <= context.limits.commentChars &&
    Number.isFinite(comment.at)
  );
}
