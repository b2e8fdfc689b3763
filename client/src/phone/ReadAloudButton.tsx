import { STANCES } from '@common-ground/shared/rules';
import { useEffect, useId, useRef, useState } from 'react';
import { CATALOGUES } from '../i18n/catalogues';
import { intlTag, LANGUAGES, LOCALES, type Locale } from '../i18n/languages';
import { useLocale, useT } from '../i18n/locale';
import { type Translate, translator } from '../i18n/translate';
import {
  hasVoiceFor,
  languagesWithoutVoice,
  ORIGINAL_LANG,
  type ReadableGoal,
  readingParts,
  type SpeechPart,
  type StanceTexts,
  sameLanguage,
} from './readAloud';
import { speakParts, speechSynthesisOrNull, useVoices } from './speech';
import './readAloud.css';

const stanceTexts = (t: Translate, lang: string): StanceTexts => ({
  lang,
  heading: t('stance.legend'),
  options: STANCES.map((stance) => ({ label: t(`stance.${stance}`), hint: t(`stanceHint.${stance}`) })),
});

/** A language's name in the reader's language ("Türkisch" for a German reader), else in its own. */
function languageName(lang: string, readerLocale: Locale): string {
  const code = lang.split(/[-_]/)[0] ?? lang;
  try {
    const name = new Intl.DisplayNames([intlTag(readerLocale)], { type: 'language' }).of(code);
    if (name && name !== code) return name;
  } catch {
    // An older browser without Intl.DisplayNames: the language's own name below.
  }
  const own = LOCALES.find((locale) => sameLanguage(LANGUAGES[locale].tag, code));
  return own ? LANGUAGES[own].name : lang;
}

/** The German messages, for reading the stance options with the original when the reader's language has no voice. */
function useGermanTranslate(needed: boolean): Translate | null {
  const [german, setGerman] = useState<Translate | null>(null);
  useEffect(() => {
    if (!needed || german) return;
    let current = true;
    CATALOGUES.de().then(
      (messages) => {
        if (current) setGerman(() => translator(messages, 'de'));
      },
      // Offline with German not cached: the original is read without the options' German words.
      () => {},
    );
    return () => {
      current = false;
    };
  }, [needed, german]);
  return german;
}

type Plan =
  /** No speech synthesis in this browser. */
  | { readonly kind: 'unsupported' }
  /** Voices (or the German messages for the original) not loaded yet: a press asks again. */
  | { readonly kind: 'unknown' }
  /** No voice for the reader's language, and no German original to offer instead. */
  | { readonly kind: 'none' }
  /** No voice for the reader's language; the German original (and the options in German) can be read. */
  | { readonly kind: 'original'; readonly parts: readonly SpeechPart[] }
  /** Read in the reader's language; `missing` names the languages of parts skipped for want of a voice. */
  | { readonly kind: 'read'; readonly parts: readonly SpeechPart[]; readonly missing: readonly string[] };

/**
 * "Vorlesen" on the phone: reads the goal in the language it is written in and, where a round asks for a stance,
 * the stance options in the reader's language, with the device's voices. Where the device has no voice for the
 * reader's language it says so next to the button, how to add one, and offers the German original if it can read
 * that. One button that turns into "Anhalten", so focus stays on it; leaving the view stops the reading.
 */
