/**
 * The languages the product speaks, in the order the language picker lists them. `de-simple` is Einfache
 * Sprache, German that falls back to standard German for every text it does not rewrite. No zod here: the landing
 * page reads this table before any schema is loaded.
 */
export const LOCALES = ['de', 'de-simple', 'en', 'tr', 'ar', 'fa', 'ru', 'uk', 'pl'] as const;
export type Locale = (typeof LOCALES)[number];

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

export type Direction = 'ltr' | 'rtl';

export interface Language {
  /** The language's name in its own language and script: someone who cannot read the current one finds theirs. */
  readonly name: string;
  /** BCP 47 tag for `lang` attributes, `Intl` formats and plural rules, in the UI and in exports alike. */
  readonly tag: string;
  readonly dir: Direction;
}

export const LANGUAGES: Readonly<Record<Locale, Language>> = {
  de: { name: 'Deutsch', tag: 'de-DE', dir: 'ltr' },
  'de-simple': { name: 'Deutsch – einfach', tag: 'de-DE', dir: 'ltr' },
  en: { name: 'English', tag: 'en-GB', dir: 'ltr' },
  tr: { name: 'Türkçe', tag: 'tr-TR', dir: 'ltr' },
  ar: { name: 'العربية', tag: 'ar', dir: 'rtl' },
  // One catalogue for Farsi and Dari readers: the written standard is shared, the name says both. Dates stay
  // Gregorian: the meetings and deadlines are those of a German cooperation, which the Solar Hijri default would
  // show on other days and months than the partners' letters.
  fa: { name: 'فارسی / دری', tag: 'fa-u-ca-gregory', dir: 'rtl' },
  ru: { name: 'Русский', tag: 'ru-RU', dir: 'ltr' },
  uk: { name: 'Українська', tag: 'uk-UA', dir: 'ltr' },
  pl: { name: 'Polski', tag: 'pl-PL', dir: 'ltr' },
};
