import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { wordingHash } from '../rules/wording';
import {
  type Attribution,
  AttributionSchema,
  readAuthors,
  translationAuthors,
  translationItemId,
} from './authors';
import { editGoalText, proposeGoal, readGoalById } from './board';
import { IntentOrigin } from './origins';
import { writeRecordEntries } from './record';
import { expectValid, repairAsServer } from './repair.testkit';
import {
  isTranslationOutdated,
  readGoalTranslations,
  removeGoalTranslation,
  setGoalLanguage,
  setGoalTranslation,
  translationForReader,
} from './translations';

const board = () => {
  const doc = new Y.Doc();
  proposeGoal(doc, {
    id: 'g',
    title: 'Spielplatz sanieren',
    description: 'Bis 2027',
    createdBy: 'p1',
    now: 1,
  });
  return doc;
};
const goal = (doc: Y.Doc) => doc.getMap<unknown>('goals').get('g') as Y.Map<unknown>;
const translations = (doc: Y.Doc) => goal(doc).get('translations') as Y.Map<unknown>;
const entry = (doc: Y.Doc, lang: string) => translations(doc).get(lang) as Y.Map<unknown>;
const original = (doc: Y.Doc) => readGoalById(doc, 'g') ?? { title: '', description: '' };

describe('setGoalTranslation and reads', () => {
  it('adds and edits a translation based on the original as it stands, never touching the original', () => {
    const doc = board();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const titleBefore = goal(doc).get('title');
    expect(setGoalTranslation(doc, 'g', 'tr', { title: 'Oyun alanı', description: '2027’ye kadar' })).toBe(
      true,
    );
    expect(readGoalTranslations(doc, 'g')).toEqual({
      lang: 'de',
      translations: [
        {
          lang: 'tr',
          title: 'Oyun alanı',
          description: '2027’ye kadar',
          basedOn: wordingHash('Spielplatz sanieren', 'Bis 2027'),
        },
      ],
    });
    // Editing keeps the same shared texts (concurrent typing merges) and changes only what differs.
    const text = entry(doc, 'tr').get('title');
    expect(
      setGoalTranslation(doc, 'g', 'tr', { title: 'Oyun alanını yenile', description: '2027’ye kadar' }),
    ).toBe(true);
    expect(entry(doc, 'tr').get('title')).toBe(text);
    expect(readGoalTranslations(doc, 'g').translations[0]?.title).toBe('Oyun alanını yenile');
    expect(goal(doc).get('title')).toBe(titleBefore);
    expect(original(doc)).toMatchObject({ title: 'Spielplatz sanieren', description: 'Bis 2027' });
    expect(origins.map((o) => (o instanceof IntentOrigin ? o.intent : o))).toEqual([
      'setGoalTranslation',
      'setGoalTranslation',
    ]);
  });

  it('refuses unknown goals, languages not offered, the original’s own language and empty wording', () => {
    const doc = board();
    const wording = { title: 'x', description: '' };
    expect(setGoalTranslation(doc, 'nope', 'tr', wording)).toBe(false);
    expect(setGoalTranslation(doc, 'g', 'xx', wording)).toBe(false);
    expect(setGoalTranslation(doc, 'g', 'de-simple', wording)).toBe(false);
    expect(setGoalTranslation(doc, 'g', 'de', wording)).toBe(false);
    expect(setGoalTranslation(doc, 'g', 'tr', { title: '  ', description: '' })).toBe(false);
    expect(translations(doc).size).toBe(0);
  });

  it('cuts over-long wording to the goal’s limits', () => {
    const doc = board();
    setGoalTranslation(doc, 'g', 'en', { title: 'a'.repeat(500), description: 'b'.repeat(30_000) });
    const [t] = readGoalTranslations(doc, 'g').translations;
    expect(t?.title.length).toBe(200);
    expect(t?.description.length).toBe(20_000);
  });

  it('lists in the languages’ order and removes one', () => {
    const doc = board();
    for (const lang of ['pl', 'ar', 'en'])
      setGoalTranslation(doc, 'g', lang, { title: lang, description: '' });
    expect(readGoalTranslations(doc, 'g').translations.map((t) => t.lang)).toEqual(['en', 'ar', 'pl']);
    expect(removeGoalTranslation(doc, 'g', 'ar')).toBe(true);
    expect(removeGoalTranslation(doc, 'g', 'ar')).toBe(false);
    expect(readGoalTranslations(doc, 'g').translations.map((t) => t.lang)).toEqual(['en', 'pl']);
  });

  it('works for goals proposed before translations existed (no translations map)', () => {
    const doc = board();
    goal(doc).delete('translations');
    expect(readGoalTranslations(doc, 'g').translations).toEqual([]);
    expect(setGoalTranslation(doc, 'g', 'uk', { title: 'Майданчик', description: '' })).toBe(true);
    expect(readGoalTranslations(doc, 'g').translations.map((t) => t.lang)).toEqual(['uk']);
  });

  it('ignores malformed entries and hides one in the original’s own language', () => {
    const doc = board();
    setGoalTranslation(doc, 'g', 'tr', { title: 'Oyun', description: '' });
    translations(doc).set('xx', new Y.Map());
    translations(doc).set('en', 'not a map');
    const noTexts = new Y.Map<unknown>();
    noTexts.set('title', 'plain string');
    translations(doc).set('ru', noTexts);
    entry(doc, 'tr').set('basedOn', 'forged');
    expect(readGoalTranslations(doc, 'g').translations).toEqual([
      { lang: 'tr', title: 'Oyun', description: '', basedOn: null },
    ]);
    expect(setGoalLanguage(doc, 'g', 'tr')).toBe(true);
    expect(readGoalTranslations(doc, 'g')).toEqual({ lang: 'tr', translations: [] });
  });
});

