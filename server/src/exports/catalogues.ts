import { LANGUAGES, LOCALES, type Locale } from '@common-ground/shared/api';
import arabic from './messages/ar.json';
import german from './messages/de.json';
import simpleGerman from './messages/de-simple.json';
import english from './messages/en.json';
import persian from './messages/fa.json';
import polish from './messages/pl.json';
import russian from './messages/ru.json';
import turkish from './messages/tr.json';
import ukrainian from './messages/uk.json';

// The export texts live with the server, not in shared/: the client never formats an export, and its own catalogues
// (client/src/i18n/messages) are UI sentences loaded per language as chunks. Where an export repeats a UI term (a
// stance, a stage, a kind of partner), tests/unit/exportTerms.test.ts holds the two to the same words.

export type ExportKey = keyof typeof german;
/** The export texts of one language in ICU MessageFormat; a unit test holds each to German's keys and arguments. */
export type ExportCatalogue = Readonly<Record<ExportKey, string>>;

/**
 * Every language's export texts, loaded with the server: a few dozen short strings each, and a download should
 * not wait for a file read. Einfache Sprache rewrites what it rewrites and is standard German otherwise.
 */
export const EXPORT_CATALOGUES: Readonly<Record<Locale, ExportCatalogue>> = {
  de: german,
  'de-simple': { ...german, ...(simpleGerman as Partial<ExportCatalogue>) },
  en: english,
  tr: turkish,
  ar: arabic,
  fa: persian,
  ru: russian,
  uk: ukrainian,
  pl: polish,
};

/** BCP 47 tags for `Intl` (dates, numbers, plural rules, lists): the UI's own (shared LANGUAGES). */
export const EXPORT_TAGS: Readonly<Record<Locale, string>> = Object.fromEntries(
  LOCALES.map((locale) => [locale, LANGUAGES[locale].tag]),
) as Record<Locale, string>;

/** Arabic and Persian read right to left: their documents isolate the text people wrote (see text.ts). */
export const RIGHT_TO_LEFT: ReadonlySet<Locale> = new Set(
  LOCALES.filter((locale) => LANGUAGES[locale].dir === 'rtl'),
);
