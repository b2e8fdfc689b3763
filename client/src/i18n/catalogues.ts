import type { Locale } from './languages';
import type german from './messages/de.json';

export type MessageKey = keyof typeof german;
/** A language's messages in ICU MessageFormat; `npm test` holds every catalogue to German's keys and arguments. */
export type Catalogue = Readonly<Record<MessageKey, string>>;

const json = (module: { default: unknown }) => module.default as Catalogue;

// Each language is its own chunk: a visit loads the one it shows, another only when the person switches.
export const CATALOGUES: Readonly<Record<Locale, () => Promise<Catalogue>>> = {
  de: () => import('./messages/de.json').then(json),
  // Einfache Sprache rewrites what needs rewriting; every other message is standard German.
  'de-simple': () =>
    Promise.all([import('./messages/de.json'), import('./messages/de-simple.json')]).then(
      ([standard, simple]) => ({ ...json(standard), ...(simple.default as Partial<Catalogue>) }),
    ),
  en: () => import('./messages/en.json').then(json),
  tr: () => import('./messages/tr.json').then(json),
  ar: () => import('./messages/ar.json').then(json),
  fa: () => import('./messages/fa.json').then(json),
  ru: () => import('./messages/ru.json').then(json),
  uk: () => import('./messages/uk.json').then(json),
  pl: () => import('./messages/pl.json').then(json),
};
