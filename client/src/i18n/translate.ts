import { IntlMessageFormat } from 'intl-messageformat';
import type { Catalogue, MessageKey } from './catalogues';
import { intlTag, type Locale, textDirection } from './languages';

export type Params = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: Params) => string;

// First strong isolate … pop directional isolate: a German organisation name inside an Arabic sentence keeps its
// own direction and does not reorder the punctuation around it.
const FSI = '\u2068';
const PDI = '\u2069';

// Hebrew, Arabic (with Syriac, Thaana, N'Ko …) and their presentation forms: strong right-to-left letters.
const RTL_LETTER = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/u;

/**
 * In a right-to-left language every string argument is isolated; in a left-to-right one only those with
 * right-to-left letters (an Arabic goal title in a German sentence), so German text stays free of invisible marks.
 */
const isolated = (params: Params, rtl: boolean): Params =>
  Object.fromEntries(
    Object.entries(params).map(([name, value]) => [
      name,
      typeof value === 'string' && (rtl || RTL_LETTER.test(value)) ? `${FSI}${value}${PDI}` : value,
    ]),
  );

/**
 * Formats a catalogue's ICU messages (plurals, select, numbers) in the language's rules. Each message is parsed
 * once, on first use: a board's first render formats thousands. A message that cannot be formatted (a missing
 * argument) shows its source, so the gap is noticed rather than hidden.
 */
export function translator(messages: Catalogue, locale: Locale): Translate {
  const tag = intlTag(locale);
  const rtl = textDirection(locale) === 'rtl';
  const compiled = new Map<MessageKey, IntlMessageFormat>();
  return (key, params) => {
    const source = messages[key] ?? key;
    if (!source.includes('{') && !source.includes("'")) return source;
    let message = compiled.get(key);
    if (!message) {
      message = new IntlMessageFormat(source, tag, undefined, { ignoreTag: true });
      compiled.set(key, message);
    }
    try {
      return String(message.format(params ? isolated(params, rtl) : params));
    } catch {
      return source;
    }
  };
}
