export const LOCALES = ['de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/**
 * The language the person chose here; otherwise the first of the browser's languages the UI offers (any regional
 * variant); otherwise English, which more residents with another first language (Turkish, Arabic, …) read than
 * German. A browser that names no language at all gets the product's default, German.
 */
export function initialLocale(stored: string | null, browserLanguages: readonly string[]): Locale {
  if (isLocale(stored)) return stored;
  for (const tag of browserLanguages) {
    const language = tag.toLowerCase().split(/[-_]/)[0];
    if (isLocale(language)) return language;
  }
  return browserLanguages.length === 0 ? 'de' : 'en';
}