describe('outdated translations and the reader’s language', () => {
  it('is current until the original changes, then outdated until re-saved', () => {
    const doc = board();
    setGoalTranslation(doc, 'g', 'tr', { title: 'Oyun alanı', description: '' });
    const read = () => readGoalTranslations(doc, 'g').translations[0] ?? { basedOn: null };
    expect(isTranslationOutdated(read(), original(doc))).toBe(false);
    // Trailing whitespace is no change of wording (canonical hash).
    editGoalText(doc, 'g', 'title', { index: original(doc).title.length, deleteCount: 0, insert: ' ' });
    expect(isTranslationOutdated(read(), original(doc))).toBe(false);
    editGoalText(doc, 'g', 'title', { index: 0, deleteCount: 10, insert: 'Bolzplatz' });
    expect(isTranslationOutdated(read(), original(doc))).toBe(true);
    setGoalTranslation(doc, 'g', 'tr', { title: 'Futbol sahası', description: '' });
    expect(isTranslationOutdated(read(), original(doc))).toBe(false);
    expect(isTranslationOutdated({ basedOn: null }, original(doc))).toBe(true);
  });

  it('picks the reader’s language; Einfache Sprache reads German; none for the original’s language', () => {
    const doc = board();
    setGoalTranslation(doc, 'g', 'tr', { title: 'Oyun alanı', description: '' });
    setGoalTranslation(doc, 'g', 'en', { title: 'Playground', description: '' });
    const read = readGoalTranslations(doc, 'g');
    expect(translationForReader(read, 'tr')?.title).toBe('Oyun alanı');
    expect(translationForReader(read, 'en')?.title).toBe('Playground');
    expect(translationForReader(read, 'ar')).toBeNull();
    expect(translationForReader(read, 'de')).toBeNull();
    expect(translationForReader(read, 'de-simple')).toBeNull();
    expect(translationForReader(undefined, 'tr')).toBeNull();
    setGoalLanguage(doc, 'g', 'en');
    expect(translationForReader(readGoalTranslations(doc, 'g'), 'en')).toBeNull();
  });
});

