import { useCallback, useEffect, useState } from 'react';
import { type SpeechPart, voiceFor } from './readAloud';

/** The browser's speech synthesis, or null where there is none (some embedded browsers, older WebViews). */
export function speechSynthesisOrNull(): SpeechSynthesis | null {
  if (typeof window === 'undefined' || typeof window.SpeechSynthesisUtterance !== 'function') return null;
  return window.speechSynthesis ?? null;
}

export interface Voices {
  readonly supported: boolean;
  readonly voices: readonly SpeechSynthesisVoice[];
  /** Asks the browser again (a press may come before `voiceschanged`); returns and keeps what it has now. */
  readonly refresh: () => readonly SpeechSynthesisVoice[];
}

/**
 * The device's voices. Browsers load them asynchronously: `getVoices()` is often empty at first and
 * `voiceschanged` brings the list. The list is read after mounting, never during the first render, so a note that
 * depends on it is a change inside a live region, which screen readers announce.
 */
export function useVoices(): Voices {
  const [voices, setVoices] = useState<readonly SpeechSynthesisVoice[]>([]);
  const supported = speechSynthesisOrNull() !== null;
  useEffect(() => {
    const synth = speechSynthesisOrNull();
    if (!synth) return;
    const update = () => setVoices(synth.getVoices());
    update();
    synth.addEventListener('voiceschanged', update);
    return () => synth.removeEventListener('voiceschanged', update);
  }, []);
  const refresh = useCallback(() => {
    const now = speechSynthesisOrNull()?.getVoices() ?? [];
    setVoices(now);
    return now;
  }, []);
  return { supported, voices, refresh };
}

/**
 * Speaks `parts` one after another, each with a voice of its language, after stopping whatever this page was
 * reading. `onDone` runs once: after the last part, or when the reading is stopped or fails. Returns the queued
 * utterances: the caller keeps them referenced, since Chromium drops the events of utterances it has collected.
 */
export function speakParts(
  synth: SpeechSynthesis,
  voices: readonly SpeechSynthesisVoice[],
  parts: readonly SpeechPart[],
  onDone: () => void,
): SpeechSynthesisUtterance[] {
  synth.cancel();
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    onDone();
  };
  const utterances = parts.map((part) => {
    const utterance = new SpeechSynthesisUtterance(part.text);
    utterance.lang = part.lang;
    const voice = voiceFor(voices, part.lang);
    if (voice) utterance.voice = voice;
    // Cancelling (our stop button, another reading, leaving the view) ends the queue with an error event.
    utterance.addEventListener('error', finish);
    return utterance;
  });
  utterances.at(-1)?.addEventListener('end', finish);
  for (const utterance of utterances) synth.speak(utterance);
  if (utterances.length === 0) finish();
  return utterances;
}
