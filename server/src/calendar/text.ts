import type { Locale } from '@common-ground/shared/api';
import { IntlMessageFormat } from 'intl-messageformat';
import { EXPORT_TAGS } from '../exports/catalogues';
import arabic from './messages/ar.json';
import german from './messages/de.json';
import simpleGerman from './messages/de-simple.json';
import english from './messages/en.json';
import persian from './messages/fa.json';
import polish from './messages/pl.json';
import russian from './messages/ru.json';
import turkish from './messages/tr.json';
import ukrainian from './messages/uk.json';

// The few texts of calendar files (event titles, the agenda's headings), in ICU MessageFormat like the export
// catalogues, as a set of their own: a calendar entry is neither an export nor a mail. A unit test
// (catalogues.test.ts) holds every language to German's keys and arguments.

export type CalendarKey = keyof typeof german;
export type CalendarCatalogue = Readonly<Record<CalendarKey, string>>;

/** Every language's texts; Einfache Sprache rewrites what it rewrites and is standard German otherwise. */
export const CALENDAR_CATALOGUES: Readonly<Record<Locale, CalendarCatalogue>> = {
  de: german,
  'de-simple': { ...german, ...(simpleGerman as Partial<CalendarCatalogue>) },
  en: english,
  tr: turkish,
  ar: arabic,
  fa: persian,
  ru: russian,
  uk: ukrainian,
  pl: polish,
};

export interface CalendarText {
  readonly locale: Locale;
  t(key: CalendarKey, params?: Readonly<Record<string, string | number>>): string;
}

const cache = new Map<Locale, CalendarText>();

/** The calendar texts of a language, each message parsed once on first use. */
export function calendarText(locale: Locale): CalendarText {
  let text = cache.get(locale);
  if (!text) {
    const messages = CALENDAR_CATALOGUES[locale];
    const compiled = new Map<CalendarKey, IntlMessageFormat>();
    text = {
      locale,
      t: (key, params) => {
        let message = compiled.get(key);
        if (!message) {
          message = new IntlMessageFormat(messages[key], EXPORT_TAGS[locale], undefined, { ignoreTag: true });
          compiled.set(key, message);
        }
        return String(message.format(params));
      },
    };
    cache.set(locale, text);
  }
  return text;
}
