import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DiffSegment, diffWording } from './textDiff';
import { canonicalText, wordingHash } from './wording';

const join = (segments: DiffSegment[], skip: DiffSegment['kind']) =>
  segments
    .filter((s) => s.kind !== skip)
    .map((s) => s.text)
    .join('');

describe('diffWording', () => {
  it.each<[string, string, DiffSegment[]]>([
    ['', '', []],
    ['Ziel', 'Ziel', [{ kind: 'same', text: 'Ziel' }]],
    ['', 'neu', [{ kind: 'added', text: 'neu' }]],
    ['alt', '', [{ kind: 'removed', text: 'alt' }]],
    [
      'Wir bauen den Spielplatz',
      'Wir sanieren den Spielplatz bis 2027',
      [
        { kind: 'same', text: 'Wir ' },
        { kind: 'removed', text: 'bauen' },
        { kind: 'added', text: 'sanieren' },
        { kind: 'same', text: ' den Spielplatz' },
        { kind: 'added', text: ' bis 2027' },
      ],
    ],
    [
      'Zeile eins\nZeile zwei',
      'Zeile eins\n\nZeile zwei',
      [
        { kind: 'same', text: 'Zeile eins\n' },
        { kind: 'added', text: '\n' },
        { kind: 'same', text: 'Zeile zwei' },
      ],
    ],
    [
      'Treffen am Montag.',
      'Treffen am Montag!',
      [
        { kind: 'same', text: 'Treffen am Montag' },
        { kind: 'removed', text: '.' },
        { kind: 'added', text: '!' },
      ],
    ],
  ])('%j → %j', (before, after, segments) => {
    expect(diffWording(before, after)).toEqual(segments);
  });

  it('shows no change where the wording hash sees none', () => {
    expect(diffWording('Grünfläche', 'Gru\u0308nfla\u0308che \n')).toEqual([
      { kind: 'same', text: 'Grünfläche' },
    ]);
  });

  it('rebuilds both canonical texts from its segments', () => {
    const words = fc.string({
      unit: fc.constantFrom('Ziel', 'Spielplatz', 'ü', 'u\u0308', ' ', '\n', '.', '2027'),
    });
    fc.assert(
      fc.property(words, words, (before, after) => {
        const segments = diffWording(before, after);
        expect(join(segments, 'removed')).toBe(canonicalText(after));
        expect(join(segments, 'added')).toBe(canonicalText(before));
        expect(segments.every((s) => s.text.length > 0)).toBe(true);
        const changed = segments.some((s) => s.kind !== 'same');
        expect(changed).toBe(wordingHash(before, '') !== wordingHash(after, ''));
      }),
    );
  });
});

describe('diffWording with emoji, flags, ZWJ sequences, skin tones and combining accents', () => {
  const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const cuts = (text: string) =>
    new Set([...Array.from(graphemes.segment(text), (cluster) => cluster.index), text.length]);
  /** Each segment starts and ends between whole characters of the text it belongs to. */
  const expectWholeCharacters = (segments: DiffSegment[], before: string, after: string) => {
    for (const [text, skip] of [
      [canonicalText(before), 'added'],
      [canonicalText(after), 'removed'],
    ] as const) {
      const allowed = cuts(text);
      let at = 0;
      for (const segment of segments.filter((s) => s.kind !== skip)) {
        expect(allowed.has(at)).toBe(true);
        at += segment.text.length;
      }
      expect(at).toBe(text.length);
    }
  };

  it.each<[string, string, DiffSegment[]]>([
    [
      'Fest 😀',
      'Fest 😃',
      [
        { kind: 'same', text: 'Fest ' },
        { kind: 'removed', text: '😀' },
        { kind: 'added', text: '😃' },
      ],
    ],
    [
      'Team 🇩🇪🇦🇹',
      'Team 🇩🇪🇫🇷',
      [
        { kind: 'same', text: 'Team 🇩🇪' },
        { kind: 'removed', text: '🇦🇹' },
        { kind: 'added', text: '🇫🇷' },
      ],
    ],
    [
      'Für 👨‍👩‍👧',
      'Für 👨‍👩‍👦',
      [
        { kind: 'same', text: 'Für ' },
        { kind: 'removed', text: '👨‍👩‍👧' },
        { kind: 'added', text: '👨‍👩‍👦' },
      ],
    ],
    [
      'Ja 👍🏻',
      'Ja 👍🏿',
      [
        { kind: 'same', text: 'Ja ' },
        { kind: 'removed', text: '👍🏻' },
        { kind: 'added', text: '👍🏿' },
      ],
    ],
    [
      'q\u0301 gut',
      'q\u0300 gut',
      [
        { kind: 'removed', text: 'q\u0301' },
        { kind: 'added', text: 'q\u0300' },
        { kind: 'same', text: ' gut' },
      ],
    ],
  ])('%j → %j', (before, after, segments) => {
    expect(diffWording(before, after)).toEqual(segments);
  });

  it('never cuts a character apart, and still rebuilds both texts', () => {
    const text = fc.string({
      unit: fc.constantFrom(
        'Ziel',
        ' ',
        'e',
        '\u0301',
        '😀',
        '😃',
        '🇩',
        '🇪',
        '🇦',
        '\u200D',
        '👨',
        '👧',
        '👍',
        '🏽',
      ),
      maxLength: 8,
    });
    fc.assert(
      fc.property(text, text, (before, after) => {
        const segments = diffWording(before, after);
        expect(join(segments, 'removed')).toBe(canonicalText(after));
        expect(join(segments, 'added')).toBe(canonicalText(before));
        expectWholeCharacters(segments, before, after);
      }),
      { seed: 20_240_611, numRuns: 1000 },
    );
  });

  describe('where the runtime has no Intl.Segmenter', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
      vi.resetModules();
    });

    it('still rebuilds both texts and keeps surrogate pairs whole', async () => {
      vi.stubGlobal('Intl', Object.create(Intl, { Segmenter: { value: undefined } }));
      vi.resetModules();
      const fallback = await import('./textDiff');
      const segments = fallback.diffWording('Fest 😀 🇩🇪', 'Fest 😃 🇦🇹');
      expect(join(segments, 'removed')).toBe('Fest 😃 🇦🇹');
      expect(join(segments, 'added')).toBe('Fest 😀 🇩🇪');
      expect(segments.some((segment) => /\p{Surrogate}/u.test(segment.text))).toBe(false);
    });
  });
});
