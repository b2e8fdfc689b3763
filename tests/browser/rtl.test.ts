import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { RoundsResponse } from '@common-ground/shared/api';
import {
  proposeGoal,
  readGoalStructure,
  readGoalsInStage,
  setGoalLead,
  setGoalStage,
} from '@common-ground/shared/schema';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import {
  api as apiOf,
  type BoardClient,
  connectBoard,
  type SeededBoard,
  seedBoard,
} from '../helpers/clients';
import { roundOf, roundsApi, serverSees } from '../helpers/roundsApi';
import { sideOverflow } from '../helpers/screenChecks';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
const FOCUSED = 'Spielplatz am Südpark sanieren';
const ARABIC_TITLE = 'حديقة مشتركة في الفناء الخلفي';
const MOVED = 'Mehr Bänke an der Haltestelle';
const STAYS = 'Hofflohmarkt im Mai';
// seedBoard's first partner organisation: a German name that appears inside Arabic sentences.
const ORGANISATION = 'Mieterverein Südstadt';
const FSI = '\u2068';
const PDI = '\u2069';

/** A device that remembers the board under this person's token and reads the UI in `locale`. */
async function device(
  viewport: { width: number; height: number },
  locale: 'ar' | 'fa',
  board: { boardId: string; participantId: string; token: string },
  role: 'facilitator' | 'partner',
  name: string,
): Promise<BrowserSession> {
  const session = await launchBrowser({ viewport, locale });
  await session.context.addInitScript(
    ({ entry, chosen }) => {
      localStorage.setItem('common-ground.boards', JSON.stringify([entry]));
      localStorage.setItem('common-ground.locale', chosen);
    },
    { entry: { ...board, title: 'Runder Tisch Südstadt', role, name }, chosen: locale },
  );
  return session;
}

const direction = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => getComputedStyle(el).direction);

/** The x-centre of a column on screen. */
const columnX = (page: Page, stage: string) =>
  page
    .getByTestId(`column-${stage}`)
    .evaluate((el) => el.getBoundingClientRect().left + el.getBoundingClientRect().width / 2);

