import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser } from '../helpers/browser';
import { api, createClientPool, type SeededBoard, seedBoard } from '../helpers/clients';
import { addGoal, roundOf, roundsApi } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
const MESSAGES = path.resolve('client/src/i18n/messages');
const TITLE = 'Spielplatz sanieren';
const DESCRIPTION = 'Bis zum Sommer, gemeinsam mit den Kindern aus dem Viertel geplant.';
const OTHER_TITLE = 'Mietersprechstunde im Bürgerhaus';
const OTHER_DESCRIPTION = 'Jeden ersten Dienstag im Monat.';
const STANCES = ['agree', 'concerns', 'stand_aside', 'object'] as const;

interface Spoken {
  readonly text: string;
  readonly lang: string;
  /** The `lang` of the voice the page chose, null if none. */
  readonly voice: string | null;
}

declare global {
  interface Window {
    __speech?: { spoken: Spoken[]; cancels: number; finish(): void };
    __liveRegions?: { testId: string | null; textAtInsert: string }[];
  }
}

/**
 * Headless Chromium has no voices: this replaces the browser's speech synthesis with a recorder. `voices` lists
 * the device's voice languages (they arrive after load, with `voiceschanged`, as on a real phone); null removes
 * speech synthesis altogether. `speak` records and queues, `cancel` ends the queue with `error` as browsers do,
 * and `__speech.finish()` ends it with `end` (the test decides when the reading is over). It also records each
 * live region's text at the moment it entered the page: a region already present when its text changes is what
 * screen readers announce.
 */
function fakeSpeech(voices: string[] | null): void {
  const liveRegions: { testId: string | null; textAtInsert: string }[] = [];
  window.__liveRegions = liveRegions;
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of Array.from(record.addedNodes)) {
        if (!(node instanceof Element)) continue;
        const regions = [node, ...Array.from(node.querySelectorAll('[aria-live]'))].filter((e) =>
          e.hasAttribute('aria-live'),
        );
        for (const region of regions) {
          liveRegions.push({
            testId: region.getAttribute('data-testid'),
            textAtInsert: region.textContent ?? '',
          });
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });

  if (voices === null) {
    Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: undefined });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { configurable: true, value: undefined });
    return;
  }
  interface FakeVoice {
    readonly lang: string;
    readonly name: string;
    readonly voiceURI: string;
    readonly default: boolean;
    readonly localService: boolean;
  }
  class FakeUtterance extends EventTarget {
    text: string;
    lang = '';
    voice: FakeVoice | null = null;
    rate = 1;
    pitch = 1;
    volume = 1;
    constructor(text = '') {
      super();
      this.text = text;
    }
  }
  const list: FakeVoice[] = voices.map((lang, index) => ({
    lang,
    name: `Test ${lang}`,
    voiceURI: `test-${lang}`,
    default: index === 0,
    localService: true,
  }));
  let loaded = false;
  const queue: FakeUtterance[] = [];
  const spoken: Spoken[] = [];
  const events = new EventTarget();
  const state = { spoken, cancels: 0, finish: () => {} };
  const synth = {
    get speaking() {
      return queue.length > 0;
    },
    pending: false,
    paused: false,
    onvoiceschanged: null,
    getVoices: () => (loaded ? list : []),
    speak(utterance: FakeUtterance) {
      spoken.push({ text: utterance.text, lang: utterance.lang, voice: utterance.voice?.lang ?? null });
      queue.push(utterance);
    },
    cancel() {
      state.cancels += 1;
      for (const utterance of queue.splice(0)) utterance.dispatchEvent(new Event('error'));
    },
    pause() {},
    resume() {},
    addEventListener: events.addEventListener.bind(events),
    removeEventListener: events.removeEventListener.bind(events),
    dispatchEvent: events.dispatchEvent.bind(events),
  };
  state.finish = () => {
    for (const utterance of queue.splice(0)) utterance.dispatchEvent(new Event('end'));
  };
  window.__speech = state;
  Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: synth });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { configurable: true, value: FakeUtterance });
  // Voices arrive after the page has started, as Chromium and Android deliver them.
  setTimeout(() => {
    loaded = true;
    events.dispatchEvent(new Event('voiceschanged'));
  }, 0);
}

const readCatalogue = async (locale: string): Promise<Record<string, string>> =>
  JSON.parse(await fs.readFile(path.join(MESSAGES, `${locale}.json`), 'utf8')) as Record<string, string>;

/** The stance options as the phone reads them: label, then its explanation. */
const optionTexts = (messages: Record<string, string>) =>
  STANCES.map((stance) => `${messages[`stance.${stance}`]}. ${messages[`stanceHint.${stance}`]}`);

