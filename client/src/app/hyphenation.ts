import { useEffect, useSyncExternalStore } from 'react';
import type { Locale } from '../i18n/languages';
import { useLocale } from '../i18n/locale';

export const SOFT_HYPHEN = '\u00ad';

type Hyphenate = (text: string) => string;

// Debian's Chromium (and many offline laptops) have no hyphenation dictionaries, so `hyphens: auto` does nothing:
// the patterns come with the client, one lazy chunk per language, loaded when something long is first shown.
// Arabic and Persian script is not hyphenated: those languages have none.
const PATTERNS: Partial<Record<Locale, () => Promise<unknown>>> = {
  de: () => import('hyphen/patterns/de-1996.js').then((m) => m.default),
  'de-simple': () => import('hyphen/patterns/de-1996.js').then((m) => m.default),
  en: () => import('hyphen/patterns/en-gb.js').then((m) => m.default),
  tr: () => import('hyphen/patterns/tr.js').then((m) => m.default),
  ru: () => import('hyphen/patterns/ru.js').then((m) => m.default),
  uk: () => import('hyphen/patterns/uk.js').then((m) => m.default),
  pl: () => import('hyphen/patterns/pl.js').then((m) => m.default),
};

const loaded = new Map<Locale, Hyphenate>();
const loading = new Set<Locale>();
const listeners = new Set<() => void>();

// Addresses, e-mail addresses and codes are not words: a soft hyphen there would show a "-" that is not part of
// them. They wrap by `overflow-wrap: break-word` instead.
const NOT_A_WORD = /[/@:\d_=?&#]|\.\S/;

// German gender forms join two words by a slash, colon or star ("Kooperationspartner/innen", "Bürger:innen"):
// each side is a word of its own that may be hyphenated, the joiner stays where it is (a line may break after it).
const GENDER_JOINER = /((?<=\p{L})[/:*](?=\p{L}))/u;

/** Soft hyphens into the words of `text`; addresses, codes and numbers stay as they are. */
export function hyphenateText(text: string, hyphenateWords: Hyphenate): string {
  return text
    .split(/(\s+)/)
    .map((part) => {
      // Odd indices are the joiners the split kept.
      const pieces = part.split(GENDER_JOINER);
      if (pieces.some((piece, i) => i % 2 === 0 && NOT_A_WORD.test(piece))) return part;
      return pieces.map((piece, i) => (i % 2 === 0 ? hyphenateWords(piece) : piece)).join('');
    })
    .join('');
}

function load(locale: Locale): void {
  const patterns = PATTERNS[locale];
  if (!patterns || loaded.has(locale) || loading.has(locale)) return;
  loading.add(locale);
  Promise.all([import('hyphen/hyphen.js'), patterns()]).then(
    ([{ default: createHyphenator }, patterns]) => {
      const hyphenateWords = createHyphenator(patterns, { html: false, hyphenChar: SOFT_HYPHEN });
      loaded.set(locale, (text) => hyphenateText(text, hyphenateWords));
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
export function useHyphenated(text: string, lang?: Locale): string {
  const uiLocale = useLocale();
  // User content in another language than the UI (a translation, or the original beside one) breaks by its own rules.
  const locale = lang ?? uiLocale;
  const snapshot = () => loaded.get(locale);
  // Rendered to a string (tests of a card's markup), the text is as it is until the patterns arrive, as on screen.
  const hyphenate = useSyncExternalStore(subscribe, snapshot, snapshot);
  useEffect(() => load(locale), [locale]);
  return hyphenate ? hyphenate(text) : text;
}

/** Long display text (titles, names, headings) that may break only at hyphenation points. */
export function Hyphenated({ text, lang }: { text: string; lang?: Locale | undefined }) {
  return useHyphenated(text, lang);
}
