import { describe, expect, it } from 'vitest';
import { de } from './de';
import { initialLocale } from './detect';
import { en } from './en';
import { format, placeholders } from './translate';

describe('translations', () => {
  it('have the same keys in German and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(de) as (keyof typeof de)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(de[key]));
    }
  });

  it('have no empty strings', () => {
    for (const messages of [de, en]) {
      for (const [key, value] of Object.entries(messages)) expect(value.trim(), key).not.toBe('');
    }
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('{name} bearbeitet {x}', { name: 'Ayşe' })).toBe('Ayşe bearbeitet {x}');
    expect(format('{count} Ziele', { count: 3 })).toBe('3 Ziele');
    expect(format('{a}{b}, {a} und {c}!', { a: 1, b: 'x', c: '' })).toBe('1x, 1 und !');
    // The same template again, with other values: split once, filled each time.
    expect(format('{a}{b}, {a} und {c}!', { a: 2, b: 'y', c: 'z' })).toBe('2y, 2 und z!');
    expect(format('ohne Platzhalter', { a: 1 })).toBe('ohne Platzhalter');
  });
});

describe('initialLocale', () => {
  it('prefers a stored choice over any browser language', () => {
    expect(initialLocale('en', ['de-DE'])).toBe('en');
    expect(initialLocale('de', ['tr-TR'])).toBe('de');
  });

  it('takes the first browser language the UI offers, in any regional variant', () => {
    expect(initialLocale(null, ['en-GB', 'de'])).toBe('en');
    expect(initialLocale(null, ['de-AT', 'en'])).toBe('de');
    expect(initialLocale(null, ['tr', 'en'])).toBe('en');
    expect(initialLocale(null, ['tr-TR', 'DE-ch'])).toBe('de');
    expect(initialLocale(null, ['de_DE'])).toBe('de');
  });

  it('gives English to a browser whose languages include neither German nor English', () => {
    expect(initialLocale(null, ['tr-TR'])).toBe('en');
    expect(initialLocale(null, ['ar', 'fa-IR', 'uk'])).toBe('en');
    expect(initialLocale('xx', ['ar'])).toBe('en');
    // "deu" or "end" are not German or English.
    expect(initialLocale(null, ['deu', 'end'])).toBe('en');
  });

  it('keeps German, the product default, when the browser names no language', () => {
    expect(initialLocale('xx', [])).toBe('de');
  });
});
