import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { codePointBoundaries } from './graphemes';
import { type DeltaOp, diffText, type TextChange, transformPosition } from './textDiff';

const apply = (value: string, change: TextChange | null): string =>
  change
    ? value.slice(0, change.index) + change.insert + value.slice(change.index + change.deleteCount)
    : value;

describe('diffText', () => {
  it('finds a plain insertion, deletion and replacement', () => {
    expect(diffText('Spielplatz', 'Spielplatz Süd', 14)).toEqual({
      index: 10,
      deleteCount: 0,
      insert: ' Süd',
    });
    expect(diffText('Spielplatz', 'Spielpl', 7)).toEqual({ index: 7, deleteCount: 3, insert: '' });
    expect(diffText('ein Ziel', 'ein Plan', 8)).toEqual({ index: 4, deleteCount: 4, insert: 'Plan' });
    expect(diffText('gleich', 'gleich', 3)).toBeNull();
  });

  it('uses the caret to place an edit inside a run of equal characters', () => {
    expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, deleteCount: 0, insert: 'a' });
    expect(diffText('aa', 'aaa', 2)).toEqual({ index: 1, deleteCount: 0, insert: 'a' });
    expect(diffText('aaa', 'aa', 0)).toEqual({ index: 0, deleteCount: 1, insert: '' });
    expect(diffText('aaa', 'aa', 1)).toEqual({ index: 1, deleteCount: 1, insert: '' });
  });

  it('without a caret, still yields a change that produces the new value', () => {
    expect(apply('aa', diffText('aa', 'aaa'))).toBe('aaa');
  });

  it('always turns before into after, whatever the caret says', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.nat(50), (before, after, caret) => {
        expect(apply(before, diffText(before, after, caret))).toBe(after);
      }),
    );
  });

  it('recovers the exact single edit when the caret is where the edit ended', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), fc.nat(), fc.string(), (base, at, del, insert) => {
        const index = at % (base.length + 1);
        const deleteCount = del % (base.length - index + 1);
        const after = base.slice(0, index) + insert + base.slice(index + deleteCount);
        const change = diffText(base, after, index + insert.length);
        expect(apply(base, change)).toBe(after);
        if (change) expect(change.index + change.insert.length).toBeLessThanOrEqual(index + insert.length);
      }),
    );
  });
});

/** Every grapheme-cluster boundary of `text`, found independently of the module under test. */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemeCuts = (text: string): Set<number> =>
  new Set([...[...segmenter.segment(text)].map((cluster) => cluster.index), text.length]);
const codePointCuts = (text: string): Set<number> => {
  const cuts = new Set([text.length]);
  let index = 0;
  for (const point of text) {
    cuts.add(index);
    index += point.length;
  }
  return cuts;
};
const hasLoneSurrogate = (text: string) => /\p{Surrogate}/u.test(text);

/** Both ends of the change fall on cuts of `before` (what is deleted) and of `after` (what is inserted). */
function expectCutsAt(
  before: string,
  after: string,
  change: TextChange,
  cuts: (text: string) => Set<number>,
) {
  const inBefore = cuts(before);
  const inAfter = cuts(after);
  expect(inBefore.has(change.index) && inBefore.has(change.index + change.deleteCount)).toBe(true);
  expect(inAfter.has(change.index) && inAfter.has(change.index + change.insert.length)).toBe(true);
}

/** The change applied as the goal fields apply it: delete, then insert, on a Y.Text that already holds `before`. */
function applyToYText(before: string, change: TextChange | null): string {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  text.insert(0, before);
  if (change) {
    doc.transact(() => {
      if (change.deleteCount > 0) text.delete(change.index, change.deleteCount);
      if (change.insert) text.insert(change.index, change.insert);
    });
  }
  const result = text.toString();
  doc.destroy();
  return result;
}

const FAMILY_GIRL = '👨‍👩‍👧';
const FAMILY_BOY = '👨‍👩‍👦';
const MOTHERS = '👩‍👩‍👧';