describe('Arabic and Persian: right to left everywhere', () => {
  let server: TestServer;
  let board: SeededBoard;
  let doc: BoardClient;
  let laptop: BrowserSession;
  let phone: BrowserSession;
  let persianPhone: BrowserSession;
  let projector: BrowserSession;
  let focusedId: string;

  beforeAll(async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    server = await startTestServer();
    board = await seedBoard(server.url);
    const { boardId, facilitator } = board;
    doc = connectBoard(server.url, boardId, facilitator.token);
    await doc.synced;
    const add = (title: string, description: string) =>
      proposeGoal(doc.doc, { title, description, createdBy: facilitator.participantId, now: Date.now() });
    focusedId = add(FOCUSED, 'Neue Geräte, mehr Schatten und eine Bank für Eltern.');
    add(ARABIC_TITLE, 'مساحة خضراء يعتني بها السكان معًا.');
    setGoalStage(doc.doc, add(MOVED, ''), 'discussing');
    setGoalStage(doc.doc, add(STAYS, ''), 'discussing');
    setGoalStage(doc.doc, focusedId, 'ready');
    setGoalLead(doc.doc, focusedId, board.partnerA.partnerId);
    // The server has the lead and the stage before the round freezes the wording and the structure.
    await serverSees(
      server.server,
      boardId,
      (room) => readGoalStructure(room, focusedId).leadPartnerId !== null,
    );
    const api = roundsApi(server.url);
    roundOf(await api.open(boardId, facilitator.token, { goalId: focusedId, visibility: 'open' }), 201);
    const focused = await apiOf(server.url).request('PUT', `/api/boards/${boardId}/facilitation`, {
      body: { focus: focusedId },
      token: facilitator.token,
    });
    expect(focused.status).toBe(200);

    const facilitatorEntry = { boardId, ...facilitator };
    laptop = await device(
      { width: 1280, height: 800 },
      'ar',
      facilitatorEntry,
      'facilitator',
      'Maria Schulz',
    );
    projector = await device(
      { width: 1920, height: 1080 },
      'ar',
      facilitatorEntry,
      'facilitator',
      'Maria Schulz',
    );
    const { partnerA, partnerB } = board;
    phone = await device({ width: 360, height: 640 }, 'ar', partnerA, 'partner', 'Ayşe');
    persianPhone = await device({ width: 360, height: 640 }, 'fa', partnerB, 'partner', 'Bernd');
  });

  afterAll(async () => {
    doc?.destroy();
    for (const session of [laptop, phone, persianPhone, projector]) await session?.close();
    await server?.close();
  });

  it('mirrors the board at 1280×800: columns from the right, user content in its own direction', async () => {
    const page = laptop.page;
    await page.goto(`${server.url}/b/${board.boardId}`);
    await page.getByTestId('column-proposed').getByText(ARABIC_TITLE).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'ar',
      'rtl',
    ]);
    expect(await direction(page, 'html')).toBe('rtl');
    expect(await direction(page, '.board-page')).toBe('rtl');
    expect(await direction(page, '[data-testid=column-proposed]')).toBe('rtl');
    // The process reads from the right: the first stage is the rightmost column.
    expect(await columnX(page, 'proposed')).toBeGreaterThan(await columnX(page, 'discussing'));
    // A German title keeps left-to-right inside the Arabic board, an Arabic one right-to-left.
    const open = (title: string) =>
      page.getByTestId('goal-card').filter({ hasText: title }).getByTestId('goal-open');
    expect(await open(FOCUSED).evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    expect(await open(ARABIC_TITLE).evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(RESULTS, 'rtl-board-ar-1280x800.png') });
  });

  it('moves a card with the arrow keys to the column visually on that side', async () => {
    const page = laptop.page;
    const pickUp = async (title: string, key: 'ArrowRight' | 'ArrowLeft', target: string) => {
      const handle = page.getByTestId('goal-card').filter({ hasText: title }).getByTestId('drag-handle');
      await handle.focus();
      await page.keyboard.press('Space');
      await page.locator('[data-testid=drag-handle][aria-pressed=true]').waitFor();
      // dnd-kit measures the dragged card in an effect after the drag starts; an arrow before that is ignored.
      const marked = page
        .getByTestId(`column-${target}`)
        .locator('.goal-item.drop-before, .goal-item.drop-after');
      for (let attempt = 0; attempt < 3 && (await marked.count()) === 0; attempt++) {
        await page.keyboard.press(key);
        await marked.waitFor({ timeout: 2000 }).catch(() => {});
      }
      expect(await marked.count()).toBe(1);
      await page.keyboard.press('Space');
    };
    const titles = (stage: 'proposed' | 'discussing') =>
      readGoalsInStage(doc.doc, stage).map((goal) => goal.title);

    // "Proposed" lies to the right of "discussing" in Arabic: ArrowRight takes the card back a stage.
    await pickUp(MOVED, 'ArrowRight', 'proposed');
    await expect.poll(() => titles('proposed')).toContain(MOVED);
    await page.getByTestId('column-proposed').getByText(MOVED).waitFor();
    // And ArrowLeft forward again, to the column on the left.
    await pickUp(MOVED, 'ArrowLeft', 'discussing');
    await expect.poll(() => titles('discussing')).toContain(MOVED);
    await page.getByTestId('column-discussing').getByText(MOVED).waitFor();
    expect(laptop.errors).toEqual([]);
  });

  it('fits the Arabic board into 360×640 without anything sticking out sideways', async () => {
    const page = laptop.page;
    await page.setViewportSize({ width: 360, height: 640 });
    await page.getByTestId('column-proposed').getByText(ARABIC_TITLE).waitFor();
    expect(await direction(page, '[data-testid=column-proposed]')).toBe('rtl');
    expect(await sideOverflow(page)).toEqual([]);
    await page.screenshot({ path: path.join(RESULTS, 'rtl-board-ar-360x640.png') });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('takes a stance on an Arabic phone at 360×640', async () => {
    const page = phone.page;
    await page.goto(`${server.url}/b/${board.boardId}`);
    const focus = page.getByTestId('phone-focus');
    await focus.getByRole('heading', { name: FOCUSED }).waitFor();
    expect(await direction(page, 'html')).toBe('rtl');
    expect(await focus.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(await focus.getByTestId('frozen-wording').evaluate((el) => getComputedStyle(el).direction)).toBe(
      'rtl',
    );
    // The German wording inside it runs left to right.
    expect(await focus.locator('.frozen-title').evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    await focus.getByTestId('stance-agree').click();
    await focus.getByTestId('stance-reason').fill('نوافق، بشرط إشراك الأطفال في التخطيط.');
    expect(await focus.getByTestId('stance-reason').evaluate((el) => getComputedStyle(el).direction)).toBe(
      'rtl',
    );
    await focus.getByTestId('stance-submit').click();
    await focus.getByTestId('current-stance').waitFor();
    expect(await sideOverflow(page)).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await focus.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(RESULTS, 'rtl-phone-ar-360x640.png') });
    expect(phone.errors).toEqual([]);
  });

  it('shows the phone view in Persian right to left as well', async () => {
    const page = persianPhone.page;
    await page.goto(`${server.url}/b/${board.boardId}`);
    const focus = page.getByTestId('phone-focus');
    await focus.getByRole('heading', { name: FOCUSED }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'fa',
      'rtl',
    ]);
    expect(await focus.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    await focus.getByTestId('stance-agree').click();
    await focus.getByTestId('stance-submit').click();
    await focus.getByTestId('current-stance').waitFor();
    expect(await sideOverflow(page)).toEqual([]);
    await page.screenshot({ path: path.join(RESULTS, 'rtl-phone-fa-360x640.png') });
  });

  it('mirrors the projector at 1920×1080', async () => {
    const page = projector.page;
    await page.goto(`${server.url}/b/${board.boardId}/present`);
    const cells = page.getByTestId('present-grid-cell');
    await expect.poll(() => cells.count()).toBe(2);
    await expect.poll(() => page.locator('.present-grid-stance').count()).toBe(2);
    expect(await direction(page, '[data-testid=present]')).toBe('rtl');
    expect(await direction(page, '[data-testid=present-focus]')).toBe('rtl');
    // Organisation names are user content: each keeps its own direction in the grid.
    const name = cells.filter({ hasText: ORGANISATION }).locator('.present-grid-partner');
    expect(await name.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    const overflow = await page.evaluate(() => ({
      x: document.documentElement.scrollWidth - window.innerWidth,
      y: document.documentElement.scrollHeight - window.innerHeight,
    }));
    expect(overflow).toEqual({ x: 0, y: 0 });
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(RESULTS, 'rtl-projector-ar-1920x1080.png') });
    expect(projector.errors).toEqual([]);
  });

  it('isolates a German organisation name inside an Arabic sentence', async () => {
    const api = roundsApi(server.url);
    const listed = RoundsResponse.parse((await api.list(board.boardId, board.facilitator.token)).body);
    const round = listed.rounds.find(
      (candidate) => candidate.goalId === focusedId && candidate.status === 'open',
    );
    if (!round) throw new Error('no open round on the focused goal');
    roundOf(await api.close(board.boardId, round.id, board.facilitator.token), 200);
    const page = laptop.page;
    const card = page.getByTestId('column-agreed').getByTestId('goal-card').filter({ hasText: FOCUSED });
    const lead = card.locator('p', { hasText: ORGANISATION });
    await lead.waitFor();
    // "الجهة المسؤولة: ⁨Mieterverein Südstadt⁩": the name in first-strong isolates, the colon stays Arabic.
    expect(await lead.textContent()).toContain(`${FSI}${ORGANISATION}${PDI}`);
  });

  it('prints the agreement right to left', async () => {
    const page = laptop.page;
    await page.goto(`${server.url}/b/${board.boardId}/agreement`);
    await page.getByTestId('agreement-goal').getByText(FOCUSED).waitFor();
    await page.emulateMedia({ media: 'print' });
    const layout = await page.getByTestId('agreement-title').evaluate((heading) => {
      const range = document.createRange();
      range.selectNodeContents(heading);
      const text = range.getBoundingClientRect();
      const box = heading.getBoundingClientRect();
      return {
        direction: getComputedStyle(heading).direction,
        // Right-aligned: the text ends at the heading's right edge and leaves room on its left.
        gapRight: Math.round(box.right - text.right),
        gapLeft: Math.round(text.left - box.left),
      };
    });
    expect(layout.direction).toBe('rtl');
    expect(layout.gapRight).toBeLessThanOrEqual(1);
    expect(layout.gapLeft).toBeGreaterThan(0);
    expect(await direction(page, '[data-testid=agreement-page]')).toBe('rtl');
    const pdf = path.join(RESULTS, 'rtl-agreement-ar.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    await promisify(execFile)('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      pdf,
      path.join(RESULTS, 'rtl-agreement-ar'),
    ]);
    await page.emulateMedia({ media: 'screen' });
  });
});
