export const LOCALES = ['de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);

/** German unless the person chose otherwise here, or their browser's first language is English. */
export function initialLocale(stored: string | null, browserLanguages: readonly string[]): Locale {
  if (isLocale(stored)) return stored;
  return browserLanguages[0]?.toLowerCase().startsWith('en') ? 'en' : 'de';
}
