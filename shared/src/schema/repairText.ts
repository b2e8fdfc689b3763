import type * as Y from 'yjs';

/**
 * Grapheme segmentation is locale-independent; a fixed locale keeps two servers' cuts equal all the same. Absent
 * where the runtime lacks Intl.Segmenter: then cuts fall back to code points. Made on first use, not at import:
 * a segmenter pulls ICU's break rules into memory, which a server that never cuts a text need not hold (issue 28,
 * memory at rest).
 */
let graphemes: Intl.Segmenter | null | undefined;
const graphemeSegmenter = (): Intl.Segmenter | null => {
  if (graphemes === undefined) {
    graphemes =
      typeof Intl.Segmenter === 'function' ? new Intl.Segmenter('en', { granularity: 'grapheme' }) : null;
  }
  return graphemes;
};

/**
 * Where to cut `value` so that it keeps at most `max` UTF-16 code units (the unit of `String.length`, Y.Text
 * and the forms' `maxLength`) without splitting a grapheme: the largest grapheme boundary at or below `max`, or
 * `value.length` when it fits. Without a segmenter, the largest code point boundary.
 */
export function graphemeCut(
  value: string,
  max: number,
  segmenter: Intl.Segmenter | null = graphemeSegmenter(),
): number {
  if (value.length <= max) return value.length;
  if (max <= 0) return 0;
  if (!segmenter) return isHighSurrogate(value.charCodeAt(max - 1)) ? max - 1 : max;
  // Whether a boundary lies before a code point depends only on what precedes it and on that code point, so a
  // prefix that holds the whole code point at `max` (at most two units) has the same boundaries up to `max`.
  // The start of the grapheme containing `max` is the boundary sought; `containing` finds it from nearby
  // (iterating every segment up to a 20,000-unit limit took ~150 ms).
  return segmenter.segment(value.slice(0, max + 2)).containing(max)?.index ?? max;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

export type TextRepair = 'embeds' | 'truncate';

/**
 * Makes a goal's Y.Text plain and short enough: deletes embeds (objects or shared types a foreign client
 * inserted; every reader sees only the characters, and an editor binding counts positions in characters), then
 * deletes everything after the cut. Formatting attributes are left: they change no character. Only deletions,
 * so two servers repairing the same text at once converge on the same text.
 */
export function repairText(text: Y.Text, max: number): TextRepair[] {
  const repairs: TextRepair[] = [];
  let value = text.toString();
  if (text.length !== value.length) {
    const embedAt: number[] = [];
    let index = 0;
    for (const op of text.toDelta() as { insert: unknown }[]) {
      if (typeof op.insert === 'string') {
        index += op.insert.length;
      } else {
        embedAt.push(index);
        index += 1;
      }
    }
    for (const at of embedAt.reverse()) text.delete(at, 1);
    repairs.push('embeds');
    value = text.toString();
  }
  const cut = graphemeCut(value, max);
  if (cut < value.length) {
    text.delete(cut, value.length - cut);
    repairs.push('truncate');
  }
  return repairs;
}
