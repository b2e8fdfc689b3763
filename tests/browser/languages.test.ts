import fs from 'node:fs/promises';
import path from 'node:path';
import { RoundsResponse } from '@common-ground/shared/api';
import { proposeGoal, readGoalStructure, setGoalLead, setGoalStage } from '@common-ground/shared/schema';
import { IntlMessageFormat } from 'intl-messageformat';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, LOCALES, type Locale } from '../../client/src/i18n/languages';
import { type BrowserSession, launchBrowser } from '../helpers/browser';
import {
  api as apiOf,
  type BoardClient,
  connectBoard,
  type SeededBoard,
  seedBoard,
} from '../helpers/clients';
import { roundOf, roundsApi, serverSees } from '../helpers/roundsApi';
import { cutText, rawKeys, sideOverflow } from '../helpers/screenChecks';
import { startTestServer, type TestServer } from '../helpers/server';
import { plainText } from '../helpers/softHyphens';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
const MESSAGES = path.resolve('client/src/i18n/messages');
const FOCUSED = 'Spielplatz am Südpark sanieren';
const OTHER = 'Mehr Bänke an der Haltestelle';
const PARKED = 'Hofflohmarkt im Mai';
const STAGES = ['proposed', 'discussing', 'ready', 'parked'] as const;

type Catalogue = Record<string, string>;
const catalogue = async (locale: Locale): Promise<Catalogue> =>
  JSON.parse(await fs.readFile(path.join(MESSAGES, `${locale}.json`), 'utf8')) as Catalogue;

interface Person {
  readonly participantId: string;
  readonly token: string;
}

/**
 * A device that remembers the board under this person's token. Without `chosen` no language is stored, so the
 * browser's own languages (`browserLocale`) decide, as on a resident's phone opening an invite for the first time.
 */
async function device(
  viewport: { width: number; height: number },
  browserLocale: string,
  board: Person & { boardId: string },
  role: 'facilitator' | 'partner',
  name: string,
  chosen?: Locale,
): Promise<BrowserSession> {
  const session = await launchBrowser({ viewport, locale: browserLocale });
  await session.context.addInitScript(
    ({ entry, locale }) => {
      localStorage.setItem('common-ground.boards', JSON.stringify([entry]));
      if (locale) localStorage.setItem('common-ground.locale', locale);
    },
    { entry: { ...board, title: 'Runder Tisch Südstadt', role, name }, locale: chosen },
  );
  return session;
}

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

/** The checks every screen in every language passes: nothing sideways, nothing cut, no raw message key. */
async function expectClean(page: Page, keys: readonly string[], narrow: boolean): Promise<void> {
  if (narrow) expect(await sideOverflow(page)).toEqual([]);
  expect(await cutText(page)).toEqual([]);
  expect(await rawKeys(page, keys)).toEqual([]);
}

const LANGUAGE_CASES = [
  { locale: 'tr', browser: 'tr-TR', partner: 'partnerA', partnerName: 'Ayşe', stance: 'agree' },
  { locale: 'uk', browser: 'uk-UA', partner: 'partnerB', partnerName: 'Bernd', stance: 'stand_aside' },
] as const;

