import { wordingHash } from '@common-ground/shared/rules';
import {
  type GoalTranslation,
  isTranslationOutdated,
  proposeGoal,
  readAuthors,
  readGoalById,
  readGoalTranslations,
  removeGoalTranslation,
  setGoalLanguage,
  setGoalTranslation,
  translationAuthors,
  translationForReader,
} from '@common-ground/shared/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { loadConfig } from '../../server/src/config';
import { type BoardClient, createClientPool, frames, type SeededBoard, seedBoard } from '../helpers/clients';
import { addGoal, roundOf, useSeededBoard } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

const TITLE = 'Spielplatz sanieren';
const DESCRIPTION = 'Bis 2027 mit neuen Bänken';
const ORIGINAL_HASH = wordingHash(TITLE, DESCRIPTION);

const goalMapIn = (doc: Y.Doc, goalId: string) => doc.getMap('goals').get(goalId) as Y.Map<unknown>;
const translationsMapIn = (doc: Y.Doc, goalId: string) =>
  goalMapIn(doc, goalId).get('translations') as Y.Map<unknown>;
const translationIn = (doc: Y.Doc, goalId: string, lang: string): GoalTranslation | null =>
  readGoalTranslations(doc, goalId).translations.find((t) => t.lang === lang) ?? null;
/** A fresh translation entry as a hostile client builds it by hand. */
const entry = (title: string, description: string, basedOn?: unknown): Y.Map<unknown> => {
  const map = new Y.Map<unknown>();
  map.set('title', new Y.Text(title));
  map.set('description', new Y.Text(description));
  if (basedOn !== undefined) map.set('basedOn', basedOn);
  return map;
};

/**
 * A bad-faith partner attacks goal translations through real providers and hand-made frames against the real
 * server: the server's answer is that the attack fails with the board intact and nobody else affected, or, where
 * the product allows it, that the record names the attacker truthfully.
 */
