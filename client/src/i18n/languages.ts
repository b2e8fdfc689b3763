import { LANGUAGES, type Locale } from '@common-ground/shared/api';

/** The languages, their own names, tags and directions live in shared/: the server's exports speak the same ones. */
export { type Direction, isLocale, LANGUAGES, LOCALES, type Locale } from '@common-ground/shared/api';

export const intlTag = (locale: Locale): string => LANGUAGES[locale].tag;
export const textDirection = (locale: Locale): 'ltr' | 'rtl' => LANGUAGES[locale].dir;
