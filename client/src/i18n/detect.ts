import { isLocale, type Locale } from './languages';

export { isLocale, LOCALES, type Locale } from './languages';

/** Browser language subtags that another catalogue serves: Dari (prs) and Afghan Persian read the Persian one. */
const SERVED_BY: Readonly<Record<string, Locale>> = { prs: 'fa' };

/**
 * The language the person chose here; otherwise the first of the browser's languages the UI offers (any regional
 * variant); otherwise English, which more residents with another first language read than German. A browser that
 * names no language at all gets the product's default, German. Einfache Sprache is only ever chosen, never
 * guessed: no browser asks for it.
 */
export function initialLocale(stored: string | null, browserLanguages: readonly string[]): Locale {
  if (isLocale(stored)) return stored;
  for (const tag of browserLanguages) {
    const language = tag.toLowerCase().split(/[-_]/)[0] ?? '';
    const served = SERVED_BY[language] ?? language;
    if (isLocale(served) && served !== 'de-simple') return served;
  }
  return browserLanguages.length === 0 ? 'de' : 'en';
}
