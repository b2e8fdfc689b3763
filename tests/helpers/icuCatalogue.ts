// Checks shared by the UI's and the exports' catalogue tests: what a translator may not get wrong in an ICU message.
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';

export interface Argument {
  readonly name: string;
  /** How the message formats it: a plain argument, a number (or plural count), a select, … */
  readonly type: TYPE;
  readonly plural?: readonly string[];
}

/** Every argument of a message, with the selectors of each plural, however deeply nested. */
function collect(elements: readonly MessageFormatElement[], out: Argument[]): Argument[] {
  for (const element of elements) {
    if (element.type === TYPE.plural) {
      out.push({ name: element.value, type: element.type, plural: Object.keys(element.options) });
      for (const option of Object.values(element.options)) collect(option.value, out);
    } else if (element.type === TYPE.select) {
      out.push({ name: element.value, type: element.type });
      for (const option of Object.values(element.options)) collect(option.value, out);
    } else if (element.type !== TYPE.literal && element.type !== TYPE.pound && 'value' in element) {
      out.push({ name: String(element.value), type: element.type });
    }
  }
  return out;
}

/** Parses as the formatter does (tags are text); throws on a broken message. */
export const parseMessage = (message: string) => parse(message, { ignoreTag: true });

export const argumentsOf = (message: string): Argument[] => collect(parseMessage(message), []);

/** The argument names a message uses, sorted: a translation must use German's. */
export const argumentNames = (message: string): string[] =>
  [...new Set(argumentsOf(message).map((a) => a.name))].sort();

const WHOLE_NUMBERS = Array.from({ length: 1001 }, (_, n) => n);

/**
 * Plurals that would show a wrong form: counts are whole numbers, so a category is needed for the whole numbers it
 * holds, and an exact match ("=1") covers the number it names (German "one" is 1 only; Russian "one" is also 21,
 * 31, …). Returns a description per plural that lacks a form or `other`; empty when every plural is complete.
 */
export function incompletePlurals(message: string, tag: string): string[] {
  const rules = new Intl.PluralRules(tag);
  return argumentsOf(message).flatMap((argument) => {
    if (!argument.plural) return [];
    const selectors = new Set(argument.plural);
    const uncovered = WHOLE_NUMBERS.filter((n) => !selectors.has(rules.select(n)) && !selectors.has(`=${n}`));
    if (uncovered.length === 0 && selectors.has('other')) return [];
    return [`{${argument.name}}: no form for ${uncovered.slice(0, 5).join(', ') || '"other"'}`];
  });
}
