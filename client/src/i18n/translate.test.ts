import { describe, expect, it } from 'vitest';
import type { Catalogue } from './catalogues';
import de from './messages/de.json';
import { translator } from './translate';

// Two Arabic messages over the German catalogue: the test is about the formatting, not the translation's progress.
const ar: Catalogue = {
  ...de,
  'card.lead': 'الجهة المسؤولة: {partner}',
  'present.connected': 'متصلون: {count}',
};

const FSI = '\u2068';
const PDI = '\u2069';

describe('bidi isolation of arguments', () => {
  it('isolates every string argument in a right-to-left language', () => {
    const t = translator(ar, 'ar');
    const text = t('card.lead', { partner: 'Mieterverein Südstadt' });
    expect(text).toContain(`${FSI}Mieterverein Südstadt${PDI}`);
  });

  it('isolates right-to-left arguments in a left-to-right language and leaves German ones plain', () => {
    const t = translator(de, 'de');
    expect(t('card.lead', { partner: 'Mieterverein Südstadt' })).toBe('Federführung: Mieterverein Südstadt');
    expect(t('goal.by', { name: 'ليلى حداد' })).toBe(`von ${FSI}ليلى حداد${PDI}`);
  });

  it('writes numbers in the digits Intl gives the locale, without marks around them', () => {
    const text = translator(ar, 'ar')('present.connected', { count: 3 });
    expect(text).toContain(new Intl.NumberFormat('ar').format(3));
    expect(text).not.toContain(FSI);
  });
});
