import { create } from 'zustand';
import type { Messages } from './de';
import { initialLocale, type Locale } from './detect';
import { type Translate, translator } from './translate';

const STORAGE_KEY = 'common-ground.locale';
// Each language is its own chunk (about 16 KB gzipped, a sixth of the landing page's script): a visit loads the
// one it shows, and the other only when the person switches.
const MESSAGES: Record<Locale, () => Promise<Messages>> = {
  de: () => import('./de').then((m) => m.de),
  en: () => import('./en').then((m) => m.en),
};

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

interface LocaleState {
  locale: Locale;
  t: Translate;
  setLocale: (locale: Locale) => void;
}

const startLocale = initialLocale(readStored(), navigator.languages ?? [navigator.language]);
document.documentElement.lang = startLocale;
// Top-level await: no module that translates runs before the start language has arrived.
const startMessages = await MESSAGES[startLocale]();
// The language last chosen: a slower earlier choice must not overwrite it when its chunk arrives.
let chosen: Locale = startLocale;

export const useLocaleStore = create<LocaleState>()((set) => ({
  locale: startLocale,
  t: translator(startMessages),
  setLocale: (locale) => {
    chosen = locale;
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Private mode or full storage: the choice still holds for this visit.
    }
    MESSAGES[locale]().then(
      (messages) => {
        if (chosen !== locale) return;
        document.documentElement.lang = locale;
        set({ locale, t: translator(messages) });
      },
      // Offline with the language not cached: the page stays in the one it shows.
      () => {},
    );
  },
}));

export const useT = (): Translate => useLocaleStore((s) => s.t);
export const useLocale = (): Locale => useLocaleStore((s) => s.locale);
