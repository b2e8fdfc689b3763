import * as Y from 'yjs';
import { Limits } from '../protocol';
import { wordingHash } from '../rules/wording';
import { IntentOrigin } from './origins';

/**
 * Translations of a goal's wording, written by people on the board (a bilingual resident adds the Turkish
 * version). Collaborative data under the goal's map: `lang` (the original's language; absent = German) and
 * `translations` (Y.Map language → Y.Map { `title` Y.Text, `description` Y.Text, `basedOn` string }). `basedOn` is
 * the wordingHash of the original the translator translated; the server keeps it only when it is the original's
 * hash as it stands after the write, so a translation reads as current only while the original is unchanged.
 * The binding wording of a round is always the original.
 */

/** The languages a goal may be written or translated in: the UI's full languages (Einfache Sprache reads German). */
export const TRANSLATION_LANGUAGES = ['de', 'en', 'tr', 'ar', 'fa', 'ru', 'uk', 'pl'] as const;
export type TranslationLanguage = (typeof TRANSLATION_LANGUAGES)[number];
export const isTranslationLanguage = (value: unknown): value is TranslationLanguage =>
  TRANSLATION_LANGUAGES.includes(value as TranslationLanguage);

/** The language of a goal's original when the goal does not say: the board's working language. */
export const DEFAULT_GOAL_LANGUAGE: TranslationLanguage = 'de';

/** The fields a translation entry may hold; the repair deletes anything else. */
export const TRANSLATION_FIELDS: ReadonlySet<string> = new Set(['title', 'description', 'basedOn']);

/** A wordingHash as stored: SHA-256 hex. */
export const isWordingHash = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);

export interface GoalTranslation {
  readonly lang: TranslationLanguage;
  readonly title: string;
  readonly description: string;
  /** The wordingHash of the original it was translated from; null when unknown (never confirmed by the server). */
  readonly basedOn: string | null;
}

/** A goal's original language and its translations, as the UI reads them. */
export interface GoalTranslations {
  readonly lang: TranslationLanguage;
  /** In TRANSLATION_LANGUAGES order; never one in the original's language. */
  readonly translations: readonly GoalTranslation[];
}

const goalMap = (doc: Y.Doc, goalId: string): Y.Map<unknown> | null => {
  const value = doc.getMap<unknown>('goals').get(goalId);
  return value instanceof Y.Map ? value : null;
};

const isPlainText = (value: unknown): value is Y.Text =>
  value instanceof Y.Text && !(value instanceof Y.XmlText);

/** The original's language as stored; German when absent or malformed. */
export function goalLanguage(goal: Y.Map<unknown>): TranslationLanguage {
  const lang = goal.get('lang');
  return isTranslationLanguage(lang) ? lang : DEFAULT_GOAL_LANGUAGE;
}

/** One translation entry; null when malformed (no texts), so readers ignore it. */
function readTranslation(lang: string, value: unknown): GoalTranslation | null {
  if (!isTranslationLanguage(lang) || !(value instanceof Y.Map)) return null;
  const title = value.get('title');
  const description = value.get('description');
  if (!isPlainText(title) || !isPlainText(description)) return null;
  const basedOn = value.get('basedOn');
  return {
    lang,
    title: title.toString(),
    description: description.toString(),
    basedOn: isWordingHash(basedOn) ? basedOn : null,
  };
}

/** The goal's translations; malformed entries and one in the original's own language are left out. */
export function readGoalTranslations(doc: Y.Doc, goalId: string): GoalTranslations {
  const goal = goalMap(doc, goalId);
  const lang = goal ? goalLanguage(goal) : DEFAULT_GOAL_LANGUAGE;
  const map = goal?.get('translations');
  const translations: GoalTranslation[] = [];
  if (map instanceof Y.Map) {
    for (const [key, value] of map.entries()) {
      const translation = key === lang ? null : readTranslation(key, value);
      if (translation) translations.push(translation);
    }
  }
  translations.sort((a, b) => TRANSLATION_LANGUAGES.indexOf(a.lang) - TRANSLATION_LANGUAGES.indexOf(b.lang));
  return { lang, translations };
}

/**
 * Whether a translation was written against an older original (or its basis is unknown): it is shown marked
 * outdated. `original` is the goal's wording as it stands.
 */
export const isTranslationOutdated = (
  translation: Pick<GoalTranslation, 'basedOn'>,
  original: { readonly title: string; readonly description: string },
): boolean => translation.basedOn !== wordingHash(original.title, original.description);

