import { diffArrays, diffWordsWithSpace } from 'diff';
import { canonicalText } from './wording';

export type DiffSegmentKind = 'same' | 'added' | 'removed';
export interface DiffSegment {
  kind: DiffSegmentKind;
  text: string;
}

// jsdiff's own word tokenizer cuts emoji sequences apart (a family at its ZWJs, 👍🏽 before its skin tone), which
// would show half a character struck through. Words are cut where Unicode's word and grapheme rules both allow it.
const segmenters =
  typeof Intl.Segmenter === 'function'
    ? {
        word: new Intl.Segmenter(undefined, { granularity: 'word' }),
        grapheme: new Intl.Segmenter(undefined, { granularity: 'grapheme' }),
      }
    : null;

/** Words and the runs between them; a word boundary inside a cluster (flag letters around a ZWJ) joins both. */
function words(text: string, segmenter: NonNullable<typeof segmenters>): string[] {
  const cuts = new Set(Array.from(segmenter.grapheme.segment(text), (cluster) => cluster.index));
  const tokens: string[] = [];
  for (const { segment, index } of segmenter.word.segment(text)) {
    if (tokens.length > 0 && !cuts.has(index)) tokens[tokens.length - 1] += segment;
    else tokens.push(segment);
  }
  return tokens;
}

function diffWords(before: string, after: string): { added: boolean; removed: boolean; value: string }[] {
  // Without a segmenter, jsdiff's tokenizer still keeps surrogate pairs whole.
  if (!segmenters) return diffWordsWithSpace(before, after);
  return diffArrays(words(before, segmenters), words(after, segmenters)).map((change) => ({
    ...change,
    value: change.value.join(''),
  }));
}

/**
 * What changed between the wording of two rounds, word by word with whitespace kept: joining the `same` and
 * `added` segments gives the canonical `after`, joining `same` and `removed` the canonical `before`. A replaced
 * word comes as `removed` then `added`. Both texts are canonicalised as for the wording hash, so a difference
 * shows exactly when the hash would change.
 */
export function diffWording(before: string, after: string): DiffSegment[] {
  return diffWords(canonicalText(before), canonicalText(after)).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}
