import { describe, expect, it } from 'vitest';
import { languagesWithoutVoice, ORIGINAL_LANG, readingParts, type StanceTexts, voiceFor } from './readAloud';

const TURKISH_STANCES: StanceTexts = {
  lang: 'tr-TR',
  heading: 'Kuruluşunuzun tutumu',
  options: [
    { label: 'Onay', hint: 'Bu metni destekliyoruz.' },
    { label: 'Çekince', hint: 'Destekliyoruz, ancak çekincelerimiz var.' },
    { label: 'Çekimser', hint: 'Çekimser kalıyoruz ve engel olmuyoruz.' },
    { label: 'İtiraz', hint: 'Bu hâliyle onay veremeyiz.' },
  ],
};

describe('readingParts', () => {
  it('reads the German original in German, then the stance options in the reader’s language', () => {
    const parts = readingParts(
      { title: 'Spielplatz sanieren', description: 'Bis zum Sommer, mit den Kindern geplant.' },
      TURKISH_STANCES,
    );
    expect(parts).toEqual([
      { text: 'Spielplatz sanieren', lang: ORIGINAL_LANG },
      { text: 'Bis zum Sommer, mit den Kindern geplant.', lang: 'de-DE' },
      { text: 'Kuruluşunuzun tutumu', lang: 'tr-TR' },
      { text: 'Onay. Bu metni destekliyoruz.', lang: 'tr-TR' },
      { text: 'Çekince. Destekliyoruz, ancak çekincelerimiz var.', lang: 'tr-TR' },
      { text: 'Çekimser. Çekimser kalıyoruz ve engel olmuyoruz.', lang: 'tr-TR' },
      { text: 'İtiraz. Bu hâliyle onay veremeyiz.', lang: 'tr-TR' },
    ]);
  });

  it('reads a translation the view shows in its own language', () => {
    const parts = readingParts({ title: 'Oyun alanını yenilemek', description: '', lang: 'tr-TR' });
    expect(parts).toEqual([{ text: 'Oyun alanını yenilemek', lang: 'tr-TR' }]);
  });

  it('leaves out empty text and the soft hyphens shown for line breaks, and the options when no round asks', () => {
    expect(readingParts({ title: 'Spiel\u00adplatz  ', description: '  \n' })).toEqual([
      { text: 'Spielplatz', lang: 'de-DE' },
    ]);
  });

  it('does not add a full stop after a label that already ends a sentence', () => {
    const parts = readingParts(
      { title: '', description: '' },
      { lang: 'ar', heading: '', options: [{ label: 'موافقة؟', hint: 'نؤيد هذه الصياغة.' }] },
    );
    expect(parts).toEqual([{ text: 'موافقة؟ نؤيد هذه الصياغة.', lang: 'ar' }]);
  });
});

describe('voiceFor', () => {
  const voice = (lang: string, extra: { default?: boolean; localService?: boolean; name?: string } = {}) => ({
    lang,
    name: extra.name ?? lang,
    ...extra,
  });

  it('takes a voice of the same language only, never one of another', () => {
    const voices = [voice('en-US'), voice('de-DE'), voice('tr-TR')];
    expect(voiceFor(voices, 'tr-TR')?.lang).toBe('tr-TR');
    expect(voiceFor(voices, 'de-DE')?.lang).toBe('de-DE');
    expect(voiceFor(voices, 'ar')).toBeUndefined();
    expect(voiceFor([], 'de-DE')).toBeUndefined();
  });

  it('matches by language when the regions differ, and a bare language tag any region', () => {
    expect(voiceFor([voice('de-AT'), voice('en-GB')], 'de-DE')?.lang).toBe('de-AT');
    expect(voiceFor([voice('ar-SA')], 'ar')?.lang).toBe('ar-SA');
    expect(voiceFor([voice('fa-IR')], 'fa')?.lang).toBe('fa-IR');
  });

  it('understands Android’s underscores and any letter case', () => {
    expect(voiceFor([voice('tr_TR')], 'tr-TR')?.lang).toBe('tr_TR');
    expect(voiceFor([voice('UK-ua')], 'uk-UA')?.lang).toBe('UK-ua');
  });

  it('does not take a language whose code merely starts the same way', () => {
    // "uk" (Ukrainian) is not "ukr…"-anything, and "de" is not "dsb" — only whole subtags count.
    expect(voiceFor([voice('en-UK'), voice('ur-PK')], 'uk-UA')).toBeUndefined();
  });

  it('prefers the exact tag, then the device’s default, then a voice that works offline', () => {
    const austrian = voice('de-AT', { default: true });
    const german = voice('de-DE', { name: 'remote' });
    const local = voice('de-DE', { name: 'local', localService: true });
    expect(voiceFor([austrian, german], 'de-DE')).toBe(german);
    expect(voiceFor([german, local], 'de-DE')).toBe(local);
    expect(voiceFor([voice('de-CH'), austrian], 'de-DE')).toBe(austrian);
  });
});

describe('languagesWithoutVoice', () => {
  it('names each language of the reading the device cannot speak, once', () => {
    const parts = readingParts({ title: 'Spielplatz', description: 'Im Park' }, TURKISH_STANCES);
    expect(languagesWithoutVoice(parts, [{ lang: 'de-DE' }])).toEqual(['tr-TR']);
    expect(languagesWithoutVoice(parts, [{ lang: 'tr-TR' }])).toEqual(['de-DE']);
    expect(languagesWithoutVoice(parts, [])).toEqual(['de-DE', 'tr-TR']);
    expect(languagesWithoutVoice(parts, [{ lang: 'de-AT' }, { lang: 'tr-CY' }])).toEqual([]);
  });
});
