// The checks every server-side ICU catalogue set (exports, calendar) gets: one file per language the product
// speaks, German's keys and arguments, numbers as numbers, every plural form. Each set adds its own checks.
import fs from 'node:fs';
import path from 'node:path';
import { LANGUAGES, LOCALES } from '@common-ground/shared/api';
import { TYPE } from '@formatjs/icu-messageformat-parser';
import { expect, it } from 'vitest';
import { argumentNames, argumentsOf, incompletePlurals, parseMessage } from './icuCatalogue';

/** Arguments German writes as numbers: each language formats them in its digits (Persian ۱۲۳), never as text. */
const numeric = (message: string) =>
  [
    ...new Set(
      argumentsOf(message)
        .filter((a) => a.type === TYPE.number || a.type === TYPE.plural)
        .map((a) => a.name),
    ),
  ].sort();

/** Reads a catalogue as a translator edits it, from disk: a stray or missing file fails, not only a key. */
export const catalogueReader =
  (dir: string) =>
  (name: string): Record<string, unknown> =>
    JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8')) as Record<string, unknown>;

/** Registers the shared checks inside the caller's `describe`. */
export function catalogueChecks(dir: string): void {
  const read = catalogueReader(dir);
  const german = read('de') as Record<string, string>;
  const full = LOCALES.filter((l) => l !== 'de-simple');

  it('exist for every language the product speaks, as plain JSON of strings, and nothing else', () => {
    expect(fs.readdirSync(dir).sort()).toEqual(LOCALES.map((l) => `${l}.json`).sort());
    for (const locale of LOCALES) {
      for (const [key, value] of Object.entries(read(locale))) {
        expect(typeof value, `${locale} ${key}`).toBe('string');
      }
    }
  });

  it.each(full)('%s has exactly the German keys', (locale) => {
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
    expect(Object.keys(read('de-simple')).filter((k) => !(k in german))).toEqual([]);
  });

  it.each(LOCALES)('%s: every message is valid ICU with German’s arguments, numbers as numbers', (locale) => {
    for (const [key, value] of Object.entries(read(locale))) {
      const message = String(value);
      const source = german[key] ?? '';
      expect(message.trim(), `${locale} ${key}`).not.toBe('');
      expect(() => parseMessage(message), `${locale} ${key}: ${message}`).not.toThrow();
      expect(argumentNames(message), `${locale} ${key}: ${message}`).toEqual(argumentNames(source));
      expect(numeric(message), `${locale} ${key}: ${message}`).toEqual(numeric(source));
    }
  });

  it.each(LOCALES)('%s: every plural has each form the language needs', (locale) => {
    for (const [key, value] of Object.entries(read(locale))) {
      expect(incompletePlurals(String(value), LANGUAGES[locale].tag), `${locale} ${key}`).toEqual([]);
    }
  });
}