describe('read aloud on the phone', () => {
  let server: TestServer;
  let seeded: SeededBoard;
  let goalId: string;
  let otherGoalId: string;
  const pool = createClientPool();
  const sessions: BrowserSession[] = [];

  const focusOn = async (goal: string) => {
    const result = await api(server.url).request('PUT', `/api/boards/${seeded.boardId}/facilitation`, {
      body: { focus: goal },
      token: seeded.facilitator.token,
    });
    expect(result.status).toBe(200);
  };

  /** Partner A's phone at 360×640, in `locale`, with a device that has `voices`. */
  const openPhone = async (locale: string, voices: string[] | null): Promise<BrowserSession> => {
    const session = await launchBrowser({ viewport: { width: 360, height: 640 } });
    sessions.push(session);
    await session.context.addInitScript(fakeSpeech, voices);
    await session.context.addInitScript(
      ({ entry, chosen }) => {
        localStorage.setItem('common-ground.boards', JSON.stringify([entry]));
        localStorage.setItem('common-ground.locale', chosen);
      },
      {
        entry: {
          boardId: seeded.boardId,
          participantId: seeded.partnerA.participantId,
          token: seeded.partnerA.token,
          title: 'Runder Tisch',
          role: 'partner',
          name: 'Ayşe',
        },
        chosen: locale,
      },
    );
    await session.page.goto(`${server.url}/b/${seeded.boardId}`);
    await session.page.locator('[data-testid=connection-status][data-status=live]').waitFor();
    return session;
  };

  beforeAll(async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    server = await startTestServer();
    seeded = await seedBoard(server.url);
    const client = pool.connect(server.url, seeded.boardId, seeded.facilitator.token);
    goalId = await addGoal(server.server, seeded.boardId, client, TITLE, DESCRIPTION);
    otherGoalId = await addGoal(server.server, seeded.boardId, client, OTHER_TITLE, OTHER_DESCRIPTION);
    roundOf(await roundsApi(server.url).open(seeded.boardId, seeded.facilitator.token, { goalId }), 201);
  });

  afterAll(async () => {
    for (const session of sessions) await session.close();
    pool.destroyAll();
    await server?.close();
  });

  it('reads a Turkish phone the German goal with a German voice and the stance options with a Turkish one', async () => {
    await focusOn(goalId);
    const { page, errors } = await openPhone('tr', ['tr-TR', 'de-DE', 'en-US']);
    const tr = await readCatalogue('tr');
    const focus = page.getByTestId('phone-focus');
    await focus.getByTestId('stance-form').waitFor();
    const button = focus.getByTestId('read-aloud-button');
    const note = focus.getByTestId('read-aloud-note');
    await page.locator('[data-testid=read-aloud][data-plan=read]').first().waitFor();
    expect(await note.textContent()).toBe('');
    expect(await button.getAttribute('aria-disabled')).toBeNull();

    // From the keyboard: the button turns into "Anhalten" and keeps the focus.
    await button.focus();
    await page.keyboard.press('Enter');
    await focus.locator('[data-testid=read-aloud-button][data-speaking]').waitFor();
    expect(await page.evaluate(() => window.__speech?.spoken)).toEqual([
      { text: TITLE, lang: 'de-DE', voice: 'de-DE' },
      { text: DESCRIPTION, lang: 'de-DE', voice: 'de-DE' },
      { text: tr['stance.legend'], lang: 'tr-TR', voice: 'tr-TR' },
      ...optionTexts(tr).map((text) => ({ text, lang: 'tr-TR', voice: 'tr-TR' })),
    ]);
    const focusedTestId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    expect(await focusedTestId()).toBe('read-aloud-button');
    await page.screenshot({ path: path.join(RESULTS, 'read-aloud-tr-360x640.png') });

    // The reading ends: "Vorlesen" again, focus still on the button.
    await page.evaluate(() => window.__speech?.finish());
    await focus.locator('[data-testid=read-aloud-button]:not([data-speaking])').waitFor();
    expect(await focusedTestId()).toBe('read-aloud-button');

    // "Anhalten" stops the reading, and focus stays.
    await page.keyboard.press('Enter');
    await focus.locator('[data-testid=read-aloud-button][data-speaking]').waitFor();
    const cancelsBefore = await page.evaluate(() => window.__speech?.cancels ?? 0);
    await page.keyboard.press('Enter');
    await focus.locator('[data-testid=read-aloud-button]:not([data-speaking])').waitFor();
    expect(await page.evaluate(() => window.__speech?.cancels)).toBe(cancelsBefore + 1);
    expect(await focusedTestId()).toBe('read-aloud-button');

    // Leaving the view stops the reading: the focus moves on to a goal without a round, whose view reads only it.
    await button.click();
    await focus.locator('[data-testid=read-aloud-button][data-speaking]').waitFor();
    const cancelsWhileReading = await page.evaluate(() => window.__speech?.cancels ?? 0);
    const spokenBefore = await page.evaluate(() => window.__speech?.spoken.length ?? 0);
    await focusOn(otherGoalId);
    await focus.getByRole('heading', { name: OTHER_TITLE }).waitFor();
    await expect.poll(() => page.evaluate(() => window.__speech?.cancels)).toBe(cancelsWhileReading + 1);
    await focus.getByTestId('read-aloud-button').click();
    const spoken = await page.evaluate(() => window.__speech?.spoken ?? []);
    expect(spoken.slice(spokenBefore)).toEqual([
      { text: OTHER_TITLE, lang: 'de-DE', voice: 'de-DE' },
      { text: OTHER_DESCRIPTION, lang: 'de-DE', voice: 'de-DE' },
    ]);
    // The round, now among the other open rounds, keeps its own button.
    await page.getByTestId('phone-open-round').getByTestId('read-aloud-button').waitFor();
    expect(errors).toEqual([]);
  });

  it('tells a phone without a voice for its language so, how to add one, and offers the German original', async () => {
    await focusOn(goalId);
    const { page, errors } = await openPhone('en', ['de-DE']);
    const [en, de] = await Promise.all([readCatalogue('en'), readCatalogue('de')]);
    const focus = page.getByTestId('phone-focus');
    await focus.getByTestId('stance-form').waitFor();
    const note = focus.getByTestId('read-aloud-note');
    const expected = [
      (en['readAloud.noVoice'] ?? '').replace('{language}', 'English'),
      en['readAloud.howToAdd'],
      en['readAloud.originalOffered'],
    ].join(' ');
    await expect.poll(() => note.textContent()).toBe(expected);
    // Announced: the live region was in the page, empty, before the note came into it.
    expect(await note.getAttribute('aria-live')).toBe('polite');
    const inserted = await page.evaluate(() =>
      (window.__liveRegions ?? []).filter((r) => r.testId === 'read-aloud-note').map((r) => r.textAtInsert),
    );
    expect(inserted.length).toBeGreaterThan(0);
    expect(inserted.every((text) => text === '')).toBe(true);
    const button = focus.getByTestId('read-aloud-button');
    expect(await button.getAttribute('aria-describedby')).toBe(await note.getAttribute('id'));
    expect(await button.textContent()).toBe(en['readAloud.readOriginal']);
    await focus.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(RESULTS, 'read-aloud-no-voice-en-360x640.png') });

    // The German original, with the options as the room hears them, in German.
    await button.focus();
    await page.keyboard.press('Enter');
    await focus.locator('[data-testid=read-aloud-button][data-speaking]').waitFor();
    expect(await page.evaluate(() => window.__speech?.spoken)).toEqual([
      { text: TITLE, lang: 'de-DE', voice: 'de-DE' },
      { text: DESCRIPTION, lang: 'de-DE', voice: 'de-DE' },
      { text: de['stance.legend'], lang: 'de-DE', voice: 'de-DE' },
      ...optionTexts(de).map((text) => ({ text, lang: 'de-DE', voice: 'de-DE' })),
    ]);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'read-aloud-button',
    );
    expect(errors).toEqual([]);
  });

  it('says so where the device has no voice at all, or the browser no speech synthesis', async () => {
    await focusOn(goalId);
    const de = await readCatalogue('de');
    const [silent, without] = await Promise.all([openPhone('de', []), openPhone('de', null)]);

    // Voices may still be loading: the button is offered, and a press that finds none explains.
    const focus = silent.page.getByTestId('phone-focus');
    await focus.getByTestId('stance-form').waitFor();
    const button = focus.getByTestId('read-aloud-button');
    await button.click();
    await expect
      .poll(() => focus.getByTestId('read-aloud-note').textContent())
      .toBe(
        `${(de['readAloud.noVoice'] ?? '').replace('{language}', 'Deutsch')} ${de['readAloud.howToAdd']}`,
      );
    expect(await button.getAttribute('aria-disabled')).toBe('true');
    expect(await silent.page.evaluate(() => window.__speech?.spoken)).toEqual([]);
    expect(await silent.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'read-aloud-button',
    );

    const withoutFocus = without.page.getByTestId('phone-focus');
    await withoutFocus.getByTestId('stance-form').waitFor();
    expect(await withoutFocus.getByTestId('read-aloud-note').textContent()).toBe(de['readAloud.unsupported']);
    expect(await withoutFocus.getByTestId('read-aloud-button').getAttribute('aria-disabled')).toBe('true');
    expect([...silent.errors, ...without.errors]).toEqual([]);
  });
});