describe('goal translations under attack', () => {
  const seeded = useSeededBoard();
  let goalId: string;
  let otherGoalId: string;
  let fac: BoardClient;
  let clientA: BoardClient;
  let clientB: BoardClient;
  let record: BoardClient;

  const serverDoc = (): Y.Doc => {
    const doc = seeded.server.server.rooms.get(seeded.board.boardId)?.doc;
    if (!doc) throw new Error('the board is not loaded');
    return doc;
  };
  /** The server and every replica hold `check`, with equal state vectors: nothing else is on its way. */
  const everywhere = async (check: (doc: Y.Doc) => boolean, message: string) => {
    const clients = [fac, clientA, clientB];
    await waitFor(
      () => {
        const server = seeded.server.server.rooms.get(seeded.board.boardId)?.doc;
        const vector = Buffer.from(Y.encodeStateVector(fac.doc));
        return (
          server !== undefined &&
          check(server) &&
          clients.every((c) => check(c.doc)) &&
          clients.every((c) => Buffer.compare(Y.encodeStateVector(c.doc), vector) === 0) &&
          Buffer.compare(Y.encodeStateVector(server), vector) === 0
        );
      },
      { message },
    );
  };
  const originalIntact = (doc: Y.Doc) =>
    readGoalById(doc, goalId)?.title === TITLE &&
    readGoalById(doc, goalId)?.description === DESCRIPTION &&
    readGoalById(doc, otherGoalId)?.title === 'Mehr Licht';
  const translators = (lang: 'de' | 'en' | 'tr' | 'ar', id = goalId) =>
    translationAuthors(readAuthors(record.doc), id, lang);
  /**
   * Sends what `edit` does to a copy of `from` as one raw update frame on a socket of `token`, and resolves once
   * the server applied it (its state names the copy's client).
   */
  const rawEdit = async (from: Y.Doc, token: string, edit: (doc: Y.Doc) => void) => {
    const copy = new Y.Doc();
    const clientId = copy.clientID;
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(from));
    const before = Y.encodeStateVector(copy);
    edit(copy);
    const update = Y.encodeStateAsUpdate(copy, before);
    copy.destroy();
    const raw = seeded.pool.raw(seeded.server.url, `/ws/${seeded.board.boardId}?token=${token}`);
    await raw.opened;
    raw.ws.send(frames.update(update));
    await waitFor(() => Y.decodeStateVector(Y.encodeStateVector(serverDoc())).has(clientId), {
      message: 'the raw update at the server',
    });
    return raw;
  };

  beforeEach(async () => {
    const { server, board, pool } = seeded;
    fac = pool.connect(server.url, board.boardId, board.facilitator.token);
    clientA = pool.connect(server.url, board.boardId, board.partnerA.token);
    clientB = pool.connect(server.url, board.boardId, board.partnerB.token);
    record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    await Promise.all([fac.synced, clientA.synced, clientB.synced, record.synced]);
    goalId = await addGoal(server.server, board.boardId, clientA, TITLE, DESCRIPTION);
    otherGoalId = await addGoal(server.server, board.boardId, clientA, 'Mehr Licht', 'Im Park');
    // The record names A as the proposer of both goals before anyone attacks.
    await waitFor(
      async () =>
        (await server.server.storage.attributions.listAttributions(board.boardId)).filter(
          (a) => a.kind === 'goal' && a.participantId === board.partnerA.participantId,
        ).length === 2,
      { message: 'A recorded as the proposer' },
    );
    await everywhere(originalIntact, 'the goals everywhere');
  });

  describe('the original’s language', () => {
    it('puts back a partner’s switch of a German goal to Turkish, so its German “translation” never replaces the original', async () => {
      const { board } = seeded;
      // B is not the proposer: it claims the original is Turkish and supplies a misleading German "translation".
      clientB.doc.transact(() => {
        goalMapIn(clientB.doc, goalId).set('lang', 'tr');
        translationsMapIn(clientB.doc, goalId).set(
          'de',
          entry('Spielplatz schließen', 'Sofort', ORIGINAL_HASH),
        );
      });
      await everywhere(
        (doc) => !goalMapIn(doc, goalId).has('lang') && translationsMapIn(doc, goalId).has('de'),
        'the language put back everywhere',
      );
      for (const doc of [serverDoc(), fac.doc, clientA.doc]) {
        // German readers see the original; the stored German entry is the original's own language: not shown.
        expect(readGoalTranslations(doc, goalId).lang).toBe('de');
        expect(translationForReader(readGoalTranslations(doc, goalId), 'de')).toBeNull();
        expect(translationForReader(readGoalTranslations(doc, goalId), 'de-simple')).toBeNull();
      }
      await everywhere(originalIntact, 'the original unchanged');
      // The hidden entry is B's, and the record says so now (not later, when it might show).
      await waitFor(() => translators('de').length === 1, { message: 'B recorded for the hidden entry' });
      expect(translators('de')).toEqual([board.partnerB.participantId]);

      // The proposer says its original is Turkish after all: now German readers see B's text, named as B's.
      setGoalLanguage(clientA.doc, goalId, 'tr');
      await everywhere((doc) => goalMapIn(doc, goalId).get('lang') === 'tr', 'A’s language kept');
      expect(translationForReader(readGoalTranslations(fac.doc, goalId), 'de')?.title).toBe(
        'Spielplatz schließen',
      );
      // Changing the language translated nothing: A is not named as the translator of B's text.
      const authors = await seeded.server.server.storage.attributions.listAttributions(board.boardId);
      expect(
        authors.filter((a) => a.kind === 'translation' && a.goalId === goalId).map((a) => a.participantId),
      ).toEqual([board.partnerB.participantId]);
      expect(translators('de')).toEqual([board.partnerB.participantId]);
    });

    it('puts back a language change sent as a raw frame; keeps the proposer’s, the facilitator’s and a new goal’s', async () => {
      const { board } = seeded;
      const raw = await rawEdit(clientB.doc, board.partnerB.token, (doc) =>
        goalMapIn(doc, otherGoalId).set('lang', 'ar'),
      );
      await everywhere((doc) => !goalMapIn(doc, otherGoalId).has('lang'), 'the raw change put back');
      // The socket stays open: a refused field is put back, not punished.
      expect(raw.ws.readyState).toBe(WebSocket.OPEN);

      setGoalLanguage(fac.doc, otherGoalId, 'en');
      await everywhere((doc) => goalMapIn(doc, otherGoalId).get('lang') === 'en', 'the facilitator’s kept');
      // B deletes the facilitator's language: put back too.
      goalMapIn(clientB.doc, otherGoalId).delete('lang');
      await everywhere((doc) => goalMapIn(doc, otherGoalId).get('lang') === 'en', 'the deletion put back');

      // Whoever proposes a goal says its language in the same transaction.
      let newGoal = '';
      clientB.doc.transact(() => {
        newGoal = proposeGoal(clientB.doc, { title: 'Çay bahçesi', description: '', createdBy: 'b', now: 1 });
        goalMapIn(clientB.doc, newGoal).set('lang', 'tr');
      });
      await everywhere(
        (doc) => goalMapIn(doc, newGoal)?.get('lang') === 'tr',
        'the new goal’s language kept',
      );
      // ... and its proposer may change it right away, before the record names it (rechecked, then made).
      setGoalLanguage(clientB.doc, newGoal, 'ar');
      await everywhere((doc) => goalMapIn(doc, newGoal)?.get('lang') === 'ar', 'the proposer’s change');
      // A, who did not propose it, may not.
      setGoalLanguage(clientA.doc, newGoal, 'de');
      await everywhere((doc) => goalMapIn(doc, newGoal)?.get('lang') === 'ar', 'A’s change put back');
    });

    it('drops an observer’s language change and translation', async () => {
      const { server, board, pool } = seeded;
      const observer = pool.connect(server.url, board.boardId, board.observer.token);
      await observer.synced;
      observer.doc.transact(() => {
        goalMapIn(observer.doc, goalId).set('lang', 'tr');
        translationsMapIn(observer.doc, goalId).set('de', entry('Falsch', ''));
      });
      setGoalTranslation(clientA.doc, goalId, 'en', { title: 'Playground', description: '' });
      await everywhere((doc) => translationIn(doc, goalId, 'en') !== null, 'A’s translation after it');
      for (const doc of [serverDoc(), fac.doc, clientB.doc]) {
        expect(goalMapIn(doc, goalId).has('lang')).toBe(false);
        expect(translationsMapIn(doc, goalId).has('de')).toBe(false);
      }
    });
  });

  describe('the basis (`basedOn`)', () => {
    it('keeps none but the current original’s hash, whatever else a writer names', async () => {
      setGoalTranslation(clientA.doc, goalId, 'tr', { title: 'Oyun alanı', description: 'Açıklama' });
      await everywhere(
        (doc) => translationIn(doc, goalId, 'tr')?.basedOn === ORIGINAL_HASH,
        'A’s translation',
      );
      const forgeries: [string, unknown][] = [
        ['another goal’s hash', wordingHash('Mehr Licht', 'Im Park')],
        ['a future wording’s hash', wordingHash('Spielplatz schließen', DESCRIPTION)],
        ['the hash in capitals', ORIGINAL_HASH.toUpperCase()],
        ['a number', 42],
        ['an array', ['x']],
        ['a nested map', new Y.Map()],
        ['a text', new Y.Text(ORIGINAL_HASH)],
      ];
      for (const [what, basedOn] of forgeries) {
        clientB.doc.transact(() => {
          translationsMapIn(clientB.doc, goalId).set('en', entry('Playground', '', basedOn));
        });
        await everywhere((doc) => {
          const en = translationsMapIn(doc, goalId).get('en');
          return en instanceof Y.Map && !en.has('basedOn');
        }, `${what} removed`);
        const goal = readGoalById(fac.doc, goalId);
        const en = translationIn(fac.doc, goalId, 'en');
        expect(goal && en && isTranslationOutdated(en, goal), what).toBe(true);
      }
      // Nobody else's translation or the original moved.
      expect(translationIn(serverDoc(), goalId, 'tr')).toMatchObject({
        title: 'Oyun alanı',
        basedOn: ORIGINAL_HASH,
      });
      await everywhere(originalIntact, 'the original unchanged');
    });

    it('a translation into another goal carries that goal’s basis or none', async () => {
      // B copies A's translation of the first goal onto the second, basis and all.
      clientB.doc.transact(() => {
        translationsMapIn(clientB.doc, otherGoalId).set('tr', entry('Oyun alanı', '', ORIGINAL_HASH));
      });
      await everywhere((doc) => {
        const tr = translationsMapIn(doc, otherGoalId).get('tr');
        return tr instanceof Y.Map && !tr.has('basedOn');
      }, 'the borrowed basis removed');
      expect(translationsMapIn(serverDoc(), goalId).size).toBe(0);
    });

    it('re-basing an outdated translation without translating is allowed, and names who did it', async () => {
      const { board } = seeded;
      setGoalTranslation(clientA.doc, goalId, 'tr', { title: 'Oyun alanı', description: 'Açıklama' });
      await everywhere((doc) => translationIn(doc, goalId, 'tr') !== null, 'A’s translation');
      (goalMapIn(clientA.doc, goalId).get('title') as Y.Text).insert(0, 'Großen ');
      const current = wordingHash(`Großen ${TITLE}`, DESCRIPTION);
      await everywhere((doc) => readGoalById(doc, goalId)?.title === `Großen ${TITLE}`, 'the edit');
      expect(translationIn(serverDoc(), goalId, 'tr')?.basedOn).toBe(ORIGINAL_HASH);
      await waitFor(() => translators('tr').length === 1, { message: 'A recorded' });

      // B only sets the basis to the current hash: the translation reads current (what "I checked it" means).
      (translationsMapIn(clientB.doc, goalId).get('tr') as Y.Map<unknown>).set('basedOn', current);
      await everywhere((doc) => translationIn(doc, goalId, 'tr')?.basedOn === current, 'B’s basis kept');
      // ... and the record says B vouched for it.
      await waitFor(() => translators('tr').length === 2, { message: 'B recorded' });
      expect(translators('tr')).toEqual([board.partnerA.participantId, board.partnerB.participantId]);
    });
  });

  describe('keys and types', () => {
    it('removes translations under keys that are no offered language, 10,000 of them at once', async () => {
      setGoalTranslation(clientA.doc, goalId, 'tr', { title: 'Oyun alanı', description: 'Açıklama' });
      await everywhere((doc) => translationIn(doc, goalId, 'tr') !== null, 'A’s translation');
      const bad = ['__proto__', 'constructor', 'de-simple', 'TR', 'tr ', 'tr-TR', 'prs', '', 'toString'];
      clientB.doc.transact(() => {
        const map = translationsMapIn(clientB.doc, goalId);
        for (const key of bad) map.set(key, entry('Lüge', 'Lüge'));
        for (let i = 0; i < 10_000; i++) map.set(`x${i}`, 'y');
      });
      await everywhere(
        (doc) => [...translationsMapIn(doc, goalId).keys()].join() === 'tr',
        'every bad key removed everywhere',
      );
      expect(translationIn(serverDoc(), goalId, 'tr')).toMatchObject({
        title: 'Oyun alanı',
        description: 'Açıklama',
      });
      await everywhere(originalIntact, 'the original unchanged');
      // The board still works for everyone.
      setGoalTranslation(fac.doc, goalId, 'en', { title: 'Playground', description: '' });
      await everywhere((doc) => translationIn(doc, goalId, 'en') !== null, 'a later translation');
    });

    it('repairs wrong nested types, formatting and embeds into plain texts', async () => {
      setGoalTranslation(clientA.doc, goalId, 'tr', { title: 'Oyun alanı', description: 'Açıklama' });
      await everywhere((doc) => translationIn(doc, goalId, 'tr') !== null, 'A’s translation');
      clientB.doc.transact(() => {
        const map = translationsMapIn(clientB.doc, goalId);
        const en = new Y.Map<unknown>();
        en.set('title', new Y.Map());
        en.set('description', new Y.XmlText('<b>x</b>'));
        map.set('en', en);
        map.set('ar', new Y.Text('نص'));
        map.set('uk', new Y.Array());
        const pl = new Y.Map<unknown>();
        const title = new Y.Text();
        pl.set('title', title);
        pl.set('description', new Y.Text('Opis'));
        map.set('pl', pl);
        title.insert(0, 'Plac', { bold: true });
        title.insertEmbed(4, { image: 'https://example.org/x.png' });
        title.insert(5, ' zabaw');
      });
      await everywhere((doc) => {
        const keys = [...translationsMapIn(doc, goalId).keys()].sort().join();
        const en = translationIn(doc, goalId, 'en');
        const pl = translationIn(doc, goalId, 'pl');
        return keys === 'en,pl,tr' && en?.title === '' && en.description === '' && pl?.title === 'Plac zabaw';
      }, 'the repair everywhere');
      const plTitle = (translationsMapIn(serverDoc(), goalId).get('pl') as Y.Map<unknown>).get(
        'title',
      ) as Y.Text;
      expect(plTitle.toDelta().every((op: { insert: unknown }) => typeof op.insert === 'string')).toBe(true);
      expect(translationIn(serverDoc(), goalId, 'tr')).toMatchObject({
        title: 'Oyun alanı',
        description: 'Açıklama',
      });
      await everywhere(originalIntact, 'the original unchanged');
    });
  });

  describe('authorship and removal', () => {
    it('names the sender, never a name the writer supplies; the record cannot be written by a client', async () => {
      const { server, board, pool } = seeded;
      clientB.doc.transact(() => {
        const tr = entry('Oyun alanı', '', ORIGINAL_HASH);
        tr.set('translatedBy', board.partnerA.participantId);
        tr.set('authorId', board.partnerA.participantId);
        translationsMapIn(clientB.doc, goalId).set('tr', tr);
        goalMapIn(clientB.doc, goalId).set('translatedBy', board.partnerA.participantId);
      });
      await everywhere(
        (doc) =>
          [...(translationsMapIn(doc, goalId).get('tr') as Y.Map<unknown>).keys()].sort().join() ===
            'basedOn,description,title' && !goalMapIn(doc, goalId).has('translatedBy'),
        'the supplied names removed',
      );
      await waitFor(() => translators('tr').length === 1, { message: 'the translator recorded' });
      expect(translators('tr')).toEqual([board.partnerB.participantId]);

      // B writes an attribution for A into the record document: a socket on it may not write.
      const recordB = pool.connect(server.url, `${board.boardId}`, board.partnerB.token, { record: true });
      await recordB.synced;
      const forged = {
        kind: 'translation',
        id: `${goalId}:en:${board.partnerA.participantId}`,
        goalId,
        participantId: board.partnerA.participantId,
        at: Date.now(),
        contentHash: null,
      };
      recordB.doc.getMap('authors').set(`translation:${forged.id}`, forged);
      setGoalTranslation(clientB.doc, goalId, 'en', { title: 'Playground', description: '' });
      await everywhere((doc) => translationIn(doc, goalId, 'en') !== null, 'B’s English translation');
      await waitFor(() => translators('en').length === 1, { message: 'B recorded for English' });
      expect(translators('en')).toEqual([board.partnerB.participantId]);
      const stored = await server.server.storage.attributions.listAttributions(board.boardId);
      expect(
        stored.some((a) => a.participantId === board.partnerA.participantId && a.kind === 'translation'),
      ).toBe(false);
    });

    it('any partner may remove a translation or replace the whole map; the translators stay on record and the log names the remover', async () => {
      const { server, board } = seeded;
      setGoalTranslation(clientA.doc, goalId, 'tr', { title: 'Oyun alanı', description: 'Açıklama' });
      setGoalTranslation(fac.doc, goalId, 'en', { title: 'Playground', description: '' });
      await everywhere(
        (doc) => translationIn(doc, goalId, 'tr') !== null && translationIn(doc, goalId, 'en') !== null,
        'two translations',
      );
      await waitFor(() => translators('tr').length === 1 && translators('en').length === 1, {
        message: 'both recorded',
      });

      // B removes A's Turkish one and writes its own: A stays named, B is added (the record keeps every writer).
      removeGoalTranslation(clientB.doc, goalId, 'tr');
      await everywhere((doc) => !translationsMapIn(doc, goalId).has('tr'), 'the removal everywhere');
      const removal = (await server.server.storage.log.listUpdates(board.boardId, 0)).at(-1);
      expect(removal?.participantId).toBe(board.partnerB.participantId);
      setGoalTranslation(clientB.doc, goalId, 'tr', { title: 'Kapatmak', description: '' });
      await waitFor(() => translators('tr').length === 2, { message: 'B added' });
      expect(translators('tr')).toEqual([board.partnerA.participantId, board.partnerB.participantId]);

      // B replaces the whole map with something that is no map: the server gives back an empty one.
      goalMapIn(clientB.doc, goalId).set('translations', new Y.Array());
      await everywhere((doc) => translationsMapIn(doc, goalId)?.size === 0, 'an empty map everywhere');
      expect(translators('en')).toEqual([board.facilitator.participantId]);
      expect(translators('tr')).toEqual([board.partnerA.participantId, board.partnerB.participantId]);
      await everywhere(originalIntact, 'the original unchanged');
      // Translating again works for everyone.
      setGoalTranslation(clientA.doc, goalId, 'tr', { title: 'Oyun alanı', description: '' });
      await everywhere(
        (doc) => translationIn(doc, goalId, 'tr')?.title === 'Oyun alanı',
        'a new translation',
      );
    });
  });

  describe('rounds', () => {
    it('no translation write, hostile or not, changes the original’s hash or the open round', async () => {
      const { server, board, rounds } = seeded;
      const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
      expect(
        (await rounds.stance(board.boardId, round.id, board.partnerA.token, { stance: 'agree' })).status,
      ).toBe(201);
      setGoalTranslation(clientB.doc, goalId, 'tr', { title: 'Oyun alanı', description: '' });
      clientB.doc.transact(() => {
        const map = translationsMapIn(clientB.doc, goalId);
        map.set('en', entry('x'.repeat(500), 'y', wordingHash('Anders', '')));
        map.set('__proto__', entry('Lüge', ''));
      });
      // B edits the original and names the edited wording as the basis in one go: the lock sets the edit back,
      // so the basis names a wording that no longer stands and the translation reads outdated.
      clientB.doc.transact(() => {
        (goalMapIn(clientB.doc, goalId).get('title') as Y.Text).insert(0, 'Kein ');
        (translationsMapIn(clientB.doc, goalId).get('tr') as Y.Map<unknown>).set(
          'basedOn',
          wordingHash(`Kein ${TITLE}`, DESCRIPTION),
        );
      });
      await everywhere(
        (doc) =>
          originalIntact(doc) &&
          translationIn(doc, goalId, 'tr')?.basedOn === wordingHash(`Kein ${TITLE}`, DESCRIPTION) &&
          translationIn(doc, goalId, 'en')?.title.length === 200 &&
          !translationsMapIn(doc, goalId).has('__proto__'),
        'the writes settled',
      );
      const goal = readGoalById(fac.doc, goalId);
      const tr = translationIn(fac.doc, goalId, 'tr');
      expect(goal && tr && isTranslationOutdated(tr, goal)).toBe(true);
      const stored = await server.server.storage.rounds.getRound(round.id);
      expect(stored?.closure).toBeNull();
      expect(wordingHash(stored?.wording.title ?? '', stored?.wording.description ?? '')).toBe(ORIGINAL_HASH);
      expect(
        (await rounds.stance(board.boardId, round.id, board.partnerB.token, { stance: 'agree' })).status,
      ).toBe(201);
    });
  });
});

