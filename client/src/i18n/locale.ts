import { create } from 'zustand';
import { CATALOGUES, type Catalogue } from './catalogues';
import { initialLocale } from './detect';
import { LANGUAGES, type Locale } from './languages';
import { setPseudonymFormat } from './pseudonyms';
import { type Translate, translator } from './translate';

const STORAGE_KEY = 'common-ground.locale';

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** `lang` and `dir` on <html>: screen readers pick their voice from it, and the whole layout mirrors with it. */
function applyToDocument(locale: Locale): void {
  const root = document.documentElement;
  root.lang = LANGUAGES[locale].tag.split('-')[0] ?? 'de';
  root.dir = LANGUAGES[locale].dir;
}

interface LocaleState {
  locale: Locale;
  t: Translate;
  setLocale: (locale: Locale) => void;
}

const startLocale = initialLocale(readStored(), navigator.languages ?? [navigator.language]);
applyToDocument(startLocale);
// Top-level await: no module that translates runs before the start language has arrived.
const startMessages: Catalogue = await CATALOGUES[startLocale]();
// The language last chosen: a slower earlier choice must not overwrite it when its chunk arrives.
let chosen: Locale = startLocale;

/** The language's words for everything outside React that names people (see pseudonyms.ts). */
function withPeopleWords(t: Translate): Translate {
  setPseudonymFormat((n) => t('people.erasedName', { n }));
  return t;
}

export const useLocaleStore = create<LocaleState>()((set) => ({
  locale: startLocale,
  t: withPeopleWords(translator(startMessages, startLocale)),
  setLocale: (locale) => {
    chosen = locale;
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Private mode or full storage: the choice still holds for this visit.
    }
    CATALOGUES[locale]().then(
      (messages) => {
        if (chosen !== locale) return;
        applyToDocument(locale);
        set({ locale, t: withPeopleWords(translator(messages, locale)) });
      },
      // Offline with the language not cached: the page stays in the one it shows.
      () => {},
    );
  },
}));

export const useT = (): Translate => useLocaleStore((s) => s.t);
export const useLocale = (): Locale => useLocaleStore((s) => s.locale);