describe('every language on real screens', () => {
  let server: TestServer;
  let board: SeededBoard;
  let doc: BoardClient;
  let focusedId: string;
  let keys: string[];
  const sessions: BrowserSession[] = [];
  const facilitatorEntry = () => ({ boardId: board.boardId, ...board.facilitator });

  beforeAll(async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    keys = Object.keys(await catalogue('de'));
    server = await startTestServer();
    board = await seedBoard(server.url);
    const { boardId, facilitator } = board;
    doc = connectBoard(server.url, boardId, facilitator.token);
    await doc.synced;
    const add = (title: string, description: string) =>
      proposeGoal(doc.doc, { title, description, createdBy: facilitator.participantId, now: Date.now() });
    focusedId = add(FOCUSED, 'Neue Geräte, mehr Schatten und eine Bank für Eltern.');
    setGoalStage(doc.doc, add(OTHER, 'Zwei Bänke mit Lehne, eine davon im Schatten.'), 'discussing');
    setGoalStage(doc.doc, add(PARKED, ''), 'parked');
    add('Nachbarschaftscafé im Gemeinschaftsraum', 'Einmal im Monat, offen für alle.');
    setGoalStage(doc.doc, focusedId, 'ready');
    setGoalLead(doc.doc, focusedId, board.partnerA.partnerId);
    await serverSees(
      server.server,
      boardId,
      (room) => readGoalStructure(room, focusedId).leadPartnerId !== null,
    );
    const rounds = roundsApi(server.url);
    roundOf(await rounds.open(boardId, facilitator.token, { goalId: focusedId, visibility: 'open' }), 201);
    const focused = await apiOf(server.url).request('PUT', `/api/boards/${boardId}/facilitation`, {
      body: { focus: focusedId },
      token: facilitator.token,
    });
    expect(focused.status).toBe(200);
  });

  afterAll(async () => {
    doc?.destroy();
    for (const session of sessions) await session.close();
    await server?.close();
  });

  for (const { locale, browser, partner, partnerName, stance } of LANGUAGE_CASES) {
    describe(`${LANGUAGES[locale].name} (${locale})`, () => {
      let messages: Catalogue;
      let laptop: BrowserSession;
      let phone: BrowserSession;
      let projector: BrowserSession;
      const say = (key: string, params?: Record<string, string | number>) =>
        String(new IntlMessageFormat(messages[key] ?? key, LANGUAGES[locale].tag).format(params));
      const stanceCount = async () => {
        const listed = RoundsResponse.parse(
          (await roundsApi(server.url).list(board.boardId, board.facilitator.token)).body,
        );
        return listed.rounds.find((round) => round.goalId === focusedId)?.tally.responded ?? 0;
      };

      beforeAll(async () => {
        messages = await catalogue(locale);
        const person = board[partner];
        // No stored choice anywhere: each device must pick the language from the browser's locale.
        laptop = await device(
          { width: 1280, height: 800 },
          browser,
          facilitatorEntry(),
          'facilitator',
          'Maria',
        );
        phone = await device({ width: 360, height: 640 }, browser, person, 'partner', partnerName);
        projector = await device(
          { width: 1920, height: 1080 },
          browser,
          facilitatorEntry(),
          'facilitator',
          'Maria',
        );
        sessions.push(laptop, phone, projector);
      });

      it('shows the board at 1280×800 in the browser’s language, column headings from the catalogue', async () => {
        const page = laptop.page;
        await page.goto(`${server.url}/b/${board.boardId}`);
        await page.getByTestId('column-ready').getByText(FOCUSED).waitFor();
        expect(await htmlLang(page)).toBe(locale);
        expect(await page.getByTestId('language-select').first().inputValue()).toBe(locale);
        for (const stage of STAGES) {
          const heading = page.getByTestId(`column-${stage}`).locator('.column-name');
          expect(await plainText(heading)).toBe(messages[`stage.${stage}`]);
        }
        await expectClean(page, keys, false);
        await page.screenshot({ path: path.join(RESULTS, `lang-${locale}-board-1280x800.png`) });
      });

      it('fits the board into 360×640', async () => {
        const page = laptop.page;
        await page.setViewportSize({ width: 360, height: 640 });
        await page.getByTestId('column-proposed').waitFor();
        for (const stage of STAGES) {
          const heading = page.getByTestId(`column-${stage}`).locator('.column-name');
          expect(await plainText(heading)).toBe(messages[`stage.${stage}`]);
        }
        await page.screenshot({ path: path.join(RESULTS, `lang-${locale}-board-360x640.png`) });
        await expectClean(page, keys, true);
        await page.setViewportSize({ width: 1280, height: 800 });
      });

      it('takes a stance on a phone at 360×640, recorded for the facilitator', async () => {
        const page = phone.page;
        const before = await stanceCount();
        await page.goto(`${server.url}/b/${board.boardId}`);
        const focus = page.getByTestId('phone-focus');
        await focus.getByRole('heading', { name: FOCUSED }).waitFor();
        expect(await htmlLang(page)).toBe(locale);
        expect(await plainText(focus.locator('legend'))).toBe(messages['stance.legend']);
        for (const value of ['agree', 'concerns', 'stand_aside', 'object']) {
          const option = focus.getByTestId(`stance-${value}`);
          expect(await plainText(option.locator('strong'))).toBe(messages[`stance.${value}`]);
          expect(await plainText(option.locator('.stance-hint'))).toBe(messages[`stanceHint.${value}`]);
        }
        await expectClean(page, keys, true);
        await focus.getByTestId(`stance-${stance}`).click();
        await focus.getByTestId('stance-submit').click();
        const current = focus.getByTestId('current-stance');
        await current.waitFor();
        expect(await plainText(current)).toContain(messages[`stance.${stance}`]);
        await expectClean(page, keys, true);
        await focus.evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await page.screenshot({ path: path.join(RESULTS, `lang-${locale}-phone-360x640.png`) });
        expect(phone.errors).toEqual([]);

        // Recorded: the server counts one more answer, and the facilitator's card says so in this language.
        await expect.poll(stanceCount).toBe(before + 1);
        const badge = laptop.page
          .getByTestId('goal-card')
          .filter({ hasText: FOCUSED })
          .getByTestId('round-badge');
        await expect
          .poll(() => plainText(badge))
          .toContain(say('tally.responded', { responded: before + 1, eligible: 2 }));
        expect(laptop.errors).toEqual([]);
      });

      it('shows the round on the projector at 1920×1080', async () => {
        const page = projector.page;
        await page.goto(`${server.url}/b/${board.boardId}/present`);
        await page.getByTestId('present-focus').waitFor();
        expect(await htmlLang(page)).toBe(locale);
        const cells = page.getByTestId('present-grid-cell');
        await expect.poll(() => cells.count()).toBe(2);
        const responded = await stanceCount();
        const head = page.getByTestId('present-round-head');
        await expect.poll(() => plainText(head)).toContain(say('present.roundOpen', { number: 1 }));
        expect(await plainText(head)).toContain(say('present.responded', { responded, eligible: 2 }));
        const mine = page.locator('.present-grid-stance').filter({ hasText: messages[`stance.${stance}`] });
        await expect.poll(() => mine.count()).toBeGreaterThan(0);
        const overflow = await page.evaluate(() => ({
          x: document.documentElement.scrollWidth - window.innerWidth,
          y: document.documentElement.scrollHeight - window.innerHeight,
        }));
        expect(overflow).toEqual({ x: 0, y: 0 });
        await expectClean(page, keys, false);
        await page.screenshot({ path: path.join(RESULTS, `lang-${locale}-projector-1920x1080.png`) });
        expect(projector.errors).toEqual([]);
      });
    });
  }

  describe('each language at 360×640', () => {
    let laptop: BrowserSession;
    let phone: BrowserSession;

    beforeAll(async () => {
      laptop = await device({ width: 360, height: 640 }, 'de-DE', facilitatorEntry(), 'facilitator', 'Maria');
      phone = await device({ width: 360, height: 640 }, 'de-DE', board.partnerA, 'partner', 'Ayşe');
      sessions.push(laptop, phone);
    });

    for (const locale of LOCALES) {
      it(`${locale}: board and phone round view without overflow, cut text or raw keys`, async () => {
        const messages = await catalogue(locale);
        const stageName = messages['stage.proposed'] ?? (await catalogue('de'))['stage.proposed'];
        for (const session of [laptop, phone]) {
          const page = session.page;
          // The choice is stored on the board's origin, then the page loads in it as on a device that chose it.
          await page.goto(`${server.url}/b/${board.boardId}`);
          await page.evaluate((chosen) => localStorage.setItem('common-ground.locale', chosen), locale);
          await page.reload();
          const focus = page.getByTestId('phone-focus');
          await focus.getByRole('heading', { name: FOCUSED }).waitFor();
          expect(await htmlLang(page)).toBe(LANGUAGES[locale].tag.split('-')[0]);
          expect(await plainText(page.getByTestId('column-proposed').locator('.column-name'))).toBe(
            stageName,
          );
          if (session === laptop) {
            // The whole board, top to bottom: the column headings and cards are below the round on a phone.
            await page.screenshot({ path: path.join(RESULTS, `lang-${locale}-360x640.png`), fullPage: true });
          } else {
            await focus.evaluate((el) => el.scrollIntoView({ block: 'start' }));
            await page.screenshot({ path: path.join(RESULTS, `lang-${locale}-phone-round-360x640.png`) });
          }
          await expectClean(page, keys, true);
        }
      });
    }
  });
});