/**
 * The translation a reader sees instead of the original: the one in the reader's language, unless the original
 * is written in it. `readerLanguage` is a UI locale; Einfache Sprache (`de-simple`) reads German.
 */
export function translationForReader(
  translations: GoalTranslations | undefined,
  readerLanguage: string,
): GoalTranslation | null {
  if (!translations) return null;
  const lang = readerLanguage === 'de-simple' ? 'de' : readerLanguage;
  if (lang === translations.lang) return null;
  return translations.translations.find((translation) => translation.lang === lang) ?? null;
}

/** Replaces a Y.Text's content by the smallest change (common prefix and suffix kept), so concurrent edits merge. */
function replaceText(text: Y.Text, next: string): void {
  const current = text.toString();
  if (current === next) return;
  let start = 0;
  const shorter = Math.min(current.length, next.length);
  while (start < shorter && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < shorter - start &&
    current.charCodeAt(current.length - 1 - end) === next.charCodeAt(next.length - 1 - end)
  )
    end++;
  // Never split a surrogate pair at either edge.
  if (start > 0 && isHigh(current.charCodeAt(start - 1))) start--;
  if (end > 0 && isLow(current.charCodeAt(current.length - end))) end--;
  const deleteCount = current.length - start - end;
  if (deleteCount > 0) text.delete(start, deleteCount);
  const insert = next.slice(start, next.length - end);
  if (insert) text.insert(start, insert);
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** A goal's translations map; created when absent (goals proposed before translations existed). */
function translationsOf(goal: Y.Map<unknown>): Y.Map<unknown> {
  const map = goal.get('translations');
  if (map instanceof Y.Map) return map as Y.Map<unknown>;
  const fresh = new Y.Map<unknown>();
  goal.set('translations', fresh);
  return fresh;
}

/**
 * Writes the translation of a goal into `lang` (creates or edits it) and marks it as based on the original as it
 * stands now. Never touches the original. False for an unknown goal, a language that is not offered, or the
 * original's own language. Texts are cut to the goal's limits; an empty title is allowed only with a description.
 */
export function setGoalTranslation(
  doc: Y.Doc,
  goalId: string,
  lang: string,
  wording: { readonly title: string; readonly description: string },
): boolean {
  const goal = goalMap(doc, goalId);
  if (!goal || !isTranslationLanguage(lang) || lang === goalLanguage(goal)) return false;
  const original = [goal.get('title'), goal.get('description')];
  if (!isPlainText(original[0]) || !isPlainText(original[1])) return false;
  const title = wording.title.trim().slice(0, Limits.maxTitleChars);
  const description = wording.description.trim().slice(0, Limits.maxDescriptionChars);
  if (!title && !description) return false;
  doc.transact(() => {
    const translations = translationsOf(goal);
    let entry = translations.get(lang);
    if (!(entry instanceof Y.Map) || !readTranslation(lang, entry)) {
      entry = new Y.Map<unknown>();
      (entry as Y.Map<unknown>).set('title', new Y.Text());
      (entry as Y.Map<unknown>).set('description', new Y.Text());
      translations.set(lang, entry);
    }
    const map = entry as Y.Map<unknown>;
    replaceText(map.get('title') as Y.Text, title);
    replaceText(map.get('description') as Y.Text, description);
    const basedOn = wordingHash(String(original[0]), String(original[1]));
    if (map.get('basedOn') !== basedOn) map.set('basedOn', basedOn);
  }, new IntentOrigin('setGoalTranslation'));
  return true;
}

/** Removes the goal's translation into `lang`; false when there is none. */
export function removeGoalTranslation(doc: Y.Doc, goalId: string, lang: string): boolean {
  const translations = goalMap(doc, goalId)?.get('translations');
  if (!(translations instanceof Y.Map) || !translations.has(lang)) return false;
  doc.transact(() => translations.delete(lang), new IntentOrigin('removeGoalTranslation'));
  return true;
}

/** Says which language the goal's original is written in (German when never set). */
export function setGoalLanguage(doc: Y.Doc, goalId: string, lang: string): boolean {
  const goal = goalMap(doc, goalId);
  if (!goal || !isTranslationLanguage(lang)) return false;
  if (goalLanguage(goal) === lang && (goal.has('lang') || lang === DEFAULT_GOAL_LANGUAGE)) return true;
  doc.transact(() => goal.set('lang', lang), new IntentOrigin('setGoalLanguage'));
  return true;
}
