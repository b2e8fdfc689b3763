import type { Locale } from '@common-ground/shared/api';
import { IntlMessageFormat } from 'intl-messageformat';
import german from './messages/de.json';
import english from './messages/en.json';

// The texts of mails and of the pages their links open, in ICU MessageFormat like the export catalogues
// (exports/messages), as a catalogue set of their own: a mail is not an export, and these files grow with every
// kind of mail (digests, reminders, outcomes) without touching the exports'.

export type MailKey = keyof typeof german;
/** One language's mail texts; a unit test holds each to German's keys and arguments. */
export type MailCatalogue = Readonly<Record<MailKey, string>>;

/**
 * The languages mails are written in so far. A recipient whose UI language has no catalogue yet gets German for
 * Einfache Sprache and English for the others: a resident more likely reads English than German, and the
 * language they chose is kept, so their mails switch once a catalogue arrives.
 */
export const MAIL_CATALOGUES: Readonly<Partial<Record<Locale, MailCatalogue>>> = { de: german, en: english };

/** The catalogue a recipient's language is written in, by the rule above. */
export const mailLocale = (locale: Locale): 'de' | 'en' =>
  locale === 'de' || locale === 'de-simple' ? 'de' : 'en';

export type MailParams = Readonly<Record<string, string | number>>;

export interface MailText {
  /** The language the texts are in (the `lang` of a page or an HTML mail). */
  readonly lang: 'de' | 'en';
  t(key: MailKey, params?: MailParams): string;
}

const cache = new Map<'de' | 'en', MailText>();

/** The mail texts for a recipient's language, each message parsed once on first use. */
export function mailText(locale: Locale): MailText {
  const lang = mailLocale(locale);
  let text = cache.get(lang);
  if (!text) {
    const messages = MAIL_CATALOGUES[lang] ?? german;
    const compiled = new Map<MailKey, IntlMessageFormat>();
    text = {
      lang,
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
