import type { Locale } from '@common-ground/shared/api';
import { IntlMessageFormat } from 'intl-messageformat';
import arabic from './messages/ar.json';
import german from './messages/de.json';
import english from './messages/en.json';
import persian from './messages/fa.json';
import polish from './messages/pl.json';
import russian from './messages/ru.json';
import turkish from './messages/tr.json';
import ukrainian from './messages/uk.json';
import { DIGEST_TIME_ZONE } from './schedule';

// The texts of mails and of the pages their links open, in ICU MessageFormat like the export catalogues
// (exports/messages), as a catalogue set of their own: a mail is not an export, and these files grow with every
// kind of mail (digests, reminders, outcomes) without touching the exports'.

export type MailKey = keyof typeof german;
/** One language's mail texts; a unit test holds each to German's keys and arguments. */
export type MailCatalogue = Readonly<Record<MailKey, string>>;

/** The languages mails are written in: every UI language, Einfache Sprache with the German texts (short already). */
export type MailLanguage = Exclude<Locale, 'de-simple'>;

export const MAIL_CATALOGUES: Readonly<Record<MailLanguage, MailCatalogue>> = {
  de: german,
  en: english,
  tr: turkish,
  ar: arabic,
  fa: persian,
  ru: russian,
  uk: ukrainian,
  pl: polish,
};

/** The catalogue a recipient's language is written in. */
export const mailLocale = (locale: Locale): MailLanguage => (locale === 'de-simple' ? 'de' : locale);

export type MailParams = Readonly<Record<string, string | number>>;

export interface MailText {
  /** The language the texts are in (the `lang` of a page or an HTML mail). */
  readonly lang: MailLanguage;
  /** Right to left (Arabic, Persian): the HTML mail and page say so with `dir`. */
  readonly rtl: boolean;
  /** A date and time in the board's time zone, in this language. */
  dateTime(at: number): string;
  /** A date in the board's time zone, in this language. */
  date(at: number): string;
  /** A time of day in the board's time zone, in this language. */
  time(at: number): string;
  t(key: MailKey, params?: MailParams): string;
}

const cache = new Map<MailLanguage, MailText>();

/** The mail texts for a recipient's language, each message parsed once on first use. */
export function mailText(locale: Locale): MailText {
  const lang = mailLocale(locale);
  let text = cache.get(lang);
  if (!text) {
    const messages = MAIL_CATALOGUES[lang];
    const compiled = new Map<MailKey, IntlMessageFormat>();
    const timeZone = DIGEST_TIME_ZONE;
    const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone });
    const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone });
    const time = new Intl.DateTimeFormat(lang, { timeStyle: 'short', timeZone });
    text = {
      lang,
      rtl: lang === 'ar' || lang === 'fa',
      dateTime: (at) => dateTime.format(at),
      date: (at) => date.format(at),
      time: (at) => time.format(at),
      t: (key, params) => {
        let message = compiled.get(key);
        if (!message) {
          message = new IntlMessageFormat(messages[key], lang, undefined, { ignoreTag: true });
          compiled.set(key, message);
        }
        return String(message.format(params));
      },
    };
    cache.set(lang, text);
  }
  return text;
}

/** A person's text on one line: no control characters (a title must not break a header or a line of a mail). */
export const oneLine = (text: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what goes
  text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();

/** Text for HTML: the five characters that could open markup or leave an attribute. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
