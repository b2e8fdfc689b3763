import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalWording, wordingHash } from './wording';

/** Any code point, lone surrogates included (fast-check's own 'binary' unit takes a second to warm up). */
const anyText = fc.string({
  unit: fc.integer({ min: 0, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)),
});
/** WebCrypto, as in browsers and Node; async, which is why the product code cannot use it. */
async function webCryptoSha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

describe('wordingHash', () => {
  it.each([
    ['', '', '439083f38956ba51ece90631552c6ea23c5c29570d3d5710e408e77e01ba7375'],
    [
      'Spielplatz Südstadt',
      'Wir sanieren den Spielplatz bis 2027.',
      'cbae09fb7b21e042ae3148e87d46b13643c71bf456de39414523420e7b6cbfbf',
    ],
  ])('hashes %j / %j to the known vector', (title, description, hash) => {
    expect(wordingHash(title, description)).toBe(hash);
  });

  it('hashes a JSON array of both fields', () => {
    expect(canonicalWording('Ziel "A"', 'Zeile 1\nZeile 2')).toBe('["Ziel \\"A\\"","Zeile 1\\nZeile 2"]');
  });

  it('treats composed and decomposed characters as the same wording', () => {
    expect(wordingHash('Bu\u0308cherei', 'Gru\u0308nfla\u0308che')).toBe(
      wordingHash('Bücherei', 'Grünfläche'),
    );
  });

  it('ignores trailing whitespace per field but not leading or inner whitespace', () => {
    const hash = wordingHash('Ziel', 'Text');
    expect(wordingHash('Ziel  ', 'Text\n\n\t')).toBe(hash);
    expect(wordingHash(' Ziel', 'Text')).not.toBe(hash);
    expect(wordingHash('Zi el', 'Text')).not.toBe(hash);
  });

  it('keeps the boundary between title and description', () => {
    expect(wordingHash('ab', 'c')).not.toBe(wordingHash('a', 'bc'));
    expect(wordingHash('a', '')).not.toBe(wordingHash('', 'a'));
  });

  it('distinguishes a lone surrogate from the replacement character', () => {
    expect(wordingHash('\uD800', '')).not.toBe(wordingHash('\uFFFD', ''));
  });

  it('returns 64 lowercase hex digits that match WebCrypto for any text', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, anyText, async (title, description) => {
        const hash = wordingHash(title, description);
        expect(hash).toMatch(/^[0-9a-f]{64}$/);
        expect(hash).toBe(await webCryptoSha256(canonicalWording(title, description)));
      }),
    );
  });

  it('changes when any one character of the wording changes', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string(),
        fc.nat(),
        fc.constantFrom('title', 'description'),
        (text, other, at, field) => {
          const i = at % text.length;
          const replacement = text[i] === 'x' ? 'y' : 'x';
          const changed = text.slice(0, i) + replacement + text.slice(i + 1);
          fc.pre(changed.normalize('NFC').trimEnd() !== text.normalize('NFC').trimEnd());
          const hash = (t: string) => (field === 'title' ? wordingHash(t, other) : wordingHash(other, t));
          expect(hash(changed)).not.toBe(hash(text));
        },
      ),
    );
  });
});
