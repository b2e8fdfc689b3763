import { describe, expect, it } from 'vitest';
import { argumentNames, incompletePlurals, parseMessage } from '../../../tests/helpers/icuCatalogue';
import type { Catalogue } from './catalogues';
import { initialLocale } from './detect';
import { intlTag, LOCALES, type Locale } from './languages';
import { translator } from './translate';

const files = import.meta.glob<Record<string, string>>('./messages/*.json', {
  eager: true,
  import: 'default',
});
const read = (name: string): Record<string, string> => files[`./messages/${name}.json`] ?? {};
const german = read('de');
const FULL = LOCALES.filter((l) => l !== 'de-simple');

describe('catalogues', () => {
  it('exist for every language the picker offers, as plain JSON of strings', () => {
    expect(Object.keys(files).sort()).toEqual(LOCALES.map((l) => `./messages/${l}.json`).sort());
    for (const locale of LOCALES) {
      for (const [key, value] of Object.entries(read(locale)))
        expect(typeof value, `${locale} ${key}`).toBe('string');
    }
  });

  it.each(FULL)('%s has exactly the German keys', (locale) => {
    const catalogue = read(locale);
    expect(
      Object.keys(catalogue).filter((k) => !(k in german)),
      'extra keys',
    ).toEqual([]);
    expect(
      Object.keys(german).filter((k) => !(k in catalogue)),
      'missing keys',
    ).toEqual([]);
  });

  it('Einfache Sprache overrides German keys only, and falls back to German for the rest', () => {
    const simple = read('de-simple');
    expect(Object.keys(simple).filter((k) => !(k in german))).toEqual([]);
  });

  it.each(LOCALES)('%s: every message is valid ICU with German’s arguments, and none is empty', (locale) => {
    for (const [key, message] of Object.entries(read(locale))) {
      expect(message.trim(), `${locale} ${key}`).not.toBe('');
      expect(() => parseMessage(message), `${locale} ${key}: ${message}`).not.toThrow();
      expect(argumentNames(message), `${locale} ${key}: ${message}`).toEqual(
        argumentNames(german[key] ?? ''),
      );
    }
  });

  it.each(LOCALES)('%s: every plural has each form the language needs', (locale) => {
    for (const [key, message] of Object.entries(read(locale))) {
      expect(incompletePlurals(message, intlTag(locale)), `${locale} ${key}: ${message}`).toEqual([]);
    }
  });
});

describe('translator', () => {
  const t = (locale: Locale, messages: Record<string, string>) => translator(messages as Catalogue, locale);

  it('fills arguments, plurals and exact matches in the language’s rules', () => {
    const de = t('de', german);
    expect(de('column.count', { count: 1 })).toBe('1 Ziel');
    expect(de('column.count', { count: 3 })).toBe('3 Ziele');
    expect(de('health.fig.sinceLastMeeting', { count: 1 })).toBe('Das letzte Treffen war gestern.');
    expect(de('health.fig.sinceLastMeeting', { count: 21 })).toBe('Das letzte Treffen ist 21 Tage her.');
    expect(de('board.presenceCount', { count: 2 })).toBe('2 online');
  });

  it.each([
    ['ar', ['لا أهداف', 'هدف واحد', 'هدفان', '3 أهداف', '11 هدفًا', '100 هدف', '103 أهداف']],
    ['ru', ['0 целей', '1 цель', '2 цели', '5 целей', '11 целей', '21 цель', '22 цели']],
    ['uk', ['0 цілей', '1 ціль', '2 цілі', '5 цілей', '11 цілей', '21 ціль', '22 цілі']],
    ['pl', ['0 celów', '1 cel', '2 cele', '5 celów', '11 celów', '21 celów', '22 cele']],
  ] as const)('%s: a count takes each of the language’s plural forms', (locale, expected) => {
    const counts = locale === 'ar' ? [0, 1, 2, 3, 11, 100, 103] : [0, 1, 2, 5, 11, 21, 22];
    const format = t(locale, read(locale));
    expect(counts.map((count) => format('column.count', { count }))).toEqual(expected);
  });

  it('shows a message’s source when an argument is missing, instead of failing the screen', () => {
    expect(t('de', german)('column.count')).toBe(german['column.count']);
  });

  it('isolates text arguments in right-to-left languages so their own direction is kept', () => {
    const ar = t('ar', { 'withdrawal.withdrawn': 'سُحب الهدف: {title}' });
    expect(ar('withdrawal.withdrawn', { title: 'Spielplatz' })).toBe('سُحب الهدف: \u2068Spielplatz\u2069');
    expect(t('de', german)('withdrawal.withdrawn', { title: 'Spielplatz' })).not.toContain('\u2068');
  });
});

describe('initialLocale', () => {
  it('prefers a stored choice over any browser language', () => {
    expect(initialLocale('en', ['de-DE'])).toBe('en');
    expect(initialLocale('de', ['tr-TR'])).toBe('de');
    expect(initialLocale('de-simple', ['en'])).toBe('de-simple');
  });

  it('takes the first browser language the UI offers, in any regional variant', () => {
    expect(initialLocale(null, ['en-GB', 'de'])).toBe('en');
    expect(initialLocale(null, ['de-AT', 'en'])).toBe('de');
    expect(initialLocale(null, ['tr-TR', 'DE-ch'])).toBe('tr');
    expect(initialLocale(null, ['ar-SY'])).toBe('ar');
    expect(initialLocale(null, ['uk-UA', 'ru'])).toBe('uk');
    expect(initialLocale(null, ['pl_PL'])).toBe('pl');
    expect(initialLocale(null, ['ru'])).toBe('ru');
    expect(initialLocale(null, ['fa-IR'])).toBe('fa');
  });

  it('gives Dari readers the Persian catalogue', () => {
    expect(initialLocale(null, ['prs-AF'])).toBe('fa');
    expect(initialLocale(null, ['fa-AF'])).toBe('fa');
  });

  it('gives English to a browser whose languages the UI does not offer', () => {
    expect(initialLocale(null, ['ku', 'ti'])).toBe('en');
    expect(initialLocale('xx', ['so'])).toBe('en');
    // "deu" or "end" are not German or English; "de-simple" is never guessed from a browser.
    expect(initialLocale(null, ['deu', 'end', 'de-simple'])).toBe('de');
  });

  it('keeps German, the product default, when the browser names no language', () => {
    expect(initialLocale('xx', [])).toBe('de');
  });
});
