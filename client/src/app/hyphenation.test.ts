// @vitest-environment happy-dom
import createHyphenator from 'hyphen/hyphen.js';
import patterns from 'hyphen/patterns/de-1996.js';
import { describe, expect, it } from 'vitest';
import { hyphenateText, SOFT_HYPHEN, stripSoftHyphens } from './hyphenation';

const words = createHyphenator(patterns, { html: false, hyphenChar: SOFT_HYPHEN });
const hyphenate = (text: string) => hyphenateText(text, words);

describe('hyphenateText', () => {
  it('hyphenates both sides of a gender form and keeps the joiner', () => {
    const out = hyphenate('Kooperationspartner/innen im Nachbarschaftstreff');
    expect(stripSoftHyphens(out)).toBe('Kooperationspartner/innen im Nachbarschaftstreff');
    const [first = '', , last = ''] = out.split(' ');
    expect(first.split('/')[0]).toContain(SOFT_HYPHEN);
    expect(last).toContain(SOFT_HYPHEN);
    expect(hyphenate('Bürgerinitiativen:innen')).toContain(SOFT_HYPHEN);
  });

  it('leaves addresses, e-mail addresses and codes alone', () => {
    for (const text of [
      'https://www.nachbarschaftstreff-suedstadt.example.org/mieterberatung/kooperationsvereinbarung',
      'nachbarschaftstreff.example.org/kooperationsvereinbarung',
      'kooperationsvereinbarung@nachbarschaftstreff.example.org',
      'mailto:kooperationsvereinbarung@example.org',
      'ABCD1234EFGH5678',
    ])
      expect(hyphenate(text)).toBe(text);
  });
});
