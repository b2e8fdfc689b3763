import type * as Y from 'yjs';
import { graphemeBoundaries } from './graphemes';
import { type DeltaOp, diffText, type TextChange, transformPosition } from './textDiff';

export type TextElement = HTMLInputElement | HTMLTextAreaElement;

/**
 * Keeps an input or textarea and a Y.Text in step, character by character: local typing becomes the minimal
 * insert/delete (so concurrent edits merge), and remote changes update the field while the caret stays on the
 * same character. The whole string is never overwritten in the shared text.
 */
export function bindText(
  element: TextElement,
  text: Y.Text,
  apply: (change: TextChange) => void,
): () => void {
  // The value the Y.Text had when the field last matched it; the base for diffing the next local edit.
  let shadow = text.toString();
  if (element.value !== shadow) element.value = shadow;
  let composing = false;

  const pushLocal = () => {
    const next = element.value;
    const change = diffText(shadow, next, element.selectionEnd ?? undefined);
    shadow = next;
    if (change) apply(change);
  };
  const onInput = (event: Event) => {
    // While an input method composes a character, the field holds provisional text: wait for the end.
    if (composing || (event as InputEvent).isComposing) return;
    pushLocal();
  };
  const onCompositionStart = () => {
    composing = true;
  };
  const onCompositionEnd = () => {
    composing = false;
    pushLocal();
  };

  const observer = (event: Y.YTextEvent) => {
    const value = text.toString();
    if (value === element.value) {
      shadow = value;
      return;
    }
    const delta = event.delta as DeltaOp[];
    const focused = element.ownerDocument.activeElement === element;
    const start = element.selectionStart ?? 0;
    const end = element.selectionEnd ?? 0;
    const direction = element.selectionDirection ?? 'none';
    element.value = value;
    shadow = value;
    if (focused) {
      // Text inserted at the caret can join the character before it (a skin tone, an accent): the caret then
      // moves past the whole character instead of sitting inside it.
      const place = (position: number) =>
        graphemeBoundaries.atOrAfter(value, transformPosition(position, delta));
      element.setSelectionRange(place(start), place(end), direction);
    }
  };

  element.addEventListener('input', onInput);
  element.addEventListener('compositionstart', onCompositionStart);
  element.addEventListener('compositionend', onCompositionEnd);
  text.observe(observer);
  return () => {
    element.removeEventListener('input', onInput);
    element.removeEventListener('compositionstart', onCompositionStart);
    element.removeEventListener('compositionend', onCompositionEnd);
    text.unobserve(observer);
  };
}
