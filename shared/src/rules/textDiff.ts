import { diffWordsWithSpace } from 'diff';
import { canonicalText } from './wording';

export type DiffSegmentKind = 'same' | 'added' | 'removed';
export interface DiffSegment {
  kind: DiffSegmentKind;
  text: string;
}

/**
 * What changed between the wording of two rounds, word by word with whitespace kept: joining the `same` and
 * `added` segments gives the canonical `after`, joining `same` and `removed` the canonical `before`. A replaced
 * word comes as `removed` then `added`. Both texts are canonicalised as for the wording hash, so a difference
 * shows exactly when the hash would change.
 */
export function diffWording(before: string, after: string): DiffSegment[] {
  return diffWordsWithSpace(canonicalText(before), canonicalText(after)).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}
