import { useEffect, useSyncExternalStore } from 'react';
import type { Locale } from '../i18n/detect';
import { useLocale } from '../i18n/locale';

export const SOFT_HYPHEN = '\u00ad';

type Hyphenate = (text: string) => string;

// Debian's Chromium (and many offline laptops) have no hyphenation dictionaries, so `hyphens: auto` does nothing:
// the patterns come with the client, one lazy chunk per language, loaded when something long is first shown.
const PATTERNS: Record<Locale, () => Promise<unknown>> = {
  de: () => import('hyphen/patterns/de-1996.js').then((m) => m.default),
  en: () => import('hyphen/patterns/en-us.js').then((m) => m.default),
};

const loaded = new Map<Locale, Hyphenate>();
const loading = new Set<Locale>();
const listeners = new Set<() => void>();

// Addresses, e-mail addresses and codes are not words: a soft hyphen there would show a "-" that is not part of
// them. They wrap by `overflow-wrap: break-word` instead.
const NOT_A_WORD = /[/@:\d_=?&#]|\.\S/;

function load(locale: Locale): void {
  if (loaded.has(locale) || loading.has(locale)) return;
  loading.add(locale);
  Promise.all([import('hyphen/hyphen.js'), PATTERNS[locale]()]).then(
    ([{ default: createHyphenator }, patterns]) => {
      const hyphenateWords = createHyphenator(patterns, { html: false, hyphenChar: SOFT_HYPHEN });
      loaded.set(locale, (text) =>
        text
          .split(/(\s+)/)
          .map((part) => (NOT_A_WORD.test(part) ? part : hyphenateWords(part)))
          .join(''),
      );
      installCopyCleaner();
      for (const listener of listeners) listener();
    },
    // Without patterns the text stays whole and wraps only between words, as before.
    () => loading.delete(locale),
  );
}

let copyCleanerInstalled = false;

/** Soft hyphens are for the screen: a person copying a title gets the title as it was written. */
function installCopyCleaner(): void {
  if (copyCleanerInstalled) return;
  copyCleanerInstalled = true;
  document.addEventListener('copy', (event) => {
    const selected = document.getSelection()?.toString() ?? '';
    if (!selected.includes(SOFT_HYPHEN) || !event.clipboardData) return;
    event.clipboardData.setData('text/plain', stripSoftHyphens(selected));
    event.preventDefault();
  });
}

export const stripSoftHyphens = (text: string): string => text.replaceAll(SOFT_HYPHEN, '');

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/**
 * The text with soft hyphens at the hyphenation points of the current UI language, once its patterns have
 * arrived (the text as it is until then). For display only: never for inputs or what is sent to the server.
 */
export function useHyphenated(text: string): string {
  const locale = useLocale();
  const hyphenate = useSyncExternalStore(subscribe, () => loaded.get(locale));
  useEffect(() => load(locale), [locale]);
  return hyphenate ? hyphenate(text) : text;
}

/** Long display text (titles, names, headings) that may break only at hyphenation points. */
export function Hyphenated({ text }: { text: string }) {
  return useHyphenated(text);
}
