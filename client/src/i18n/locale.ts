import { create } from 'zustand';
import { de, type Messages } from './de';
import { initialLocale, type Locale } from './detect';
import { en } from './en';
import { type Translate, translator } from './translate';

const STORAGE_KEY = 'common-ground.locale';
const MESSAGES: Record<Locale, Messages> = { de, en };

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

export const useLocaleStore = create<LocaleState>()((set) => ({
  locale: startLocale,
  t: translator(MESSAGES[startLocale]),
  setLocale: (locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Private mode or full storage: the choice still holds for this visit.
    }
    document.documentElement.lang = locale;
    set({ locale, t: translator(MESSAGES[locale]) });
  },
}));

export const useT = (): Translate => useLocaleStore((s) => s.t);
export const useLocale = (): Locale => useLocaleStore((s) => s.locale);
