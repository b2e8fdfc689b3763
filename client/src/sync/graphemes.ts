/**
 * Where a text may be cut without breaking what a person sees as one character. Indexes are UTF-16 code units,
 * as in strings, input carets and Y.Text.
 */
export interface Boundaries {
  /** The nearest boundary at or before `index` (0 and text.length are boundaries). */
  atOrBefore(text: string, index: number): number;
  /** The nearest boundary at or after `index`. */
  atOrAfter(text: string, index: number): number;
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
const clamp = (text: string, index: number) => Math.max(0, Math.min(text.length, index));

/** Between two code points: never inside a surrogate pair. Lone surrogates count as code points of their own. */
export const codePointBoundaries: Boundaries = {
  atOrBefore(text, index) {
    const at = clamp(text, index);
    return insidePair(text, at) ? at - 1 : at;
  },
  atOrAfter(text, index) {
    const at = clamp(text, index);
    return insidePair(text, at) ? at + 1 : at;
  },
};

function insidePair(text: string, index: number): boolean {
  return (
    index > 0 &&
    index < text.length &&
    isHighSurrogate(text.charCodeAt(index - 1)) &&
    isLowSurrogate(text.charCodeAt(index))
  );
}

/** Between grapheme clusters as `segmenter` (granularity 'grapheme') finds them: flags, ZWJ sequences, accents. */
export function segmenterBoundaries(segmenter: Intl.Segmenter): Boundaries {
  const containing = (text: string, index: number) =>
    index > 0 && index < text.length ? segmenter.segment(text).containing(index) : undefined;
  return {
    atOrBefore(text, index) {
      const at = clamp(text, index);
      return containing(text, at)?.index ?? at;
    },
    atOrAfter(text, index) {
      const at = clamp(text, index);
      const cluster = containing(text, at);
      return cluster && cluster.index < at ? cluster.index + cluster.segment.length : at;
    },
  };
}

/** Grapheme clusters where the runtime can segment text (Node 16+, every current browser), code points otherwise. */
export const graphemeBoundaries: Boundaries =
  typeof Intl.Segmenter === 'function'
    ? segmenterBoundaries(new Intl.Segmenter(undefined, { granularity: 'grapheme' }))
    : codePointBoundaries;