describe('repair of translations', () => {
  it('keeps valid ones', () => {
    const doc = board();
    setGoalTranslation(doc, 'g', 'tr', { title: 'Oyun', description: 'Açıklama' });
    setGoalLanguage(doc, 'g', 'de');
    expect(repairAsServer(doc)).toEqual([]);
  });

  it('repairs huge and malformed maps without touching the original or the other languages', () => {
    const doc = board();
    setGoalTranslation(doc, 'g', 'tr', { title: 'Oyun', description: 'Açıklama' });
    setGoalTranslation(doc, 'g', 'en', { title: 'Playground', description: '' });
    doc.transact(() => {
      goal(doc).set('lang', 'klingon');
      translations(doc).set('xx', new Y.Map());
      translations(doc).set('ar', 42);
      const en = entry(doc, 'en');
      (en.get('title') as Y.Text).insert(0, '😀'.repeat(300));
      en.set('description', 'no text');
      en.set('basedOn', 'x'.repeat(100_000));
      en.set('by', 'someone');
    }, 'foreign');
    const repairs = repairAsServer(doc);
    expect(repairs.map((r) => [r.kind, r.field, r.entry])).toEqual([
      ['delete', 'lang', null],
      ['delete', 'translations', 'ar'],
      ['delete', 'translations', 'en.by'],
      ['truncate', 'translations', 'en.title'],
      ['reset', 'translations', 'en.description'],
      ['delete', 'translations', 'en.basedOn'],
      ['delete', 'translations', 'xx'],
    ]);
    expectValid(doc);
    expect(original(doc)).toMatchObject({ title: 'Spielplatz sanieren', description: 'Bis 2027' });
    const read = readGoalTranslations(doc, 'g').translations;
    expect(read.find((t) => t.lang === 'tr')).toMatchObject({ title: 'Oyun', description: 'Açıklama' });
    expect(read.find((t) => t.lang === 'en')?.title.length).toBeLessThanOrEqual(200);
  });

  it('resets a translations field that is no map', () => {
    const doc = board();
    goal(doc).set('translations', new Y.Array());
    expect(repairAsServer(doc).map((r) => [r.kind, r.field])).toEqual([['reset', 'translations']]);
    expectValid(doc);
  });
});

describe('translators by the server’s record', () => {
  const attribution = (participantId: string, at: number, lang = 'tr'): Attribution => ({
    kind: 'translation',
    id: translationItemId('g', lang, participantId),
    goalId: 'g',
    participantId,
    at,
    contentHash: null,
  });

  it('lists everyone who wrote the translation, first writer first, per goal and language', () => {
    const record = new Y.Doc();
    writeRecordEntries(record, {
      attributions: [attribution('p2', 20), attribution('p1', 10), attribution('p3', 5, 'en')],
    });
    const authors = readAuthors(record);
    expect(translationAuthors(authors, 'g', 'tr')).toEqual(['p1', 'p2']);
    expect(translationAuthors(authors, 'g', 'en')).toEqual(['p3']);
    expect(translationAuthors(authors, 'g', 'ar')).toEqual([]);
    expect(translationAuthors(authors, 'other', 'tr')).toEqual([]);
  });

  it('accepts only well-formed translation entries', () => {
    expect(AttributionSchema.safeParse(attribution('p1', 1)).success).toBe(true);
    const bad: unknown[] = [
      { ...attribution('p1', 1), id: 'g:xx:p1' },
      { ...attribution('p1', 1), id: 'g:tr:p2' },
      { ...attribution('p1', 1), goalId: 'h' },
      { ...attribution('p1', 1), kind: 'goal' },
    ];
    for (const entry of bad) expect(AttributionSchema.safeParse(entry).success).toBe(false);
  });
});
