import { wordingHash } from '@common-ground/shared/rules';
import {
  type GoalTranslation,
  isTranslationOutdated,
  readAuthors,
  readGoalById,
  readGoalTranslations,
  setGoalTranslation,
  translationAuthors,
} from '@common-ground/shared/schema';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { BoardClient } from '../helpers/clients';
import { addGoal, useSeededBoard } from '../helpers/roundsApi';
import { waitFor } from '../helpers/wait';

/**
 * Translations of a goal with real providers against the real server: any partner or facilitator writes one, the
 * server's record names who wrote it, an observer's never arrives, a basis that is not the original as it stands
 * is removed, and malformed translation maps are repaired without touching the original or other languages.
 */
describe('goal translations', () => {
  const seeded = useSeededBoard();
  let goalId: string;
  let otherGoalId: string;
  let fac: BoardClient;
  let clientA: BoardClient;
  let clientB: BoardClient;
  let record: BoardClient;

  const serverDoc = (): Y.Doc | null => seeded.server.server.rooms.get(seeded.board.boardId)?.doc ?? null;
  const translation = (doc: Y.Doc | null, lang: string): GoalTranslation | null =>
    doc ? (readGoalTranslations(doc, goalId).translations.find((t) => t.lang === lang) ?? null) : null;
  /** The server and every replica hold `check`, with equal state vectors: nothing else is on its way. */
  const everywhere = async (check: (doc: Y.Doc) => boolean, message: string) => {
    const clients = [fac, clientA, clientB];
    await waitFor(
      () => {
        const server = serverDoc();
        return (
          server !== null &&
          check(server) &&
          clients.every((c) => check(c.doc)) &&
          clients.every(
            (c) => Buffer.compare(Y.encodeStateVector(c.doc), Y.encodeStateVector(fac.doc)) === 0,
          ) &&
          Buffer.compare(Y.encodeStateVector(server), Y.encodeStateVector(fac.doc)) === 0
        );
      },
      { message },
    );
  };
  const originalIntact = (doc: Y.Doc) =>
    readGoalById(doc, goalId)?.title === 'Spielplatz sanieren' &&
    readGoalById(doc, goalId)?.description === 'Bis 2027 mit neuen Bänken';
  const entryAt = (doc: Y.Doc, lang: string) =>
    ((doc.getMap('goals').get(goalId) as Y.Map<unknown>).get('translations') as Y.Map<unknown>).get(
      lang,
    ) as Y.Map<unknown>;

  beforeEach(async () => {
    const { server, board, pool } = seeded;
    fac = pool.connect(server.url, board.boardId, board.facilitator.token);
    clientA = pool.connect(server.url, board.boardId, board.partnerA.token);
    clientB = pool.connect(server.url, board.boardId, board.partnerB.token);
    record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    await Promise.all([fac.synced, clientA.synced, clientB.synced, record.synced]);
    goalId = await addGoal(
      server.server,
      board.boardId,
      clientA,
      'Spielplatz sanieren',
      'Bis 2027 mit neuen Bänken',
    );
    otherGoalId = await addGoal(server.server, board.boardId, clientA, 'Mehr Licht', 'Im Park');
    await everywhere(originalIntact, 'the goal everywhere');
  });

  it('a partner adds a translation; the record names the translators, first writer first', async () => {
    const { board, server } = seeded;
    setGoalTranslation(clientB.doc, goalId, 'tr', {
      title: 'Oyun alanını yenilemek',
      description: '2027’ye kadar yeni banklarla',
    });
    await everywhere((doc) => translation(doc, 'tr')?.title === 'Oyun alanını yenilemek', 'B’s translation');
    const current = (doc: Y.Doc) => {
      const t = translation(doc, 'tr');
      const goal = readGoalById(doc, goalId);
      return t !== null && goal !== null && !isTranslationOutdated(t, goal);
    };
    expect(current(clientA.doc)).toBe(true);
    await waitFor(() => translationAuthors(readAuthors(record.doc), goalId, 'tr').length === 1, {
      message: 'B recorded as the translator',
    });
    expect(translationAuthors(readAuthors(record.doc), goalId, 'tr')).toEqual([board.partnerB.participantId]);

    // The facilitator corrects it: both are named, B first; B editing again adds nobody.
    setGoalTranslation(fac.doc, goalId, 'tr', {
      title: 'Oyun alanını yenile',
      description: '2027’ye kadar yeni banklarla',
    });
    await waitFor(() => translationAuthors(readAuthors(record.doc), goalId, 'tr').length === 2, {
      message: 'the facilitator recorded too',
    });
    setGoalTranslation(clientB.doc, goalId, 'tr', { title: 'Oyun alanı', description: '2027’ye kadar' });
    await everywhere((doc) => translation(doc, 'tr')?.title === 'Oyun alanı', 'B’s edit');
    expect(translationAuthors(readAuthors(record.doc), goalId, 'tr')).toEqual([
      board.partnerB.participantId,
      board.facilitator.participantId,
    ]);
    const stored = await server.server.storage.attributions.listAttributions(board.boardId);
    expect(stored.filter((a) => a.kind === 'translation').map((a) => a.participantId)).toEqual([
      board.partnerB.participantId,
      board.facilitator.participantId,
    ]);
    // Nothing of it changed the original.
    await everywhere(originalIntact, 'the original unchanged');
  });

  it('marks a translation outdated once the original changes', async () => {
    setGoalTranslation(clientB.doc, goalId, 'tr', { title: 'Oyun alanı', description: '' });
    await everywhere((doc) => translation(doc, 'tr') !== null, 'the translation');
    const text = clientA.doc.getMap('goals').get(goalId) as Y.Map<unknown>;
    (text.get('title') as Y.Text).insert(0, 'Großen ');
    await everywhere((doc) => readGoalById(doc, goalId)?.title === 'Großen Spielplatz sanieren', 'A’s edit');
    for (const doc of [fac.doc, clientB.doc]) {
      const goal = readGoalById(doc, goalId);
      const t = translation(doc, 'tr');
      expect(goal && t && isTranslationOutdated(t, goal)).toBe(true);
    }
  });

  it('drops an observer’s translation', async () => {
    const { server, board, pool } = seeded;
    const observer = pool.connect(server.url, board.boardId, board.observer.token);
    await observer.synced;
    setGoalTranslation(observer.doc, goalId, 'en', { title: 'Playground', description: '' });
    // A later write by A goes through; the observer's never reached anyone.
    setGoalTranslation(clientA.doc, goalId, 'tr', { title: 'Oyun alanı', description: '' });
    await everywhere((doc) => translation(doc, 'tr') !== null, 'A’s translation');
    for (const doc of [serverDoc(), fac.doc, clientB.doc]) expect(translation(doc, 'en')).toBeNull();
  });

  it('removes a forged basis: the translation reads outdated, never current', async () => {
    const forged = wordingHash('Etwas ganz anderes', '');
    clientB.doc.transact(() => {
      setGoalTranslation(clientB.doc, goalId, 'tr', { title: 'Oyun alanı', description: '' });
      entryAt(clientB.doc, 'tr').set('basedOn', forged);
    });
    await everywhere(
      (doc) => translation(doc, 'tr') !== null && !entryAt(doc, 'tr').has('basedOn'),
      'the forged basis removed everywhere',
    );
    const goal = readGoalById(fac.doc, goalId);
    const t = translation(fac.doc, 'tr');
    expect(goal && t && isTranslationOutdated(t, goal)).toBe(true);

    // A basis that was current once stays when the writer leaves it alone (then it is merely outdated).
    setGoalTranslation(clientB.doc, goalId, 'tr', { title: 'Oyun alanı', description: '' });
    await everywhere((doc) => entryAt(doc, 'tr').has('basedOn'), 'the true basis kept');
    const hash = wordingHash('Spielplatz sanieren', 'Bis 2027 mit neuen Bänken');
    expect(entryAt(serverDoc() as Y.Doc, 'tr').get('basedOn')).toBe(hash);
  });

  it('repairs huge and malformed translation maps without touching the original, other languages or goals', async () => {
    setGoalTranslation(clientA.doc, goalId, 'tr', { title: 'Oyun alanı', description: 'Açıklama' });
    await everywhere((doc) => translation(doc, 'tr') !== null, 'A’s translation');
    clientB.doc.transact(() => {
      const translations = (clientB.doc.getMap('goals').get(goalId) as Y.Map<unknown>).get(
        'translations',
      ) as Y.Map<unknown>;
      translations.set('xx', new Y.Map());
      translations.set('ar', 'kein Eintrag');
      const en = new Y.Map<unknown>();
      en.set('title', new Y.Text('x'.repeat(5000)));
      en.set('description', new Y.Text('y'.repeat(30_000)));
      en.set('basedOn', 'z'.repeat(10_000));
      en.set('translatedBy', 'jemand');
      translations.set('en', en);
      (clientB.doc.getMap('goals').get(goalId) as Y.Map<unknown>).set('lang', 'klingonisch');
    });
    await everywhere((doc) => {
      const translations = (doc.getMap('goals').get(goalId) as Y.Map<unknown>).get(
        'translations',
      ) as Y.Map<unknown>;
      const en = translation(doc, 'en');
      return (
        [...translations.keys()].sort().join() === 'en,tr' &&
        en !== null &&
        en.title.length === 200 &&
        en.description.length === 20_000 &&
        [...entryAt(doc, 'en').keys()].sort().join() === 'description,title'
      );
    }, 'the repair everywhere');
    await everywhere(originalIntact, 'the original unchanged');
    for (const doc of [serverDoc() as Y.Doc, fac.doc]) {
      expect(translation(doc, 'tr')).toMatchObject({ title: 'Oyun alanı', description: 'Açıklama' });
      expect((doc.getMap('goals').get(goalId) as Y.Map<unknown>).has('lang')).toBe(false);
      expect(readGoalById(doc, otherGoalId)).toMatchObject({ title: 'Mehr Licht', description: 'Im Park' });
    }
  });
});
