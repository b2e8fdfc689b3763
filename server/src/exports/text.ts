import type { HealthPrinciple, Locale, PartnerKind, RoundOutcome } from '@common-ground/shared/api';
import type { DecisionRule, Stance } from '@common-ground/shared/rules';
import type { ProcessPhase } from '@common-ground/shared/schema';
import { IntlMessageFormat } from 'intl-messageformat';
import { inlineText } from '../rounds/markdown';
import { EXPORT_CATALOGUES, EXPORT_TAGS, type ExportKey, RIGHT_TO_LEFT } from './catalogues';

export type ExportParams = Readonly<Record<string, string | number>>;

/**
 * The words of the Markdown exports (agreement and process report) in one language: its messages, the labels of
 * the domain's words, and dates and lists as that language writes them. The one place these are defined, so both
 * documents name things alike in every language.
 */
export interface ExportText {
  readonly locale: Locale;
  /** A message with its arguments; string arguments are Markdown already (`user` text, labels, dates). */
  t(key: ExportKey, params?: ExportParams): string;
  /**
   * A person's text (a name, a title, a reason) for one line of Markdown: escaped, and in a right-to-left
   * language isolated, so a German organisation name inside an Arabic sentence keeps its own direction and does
   * not pull the punctuation around it out of place (the client's UI does the same).
   */
  user(text: string): string;
  /** A point in time as the calendar day in Berlin, where the boards are: "06.12.2026" in German. */
  date(ms: number): string;
  /** A 'YYYY-MM-DD' calendar date, without any time zone shift. */
  day(isoDay: string): string;
  /** "A, B und C" in the language's own conjunction and commas. */
  list(items: readonly string[]): string;
  kind(kind: PartnerKind): string;
  stance(stance: Stance): string;
  rule(rule: DecisionRule['kind']): string;
  phase(phase: ProcessPhase): string;
  principle(principle: HealthPrinciple): string;
  outcome(outcome: RoundOutcome): string;
}

// First strong isolate … pop directional isolate (Unicode bidi): invisible, and the text between takes its own
// direction from its first strong character.
const FSI = '\u2068';
const PDI = '\u2069';

const cache = new Map<Locale, ExportText>();

/** The export text of a language, built once per language (every message is parsed once, on first use). */
export function exportText(locale: Locale = 'de'): ExportText {
  let text = cache.get(locale);
  if (!text) {
    text = build(locale);
    cache.set(locale, text);
  }
  return text;
}

function build(locale: Locale): ExportText {
  const messages = EXPORT_CATALOGUES[locale];
  const tag = EXPORT_TAGS[locale];
  const rtl = RIGHT_TO_LEFT.has(locale);
  const compiled = new Map<ExportKey, IntlMessageFormat>();
  const t = (key: ExportKey, params?: ExportParams): string => {
    let message = compiled.get(key);
    if (!message) {
      message = new IntlMessageFormat(messages[key], tag, undefined, { ignoreTag: true });
      compiled.set(key, message);
    }
    // A missing argument is a programming error the unit tests catch; it throws rather than print a gap.
    return String(message.format(params));
  };
  const dateFormat = new Intl.DateTimeFormat(tag, {
    timeZone: 'Europe/Berlin',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
  const dayFormat = new Intl.DateTimeFormat(tag, {
    timeZone: 'UTC',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
  const listFormat = new Intl.ListFormat(tag, { type: 'conjunction' });
  return {
    locale,
    t,
    user: (value) => (rtl ? `${FSI}${inlineText(value)}${PDI}` : inlineText(value)),
    date: (ms) => dateFormat.format(new Date(ms)),
    day: (isoDay) => dayFormat.format(new Date(`${isoDay}T00:00:00Z`)),
    list: (items) => listFormat.format(items),
    kind: (kind) => t(`kind.${kind}`),
    stance: (stance) => t(`stance.${stance}`),
    rule: (rule) => t(`rule.${rule}`),
    phase: (phase) => t(`phase.${phase}`),
    principle: (principle) => t(`principle.${principle}`),
    outcome: (outcome) => t(`outcome.${outcome}`),
  };
}
