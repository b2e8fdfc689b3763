import {
  type Attribution,
  type GoalTranslations,
  isTranslationOutdated,
  type TranslationLanguage,
  translationAuthors,
  translationForReader,
} from '@common-ground/shared/schema';
import { create } from 'zustand';
import { LANGUAGES } from '../i18n/languages';
import type { Translate } from '../i18n/translate';
import { useBoard } from '../sync/SessionContext';
import { type Person, personLabel, usePeople } from './lookups';
import './translations.css';

/** What a reader sees of a goal in their own language: a translation, always marked as one. */
export interface ReaderTranslation {
  readonly lang: TranslationLanguage;
  readonly title: string;
  readonly description: string;
  /** Written against an older original (or never confirmed by the server against the current one). */
  readonly outdated: boolean;
  /** Who wrote it by the server's record, first writer first; empty while none is recorded. */
  readonly translators: readonly string[];
  /** The language the original is written in. */
  readonly originalLang: TranslationLanguage;
}

/** Per goal: the reader asked for the original instead of the translation (this device, this visit). */
const useOriginalShown = create<{
  readonly shown: Readonly<Record<string, boolean>>;
  toggle(goalId: string): void;
}>()((set) => ({
  shown: {},
  toggle: (goalId) => set((s) => ({ shown: { ...s.shown, [goalId]: !s.shown[goalId] } })),
}));

/** Whether the reader switched this goal to its original, and the switch. */
export function useShowOriginal(goalId: string): [boolean, () => void] {
  const shown = useOriginalShown((s) => s.shown[goalId] ?? false);
  const toggle = useOriginalShown((s) => s.toggle);
  return [shown, () => toggle(goalId)];
}

/** The language a goal's original is written in (German unless its proposer said otherwise). */
export const useOriginalLanguage = (goalId: string): TranslationLanguage =>
  useBoard((s) => s.details[goalId]?.translations?.lang ?? 'de');

/**
 * The goal's translation into the reader's language (UI locale; Einfache Sprache reads German), or null when there
 * is none or the original is written in it. Selects plain values, so a card re-renders only when its own
 * translation, its translators or the original change.
 */
export function useReaderTranslation(
  goalId: string,
  original: { readonly title: string; readonly description: string } | undefined,
  locale: string,
): ReaderTranslation | null {
  const translations = useBoard((s) => s.details[goalId]?.translations);
  const lang = translationForReader(translations, locale)?.lang;
  const authors = useBoard((s) => s.authors);
  const names = useTranslatorNames(authors, goalId, lang);
  return original ? readerTranslation(original, translations, locale, names) : null;
}

/** The names of the translators of the goal's translation into `lang`, joined for a stable prop ('' for none). */
export function useTranslatorNames(
  authors: Readonly<Record<string, Attribution>>,
  goalId: string,
  lang: TranslationLanguage | undefined,
): string {
  return translatorNames(authors, usePeople(), goalId, lang);
}

/** As useTranslatorNames, for callers that read the record and the people once for many goals. */
export function translatorNames(
  authors: Readonly<Record<string, Attribution>>,
  people: ReadonlyMap<string, Person>,
  goalId: string,
  lang: TranslationLanguage | undefined,
): string {
  if (!lang) return '';
  return translationAuthors(authors, goalId, lang)
    .flatMap((id) => {
      const person = people.get(id);
      return person ? [personLabel(person)] : [];
    })
    .join(', ');
}

/** The reader's translation of a goal with its marker data; null when the reader sees the original. */
export function readerTranslation(
  original: { readonly title: string; readonly description: string },
  translations: GoalTranslations | undefined,
  locale: string,
  translatorNames: string,
): ReaderTranslation | null {
  const translation = translationForReader(translations, locale);
  if (!translation || !translations) return null;
  return {
    lang: translation.lang,
    title: translation.title,
    description: translation.description,
    outdated: isTranslationOutdated(translation, original),
    translators: translatorNames ? [translatorNames] : [],
    originalLang: translations.lang,
  };
}

/** "Übersetzung (Türkçe) · von Ayşe Demir", with the marker "veraltet" when the original changed since. */
export function translationLabel(t: Translate, translation: ReaderTranslation): string {
  const language = LANGUAGES[translation.lang].name;
  return translation.translators.length > 0
    ? t('translation.markerBy', { language, names: translation.translators.join(', ') })
    : t('translation.marker', { language });
}

/**
 * The line above a translated goal: what the reader is looking at (translation or original), the outdated
 * marker, and a one-tap switch between the two.
 */
export function TranslationSwitch({
  t,
  translation,
  showingOriginal,
  onToggle,
}: {
  t: Translate;
  translation: ReaderTranslation;
  showingOriginal: boolean;
  onToggle: () => void;
}) {
  return (
    <p
      className="translation-note"
      data-testid="translation-note"
      data-showing={showingOriginal ? 'original' : 'translation'}
    >
      <span className="translation-label" data-testid="translation-label">
        {showingOriginal
          ? t('translation.originalMarker', { language: LANGUAGES[translation.originalLang].name })
          : translationLabel(t, translation)}
      </span>
      {!showingOriginal && translation.outdated && (
        <span
          className="badge outdated"
          title={t('translation.outdatedHint')}
          data-testid="translation-outdated"
        >
          {t('translation.outdated')}
        </span>
      )}
      <button
        type="button"
        className="translation-toggle"
        onClick={onToggle}
        data-testid="translation-toggle"
      >
        {showingOriginal ? t('translation.showTranslation') : t('translation.showOriginal')}
      </button>
    </p>
  );
}
