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
  it('prefers a stored choice, then English browsers, else German', () => {
    expect(initialLocale('en', ['de-DE'])).toBe('en');
    expect(initialLocale(null, ['en-GB', 'de'])).toBe('en');
    expect(initialLocale(null, ['tr', 'en'])).toBe('de');
    expect(initialLocale('xx', [])).toBe('de');
  });
});
