import { describe, expect, it } from 'vitest';
import { type Boundaries, codePointBoundaries, graphemeBoundaries } from './graphemes';

const FAMILY = '👨‍👩‍👧';

describe.each<[string, Boundaries, [string, number, number, number][]]>([
  [
    'grapheme clusters',
    graphemeBoundaries,
    [
      // text, index, at or before, at or after
      ['a😀b', 2, 1, 3],
      ['a😀b', 3, 3, 3],
      ['🇩🇪🇦🇹', 2, 0, 4],
      ['🇩🇪🇦🇹', 6, 4, 8],
      [`x${FAMILY}y`, 4, 1, 9],
      ['👍🏽', 2, 0, 4],
      ['e\u0301!', 1, 0, 2],
      ['😀', -5, 0, 0],
      ['😀', 9, 2, 2],
      ['', 0, 0, 0],
    ],
  ],
  [
    'code points',
    codePointBoundaries,
    [
      ['a😀b', 2, 1, 3],
      ['🇩🇪🇦🇹', 2, 2, 2],
      ['🇩🇪🇦🇹', 3, 2, 4],
      ['e\u0301!', 1, 1, 1],
      ['\uDE00\uD83D', 1, 1, 1],
      ['😀', -5, 0, 0],
      ['😀', 9, 2, 2],
    ],
  ],
])('%s', (_name, boundaries, cases) => {
  it.each(cases)('in %j, around %i: %i and %i', (text, index, before, after) => {
    expect(boundaries.atOrBefore(text, index)).toBe(before);
    expect(boundaries.atOrAfter(text, index)).toBe(after);
  });
});
