import type { IncomingMessage } from 'node:http';
import { isLocale, type Locale } from '@common-ground/shared/api';

/** Language subtags another catalogue serves: Dari (prs) reads the Persian one, as in the client. */
const SERVED_BY: Readonly<Record<string, Locale>> = { prs: 'fa' };

// A language tag as BCP 47 writes it (or with '_'): anything else, however it is spelled, names no language.
const TAG = /^[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*$/i;

/** The catalogue for a language tag in any regional variant ("tr-TR" → tr), or null. */
function localeOfTag(tag: string): Locale | null {
  if (tag.length > 35 || !TAG.test(tag)) return null;
  const language = tag.toLowerCase().split(/[-_]/)[0] ?? '';
  const served = SERVED_BY[language] ?? language;
  // Einfache Sprache is chosen, never guessed from a tag: no browser asks for it.
  return isLocale(served) && served !== 'de-simple' ? served : null;
}

/** Accept-Language's languages, most preferred first (q=0 means "not this one"); malformed entries skipped. */
function acceptedTags(header: string): string[] {
  return header
    .slice(0, 1000)
    .split(',')
    .map((entry, index) => {
      const [tag = '', ...params] = entry.trim().split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => entry.tag);
}

/**
 * The language of an export: `?lang=` when it names one of ours (`de-simple` included); otherwise the first
 * language of the Accept-Language header that the product speaks; otherwise German, the product's default.
 */
export function exportLocale(lang: string | undefined, req: IncomingMessage): Locale {
  if (isLocale(lang)) return lang;
  const fromQuery = lang === undefined ? null : localeOfTag(lang);
  if (fromQuery) return fromQuery;
  const header = req.headers['accept-language'];
  for (const tag of typeof header === 'string' ? acceptedTags(header) : []) {
    const locale = localeOfTag(tag);
    if (locale) return locale;
  }
  return 'de';
}

/** An export's file name: German keeps the plain name, another language adds its code (ASCII, from our list). */
export const exportFilename = (base: string, locale: Locale): string =>
  locale === 'de' ? `${base}.md` : `${base}-${locale}.md`;
