import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { exportFilename, exportLocale } from './exportLanguage';

const request = (acceptLanguage?: string) =>
  ({ headers: acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage } }) as IncomingMessage;

describe('the language of an export', () => {
  it('is the one ?lang= names, in any regional variant, Einfache Sprache included', () => {
    expect(exportLocale('tr', request('uk'))).toBe('tr');
    expect(exportLocale('de-simple', request('en'))).toBe('de-simple');
    expect(exportLocale('ar-SY', request())).toBe('ar');
    expect(exportLocale('PL_pl', request())).toBe('pl');
    expect(exportLocale('prs', request())).toBe('fa');
  });

  it('otherwise follows Accept-Language: the most preferred language the product speaks', () => {
    expect(exportLocale(undefined, request('uk-UA,uk;q=0.9,en;q=0.8'))).toBe('uk');
    expect(exportLocale('xx', request('ku, ru;q=0.5, en;q=0.7'))).toBe('en');
    expect(exportLocale(undefined, request('en;q=0.5, fa-AF'))).toBe('fa');
    expect(exportLocale(undefined, request('tr;q=0, pl'))).toBe('pl');
  });

  it('is German when neither names a language it speaks; Einfache Sprache is never guessed', () => {
    expect(exportLocale(undefined, request())).toBe('de');
    expect(exportLocale(undefined, request('*'))).toBe('de');
    expect(exportLocale(undefined, request('ku, ti'))).toBe('de');
    expect(exportLocale(undefined, request('de-simple'))).toBe('de');
  });

  it('takes nothing from a hostile value', () => {
    for (const lang of [
      'x'.repeat(10_000),
      '../../etc/passwd',
      'de\r\nX-Injected: 1',
      'tr"; x=',
      '',
      `tr-${'a'.repeat(40)}`,
    ]) {
      expect(exportLocale(lang, request()), JSON.stringify(lang.slice(0, 40))).toBe('de');
    }
    expect(exportLocale(undefined, request(`${'x,'.repeat(5000)}tr`))).toBe('de');
    expect(exportLocale(undefined, request('tr;q=abc'))).toBe('tr');
  });

  it('names the file in ASCII: German keeps the plain name', () => {
    expect(exportFilename('kooperationsvereinbarung', 'de')).toBe('kooperationsvereinbarung.md');
    expect(exportFilename('prozessbericht', 'ar')).toBe('prozessbericht-ar.md');
    expect(exportFilename('prozessbericht', 'de-simple')).toBe('prozessbericht-de-simple.md');
  });
});
