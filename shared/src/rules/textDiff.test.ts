import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
