/**
 * What the phone reads aloud, and with which voice: the goal in the language it is written in, then the stance
 * options in the reader's language. Pure (no `window`), so the choice of parts and voices is unit-tested; the
 * browser's speech synthesis is driven by `ReadAloudButton`.
 */

/** One stretch of speech: a screen reader or synthesiser pronounces it with a voice of `lang`. */
export interface SpeechPart {
  readonly text: string;
  /** BCP 47 tag of the text's language, e.g. `de-DE`, `tr-TR`, `ar`. */
  readonly lang: string;
}

/** Goals are written in German: the original is read with a German voice. */
export const ORIGINAL_LANG = 'de-DE';

/** The goal as the view shows it: the original, or a translation in the reader's language (with its tag). */
export interface ReadableGoal {
  readonly title: string;
  readonly description: string;
  /** The language the text is written in; the original (German) when left out. */
  readonly lang?: string;
}

export interface StanceOptionText {
  /** "Zustimmung", "Bedenken", … */
  readonly label: string;
  /** The short explanation under the label. */
  readonly hint: string;
}

/** The stance options in one language, as the stance form shows them. */
export interface StanceTexts {
  readonly lang: string;
  /** The form's legend ("Haltung Ihrer Organisation"), read before the options. */
  readonly heading: string;
  readonly options: readonly StanceOptionText[];
}

/** A sentence ends in a full stop (or its kind) so the synthesiser pauses between label and explanation. */
const sentence = (text: string): string => (/[.!?。؟۔:…]$/u.test(text) ? text : `${text}.`);

/**
 * The parts to speak, in reading order: title and description in the goal's language, then (when a round asks
 * for a stance) the heading and each option with its explanation in the stance texts' language. Empty text is
 * skipped; soft hyphens (shown for line breaks) are removed, since some voices spell them.
 */
export function readingParts(goal: ReadableGoal, stances?: StanceTexts): SpeechPart[] {
  const goalLang = goal.lang ?? ORIGINAL_LANG;
  const parts: SpeechPart[] = [];
  const add = (text: string, lang: string) => {
    const clean = text.replaceAll('\u00ad', '').trim();
    if (clean) parts.push({ text: clean, lang });
  };
  add(goal.title, goalLang);
  add(goal.description, goalLang);
  if (stances) {
    add(stances.heading, stances.lang);
    for (const option of stances.options) {
      add(`${sentence(option.label.trim())} ${option.hint.trim()}`, stances.lang);
    }
  }
  return parts;
}

/** The part of a voice the choice looks at (`SpeechSynthesisVoice` has it). */
export interface VoiceLike {
  readonly lang: string;
  readonly default?: boolean;
  readonly localService?: boolean;
}

/** Lower case with hyphens: older Android Chrome reports voices as `tr_TR`. */
const normalise = (tag: string): string => tag.trim().toLowerCase().replaceAll('_', '-');
const primary = (tag: string): string => normalise(tag).split('-')[0] ?? '';

/**
 * A voice for a language: one with exactly the tag first (`de-DE` for `de-DE`), otherwise any of the same
 * language (`de-AT` for `de-DE`, `ar-SA` for `ar`); among equals the device's default, then one that works
 * offline. None if the device has no voice for the language; never a voice of another language, which would read
 * the words with the wrong sounds.
 */
export function voiceFor<V extends VoiceLike>(voices: readonly V[], lang: string): V | undefined {
  const wanted = normalise(lang);
  const language = primary(lang);
  if (!language) return undefined;
  const score = (voice: V): number => {
    const tag = normalise(voice.lang);
    if (primary(tag) !== language) return -1;
    return (tag === wanted ? 4 : 0) + (voice.default ? 2 : 0) + (voice.localService ? 1 : 0);
  };
  let best: V | undefined;
  let bestScore = -1;
  for (const voice of voices) {
    const value = score(voice);
    if (value > bestScore) {
      best = voice;
      bestScore = value;
    }
  }
  return best;
}

export const hasVoiceFor = (voices: readonly VoiceLike[], lang: string): boolean =>
  voiceFor(voices, lang) !== undefined;

/** Whether two tags name the same language (`de-DE` and `de`), which one voice then reads. */
export const sameLanguage = (a: string, b: string): boolean => primary(a) === primary(b);

/** The languages among `parts` the device has no voice for, each once, in reading order. */
export function languagesWithoutVoice(parts: readonly SpeechPart[], voices: readonly VoiceLike[]): string[] {
  const missing: string[] = [];
  for (const part of parts) {
    if (hasVoiceFor(voices, part.lang)) continue;
    if (!missing.some((lang) => sameLanguage(lang, part.lang))) missing.push(part.lang);
  }
  return missing;
}