describe('goal translations: a flood of translation writes', () => {
  let server: TestServer;
  let board: SeededBoard;
  const pool = createClientPool();
  const updateBurst = 40;

  beforeEach(async () => {
    server = await startTestServer({
      config: { socketLimits: { ...loadConfig({}).socketLimits, updateBurst, updatesPerSecond: 1 } },
    });
    board = await seedBoard(server.url);
  });
  afterEach(async () => {
    pool.destroyAll();
    await server.close();
  });

  it('closes the flooding socket with 4429; the others keep translating', async () => {
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const fac = pool.connect(server.url, board.boardId, board.facilitator.token);
    const goalId = await addGoal(server.server, board.boardId, a, TITLE, DESCRIPTION);
    await fac.synced;
    await waitFor(() => readGoalById(fac.doc, goalId) !== null, { message: 'the goal at the facilitator' });

    const flooder = pool.raw(server.url, `/ws/${board.boardId}?token=${board.partnerB.token}`);
    await flooder.opened;
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(a.doc));
    local.on('update', (update: Uint8Array) => {
      if (flooder.ws.readyState === WebSocket.OPEN) flooder.ws.send(frames.update(update));
    });
    for (let i = 0; i < 400; i++) {
      setGoalTranslation(local, goalId, 'tr', { title: `Sel ${i}`, description: '' });
    }
    expect((await flooder.closed).code).toBe(4429);

    setGoalTranslation(a.doc, goalId, 'en', { title: 'After the flood', description: '' });
    await waitFor(() => translationIn(fac.doc, goalId, 'en')?.title === 'After the flood', {
      message: 'A’s translation after the flood',
    });
    // Of B’s 400 writes, at most the burst (and what a second earns back) arrived; the original never moved.
    const tr = translationIn(fac.doc, goalId, 'tr');
    expect(tr === null || Number(tr.title.slice(4)) <= updateBurst).toBe(true);
    expect(readGoalById(fac.doc, goalId)).toMatchObject({ title: TITLE, description: DESCRIPTION });
  });
});