describe('diffText with emoji, flags, ZWJ sequences, skin tones and combining accents', () => {
  it.each<[string, string, string, number | undefined, TextChange]>([
    // Selecting one character and typing another: the whole cluster goes, the whole new one comes.
    ['emoji replaced', '😀', '😃', 2, { index: 0, deleteCount: 2, insert: '😃' }],
    ['emoji replaced, no caret', '😀', '😃', undefined, { index: 0, deleteCount: 2, insert: '😃' }],
    ['emoji replaced in text', 'Fest 😀!', 'Fest 😃!', 7, { index: 5, deleteCount: 2, insert: '😃' }],
    ['second of two emoji replaced', '😀😀', '😀😃', 4, { index: 2, deleteCount: 2, insert: '😃' }],
    ['flag replaced', '🇩🇪', '🇦🇹', 4, { index: 0, deleteCount: 4, insert: '🇦🇹' }],
    ['flag sharing its first letter', '🇩🇪', '🇩🇰', 4, { index: 0, deleteCount: 4, insert: '🇩🇰' }],
    ['second flag replaced', 'Team 🇩🇪🇦🇹', 'Team 🇩🇪🇩🇪', 13, { index: 9, deleteCount: 4, insert: '🇩🇪' }],
    ['ZWJ family replaced', FAMILY_GIRL, FAMILY_BOY, 8, { index: 0, deleteCount: 8, insert: FAMILY_BOY }],
    [
      'ZWJ family replaced in text',
      `Wir ${FAMILY_GIRL} alle`,
      `Wir ${MOTHERS} alle`,
      12,
      { index: 4, deleteCount: 8, insert: MOTHERS },
    ],
    ['skin tone changed', '👍🏻', '👍🏿', 4, { index: 0, deleteCount: 4, insert: '👍🏿' }],
    ['skin tone added', '👍 ok', '👍🏽 ok', 4, { index: 0, deleteCount: 2, insert: '👍🏽' }],
    ['skin tone removed', '👍🏽 ok', '👍 ok', 2, { index: 0, deleteCount: 4, insert: '👍' }],
    ['accent added', 'Cafe', 'Cafe\u0301', 5, { index: 3, deleteCount: 1, insert: 'e\u0301' }],
    ['accent replaced', 'e\u0301', 'e\u0300', 2, { index: 0, deleteCount: 2, insert: 'e\u0300' }],
    ['accent removed', 'Cafe\u0301!', 'Cafe!', 4, { index: 3, deleteCount: 2, insert: 'e' }],
    // Typing in front of or behind an equal emoji: the caret says which.
    ['emoji typed before its twin', '😀', '😀😀', 2, { index: 0, deleteCount: 0, insert: '😀' }],
    ['emoji typed after its twin', '😀', '😀😀', 4, { index: 2, deleteCount: 0, insert: '😀' }],
    ['emoji typed after a sibling', '😀', '😀😃', 4, { index: 2, deleteCount: 0, insert: '😃' }],
    ['flag typed between flags', '🇩🇪🇦🇹', '🇩🇪🇫🇷🇦🇹', 8, { index: 4, deleteCount: 0, insert: '🇫🇷' }],
    [
      'family typed after a family',
      FAMILY_GIRL,
      FAMILY_GIRL + FAMILY_BOY,
      16,
      { index: 8, deleteCount: 0, insert: FAMILY_BOY },
    ],
    ['accent typed after e', 'ex', 'e\u0301x', 2, { index: 0, deleteCount: 1, insert: 'e\u0301' }],
    // Deleting.
    ['emoji deleted after a sibling', '😀😃', '😀', 2, { index: 2, deleteCount: 2, insert: '' }],
    ['emoji deleted before a sibling', '😀😃', '😃', 0, { index: 0, deleteCount: 2, insert: '' }],
    ['flag deleted between flags', '🇩🇪🇫🇷🇦🇹', '🇩🇪🇦🇹', 4, { index: 4, deleteCount: 4, insert: '' }],
    ['first flag deleted', '🇩🇪🇦🇹', '🇦🇹', 0, { index: 0, deleteCount: 4, insert: '' }],
    ['family deleted', `a${FAMILY_GIRL}b`, 'ab', 1, { index: 1, deleteCount: 8, insert: '' }],
    ['skin-toned emoji deleted', 'ja 👍🏽', 'ja ', 3, { index: 3, deleteCount: 4, insert: '' }],
    // A caret the browser would never report (inside a pair, past the end) still gives a whole-cluster change.
    ['caret inside a pair', '😀', '😃', 1, { index: 0, deleteCount: 2, insert: '😃' }],
    ['caret past the end', '🇩🇪', '🇦🇹', 99, { index: 0, deleteCount: 4, insert: '🇦🇹' }],
    ['negative caret', '👍🏻', '👍🏿', -3, { index: 0, deleteCount: 4, insert: '👍🏿' }],
  ])('%s', (_name, before, after, caret, expected) => {
    const change = diffText(before, after, caret);
    expect(change).toEqual(expected);
    expect(applyToYText(before, change)).toBe(after);
  });

  // Whole characters and the pieces they are built of, so generated strings join and split clusters anywhere.
  const piece = fc.constantFrom(
    'a',
    'e',
    ' ',
    '\u0301',
    '\u0300',
    '😀',
    '😃',
    '🇩',
    '🇪',
    '🇦',
    '🇹',
    '🇩🇪',
    '\u200D',
    '👨',
    '👩',
    '👧',
    FAMILY_GIRL,
    '👍',
    '🏻',
    '🏿',
    '👍🏽',
  );
  const text = fc.string({ unit: piece, maxLength: 8 });
  const caret = fc.option(fc.integer({ min: -2, max: 40 }), { nil: undefined });
  const SEED = 20_240_611;

  it('turns before into after, inserting no lone surrogate and splitting no grapheme of either string', () => {
    fc.assert(
      fc.property(text, text, caret, (before, after, at) => {
        const change = diffText(before, after, at);
        expect(apply(before, change)).toBe(after);
        if (!change) return;
        expect(hasLoneSurrogate(change.insert)).toBe(false);
        expectCutsAt(before, after, change, graphemeCuts);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('applied to a Y.Text, gives exactly after (no U+FFFD from a split pair)', () => {
    fc.assert(
      fc.property(text, text, caret, (before, after, at) => {
        expect(applyToYText(before, diffText(before, after, at))).toBe(after);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('keeps the edit at the caret when a person replaced a selection of whole characters', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), text, (base, from, to, insert) => {
        // A selection starts and ends between the characters a person sees.
        const cuts = [...graphemeCuts(base)].sort((x, y) => x - y);
        const start = cuts[from % cuts.length] ?? 0;
        const end = Math.max(start, cuts[to % cuts.length] ?? 0);
        const after = base.slice(0, start) + insert + base.slice(end);
        const caretAt = start + insert.length;
        const change = diffText(base, after, caretAt);
        expect(apply(base, change)).toBe(after);
        if (!change) return;
        expectCutsAt(base, after, change, graphemeCuts);
        // Unless the insert fused with the characters after it (a combining mark, a ZWJ, half a flag), the change
        // ends right at the caret, so a concurrent edit there merges where the person typed.
        if (graphemeCuts(after).has(caretAt)) expect(change.index + change.insert.length).toBe(caretAt);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('without a grapheme segmenter, still never cuts a surrogate pair', () => {
    fc.assert(
      fc.property(text, text, caret, (before, after, at) => {
        const change = diffText(before, after, at, codePointBoundaries);
        expect(apply(before, change)).toBe(after);
        expect(applyToYText(before, change)).toBe(after);
        if (!change) return;
        expect(hasLoneSurrogate(change.insert)).toBe(false);
        expectCutsAt(before, after, change, codePointCuts);
      }),
      { seed: SEED, numRuns: 1000 },
    );
    expect(diffText('🇩🇪', '🇩🇰', 4, codePointBoundaries)).toEqual({ index: 2, deleteCount: 2, insert: '🇰' });
  });

  it('still turns before into after when either string holds lone surrogates', () => {
    const broken = fc.string({ unit: fc.constantFrom('\uD83D', '\uDE00', '\uDE03', '😀', 'a', '\u0301') });
    fc.assert(
      fc.property(broken, broken, caret, (before, after, at) => {
        expect(apply(before, diffText(before, after, at))).toBe(after);
        expect(apply(before, diffText(before, after, at, codePointBoundaries))).toBe(after);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});

describe('transformPosition', () => {
  const insertAt = (index: number, text: string): DeltaOp[] =>
    index > 0 ? [{ retain: index }, { insert: text }] : [{ insert: text }];
  const deleteAt = (index: number, count: number): DeltaOp[] =>
    index > 0 ? [{ retain: index }, { delete: count }] : [{ delete: count }];

  it('shifts the caret by text inserted before it, not after it', () => {
    expect(transformPosition(5, insertAt(2, 'abc'))).toBe(8);
    expect(transformPosition(5, insertAt(7, 'abc'))).toBe(5);
    expect(transformPosition(5, insertAt(5, 'abc'))).toBe(5);
  });

  it('pulls the caret back by deletions before it and into a deleted range', () => {
    expect(transformPosition(5, deleteAt(0, 2))).toBe(3);
    expect(transformPosition(5, deleteAt(3, 5))).toBe(3);
    expect(transformPosition(5, deleteAt(6, 2))).toBe(5);
  });

  it('handles several operations in one delta', () => {
    expect(transformPosition(6, [{ insert: 'xx' }, { retain: 2 }, { delete: 3 }])).toBe(5);
  });
});