export function ReadAloudButton(props: {
  /** The goal as the view shows it: the original, or a translation with its language. */
  goal: ReadableGoal;
  /** The original, when `goal` is a translation: read when the device has no voice for the reader's language. */
  original?: ReadableGoal;
  /** Also read the stance options (the view asks for a stance). */
  stances?: boolean;
}) {
  const { goal, stances = false } = props;
  const original = props.original ?? goal;
  const t = useT();
  const locale = useLocale();
  const noteId = useId();
  const { supported, voices, refresh } = useVoices();
  const [speaking, setSpeaking] = useState(false);
  // A press found no voices at all (not only "not loaded yet").
  const [checked, setChecked] = useState(false);
  const queued = useRef<SpeechSynthesisUtterance[] | null>(null);

  const uiLang = intlTag(locale);
  const uiHasVoice = hasVoiceFor(voices, uiLang);
  const offerOriginal =
    voices.length > 0 &&
    !uiHasVoice &&
    !sameLanguage(uiLang, ORIGINAL_LANG) &&
    hasVoiceFor(voices, ORIGINAL_LANG);
  const german = useGermanTranslate(offerOriginal);

  const planFor = (list: readonly SpeechSynthesisVoice[]): Plan => {
    if (!supported) return { kind: 'unsupported' };
    if (list.length === 0) return checked ? { kind: 'none' } : { kind: 'unknown' };
    if (hasVoiceFor(list, uiLang)) {
      const all = readingParts(goal, stances ? stanceTexts(t, uiLang) : undefined);
      return {
        kind: 'read',
        parts: all.filter((part) => hasVoiceFor(list, part.lang)),
        missing: languagesWithoutVoice(all, list),
      };
    }
    if (offerOriginal) {
      // The German words of the options are a moment away: say nothing until the whole offer stands.
      if (stances && !german) return { kind: 'unknown' };
      const germanOptions = stances && german ? stanceTexts(german, ORIGINAL_LANG) : undefined;
      const parts = readingParts({ ...original, lang: original.lang ?? ORIGINAL_LANG }, germanOptions);
      const readable = parts.filter((part) => hasVoiceFor(list, part.lang));
      if (readable.length > 0) return { kind: 'original', parts: readable };
    }
    return { kind: 'none' };
  };
  const plan = planFor(voices);

  // Leaving the view stops what this button started (and only that: another view may be reading).
  useEffect(
    () => () => {
      if (queued.current) speechSynthesisOrNull()?.cancel();
      queued.current = null;
    },
    [],
  );

  const stop = () => {
    queued.current = null;
    setSpeaking(false);
    speechSynthesisOrNull()?.cancel();
  };

  const start = () => {
    const synth = speechSynthesisOrNull();
    if (!synth) return;
    let list = voices;
    let current = plan;
    if (current.kind === 'unknown') {
      list = refresh();
      current = planFor(list);
      if (list.length === 0) {
        setChecked(true);
        return;
      }
    }
    if (current.kind !== 'read' && current.kind !== 'original') return;
    const utterances = speakParts(synth, list, current.parts, () => {
      if (queued.current !== utterances) return;
      queued.current = null;
      setSpeaking(false);
    });
    // Kept referenced until done: see speakParts.
    if (utterances.length > 0) {
      queued.current = utterances;
      setSpeaking(true);
    }
  };

  const uiName = languageName(uiLang, locale);
  const howTo = t('readAloud.howToAdd');
  let note = '';
  if (plan.kind === 'unsupported') note = t('readAloud.unsupported');
  else if (plan.kind === 'none') note = `${t('readAloud.noVoice', { language: uiName })} ${howTo}`;
  else if (plan.kind === 'original')
    note = `${t('readAloud.noVoice', { language: uiName })} ${howTo} ${t('readAloud.originalOffered')}`;
  else if (plan.kind === 'read' && plan.missing.length > 0) {
    const names = plan.missing.map((lang) => languageName(lang, locale));
    const list = new Intl.ListFormat([uiLang], { type: 'conjunction' }).format(names);
    note = `${t('readAloud.skipped', { language: list })} ${howTo}`;
  }
  const unavailable = !speaking && (plan.kind === 'unsupported' || plan.kind === 'none');

  return (
    <div className="read-aloud" data-testid="read-aloud" data-plan={plan.kind}>
      <button
        type="button"
        className="button secondary read-aloud-button"
        // Not `disabled`: a disabled button drops keyboard focus, and the note stays reachable from it.
        aria-disabled={unavailable || undefined}
        aria-describedby={note ? noteId : undefined}
        onClick={speaking ? stop : start}
        data-testid="read-aloud-button"
        data-speaking={speaking || undefined}
      >
        <SpeakerIcon speaking={speaking} />
        {speaking
          ? t('readAloud.stop')
          : plan.kind === 'original'
            ? t('readAloud.readOriginal')
            : t('readAloud.read')}
      </button>
      {/* Always in the page, so that the note appearing in it is announced. */}
      <p id={noteId} className="read-aloud-note hint" aria-live="polite" data-testid="read-aloud-note">
        {note}
      </p>
    </div>
  );
}

function SpeakerIcon({ speaking }: { speaking: boolean }) {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      {speaking ? (
        <rect x="6" y="6" width="12" height="12" rx="1.5" fill="currentColor" />
      ) : (
        <>
          <path d="M4 9h4l5-4v14l-5-4H4z" fill="currentColor" />
          <path
            d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinecap="round"
          />
        </>
      )}
    </svg>
  );
}
