import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { api, createClientPool, type SeededBoard, seedBoard } from '../helpers/clients';
import { cutText, fontPx } from '../helpers/projector';
import { addGoal, roundOf, roundsApi } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';
import { plainText } from '../helpers/softHyphens';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
const TITLE = 'Spielplatz am Südpark gemeinsam sanieren und dauerhaft pflegen';
const WORDING =
  'Die Kooperationspartner/innen sanieren bis Ende 2027 den Spielplatz am Südpark. Die Stadt übernimmt die ' +
  'Planung und die Ausschreibung, die Wohnungsbaugesellschaft stellt die Fläche hinter Haus 12 dauerhaft zur ' +
  'Verfügung, und die Mieterinitiative organisiert zweimal im Jahr einen Pflegetag mit den Nachbar/innen.';
const OBJECTION =
  'Die Fläche hinter Haus 12 ist für Stellplätze vorgesehen; dauerhaft können wir sie nicht zusagen.';
const CONCERN = 'Zwei Pflegetage im Jahr schaffen wir nur, wenn die Stadt Werkzeug und Container stellt.';

describe('the projector shows the negotiation: whole wording, reasons as the visibility allows, large outcome', () => {
  let server: TestServer;
  let board: SeededBoard;
  let projector: BrowserSession;
  const pool = createClientPool();

  beforeAll(async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    server = await startTestServer();
    board = await seedBoard(server.url);
    projector = await launchBrowser({ viewport: { width: 1920, height: 1080 } });
    await projector.page.addInitScript(
      (remembered) => localStorage.setItem('common-ground.boards', JSON.stringify([remembered])),
      {
        boardId: board.boardId,
        title: 'Runder Tisch Südstadt',
        participantId: board.facilitator.participantId,
        token: board.facilitator.token,
        role: 'facilitator',
        name: 'Maria Schulz',
      },
    );
  });

  afterAll(async () => {
    pool.destroyAll();
    await projector?.close();
    await server?.close();
  });

  const focus = async (goalId: string) => {
    const result = await api(server.url).request('PUT', `/api/boards/${board.boardId}/facilitation`, {
      body: { focus: goalId },
      token: board.facilitator.token,
    });
    expect(result.status).toBe(200);
  };

  /** A round on a new goal, the first partner objecting and the second with concerns, both with their reason. */
  const roundWithReasons = async (title: string, visibility: 'open' | 'anonymous') => {
    const client = pool.connect(server.url, board.boardId, board.facilitator.token);
    const goalId = await addGoal(server.server, board.boardId, client, title, WORDING);
    const rounds = roundsApi(server.url);
    const round = roundOf(
      await rounds.open(board.boardId, board.facilitator.token, { goalId, visibility }),
      201,
    );
    for (const [who, stance, reason] of [
      [board.partnerA, 'object', OBJECTION],
      [board.partnerB, 'concerns', CONCERN],
    ] as const) {
      roundOf(await rounds.stance(board.boardId, round.id, who.token, { stance, reason }), 201);
    }
    await focus(goalId);
    return round.id;
  };

  it('shows the complete wording and every reason with its partner at 1920×1080 and 1280×720, then the outcome', async () => {
    const page = projector.page;
    const roundId = await roundWithReasons(TITLE, 'open');
    await page.goto(`${server.url}/b/${board.boardId}/present`);
    const body = page.getByTestId('present-focus-body');
    await body.getByText(OBJECTION).waitFor();
    await body.getByText(CONCERN).waitFor();
    await expect.poll(() => plainText(page.getByTestId('present-wording'))).toBe(WORDING);
    const cells = page.getByTestId('present-grid-cell');
    await expect
      .poll(() => cells.filter({ hasText: 'Mieterverein Südstadt' }).textContent())
      .toContain(OBJECTION);
    expect(await cells.filter({ hasText: 'Wohnbau GmbH' }).textContent()).toContain(CONCERN);
    await page.getByTestId('present-join-url').waitFor();

    for (const size of [
      { width: 1920, height: 1080 },
      { width: 1280, height: 720 },
    ]) {
      await page.setViewportSize(size);
      await expect.poll(() => cutText(page)).toEqual([]);
      expect(await fontPx(page, 'present-wording')).toBeGreaterThanOrEqual(28);
      expect(await fontPx(page, 'present-reason-text')).toBeGreaterThanOrEqual(28);
      expect(await fontPx(page, 'present-join-url')).toBeGreaterThanOrEqual(28);
      await page.screenshot({
        path: path.join(RESULTS, `projector-reasons-${size.width}x${size.height}.png`),
      });
    }
    expect(await seriousA11yViolations(page)).toEqual([]);

    roundOf(await roundsApi(server.url).close(board.boardId, roundId, board.facilitator.token), 200);
    const outcome = page.getByTestId('present-focus').getByTestId('outcome-banner');
    await outcome.getByText(/Einwand in Runde 1/).waitFor();
    for (const size of [
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(size);
      await expect.poll(() => cutText(page)).toEqual([]);
      // The outcome is the largest text but the goal's title: at least one and a fifth of the body text.
      const headline = await outcome
        .locator('.outcome-headline')
        .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
      expect(headline).toBeGreaterThanOrEqual(1.2 * (await fontPx(page, 'present')));
      await page.screenshot({
        path: path.join(RESULTS, `projector-outcome-${size.width}x${size.height}.png`),
      });
    }
    expect(await body.getByText(CONCERN).count()).toBe(1);
    expect(projector.errors).toEqual([]);
  }, 60_000);

  it('shows the reasons of an anonymous round without any partner’s name', async () => {
    const page = projector.page;
    await page.setViewportSize({ width: 1280, height: 720 });
    await roundWithReasons('Nachbarschaftstreff im Erdgeschoss öffnen', 'anonymous');
    const reasons = page.getByTestId('present-reason');
    await expect.poll(() => reasons.count()).toBe(2);
    // The objection first, whoever gave it: the order is neutral.
    expect(await reasons.nth(0).textContent()).toContain(OBJECTION);
    expect(await reasons.nth(1).textContent()).toContain(CONCERN);
    const shown = await plainText(page.getByTestId('present-focus'));
    for (const name of ['Mieterverein Südstadt', 'Wohnbau GmbH', 'Ayşe', 'Bernd'])
      expect(shown).not.toContain(name);
    expect(await page.getByTestId('present-grid').count()).toBe(0);
    await expect.poll(() => cutText(page)).toEqual([]);
    await page.screenshot({ path: path.join(RESULTS, 'projector-anonymous-1280x720.png') });
    expect(projector.errors).toEqual([]);
  }, 60_000);

  it('lets a wording too long for the screen scroll and says so, instead of cutting it', async () => {
    const page = projector.page;
    await page.setViewportSize({ width: 1280, height: 720 });
    const long = Array.from({ length: 6 }, () => WORDING).join('\n');
    const client = pool.connect(server.url, board.boardId, board.facilitator.token);
    const goalId = await addGoal(server.server, board.boardId, client, 'Sehr langer Wortlaut', long);
    await focus(goalId);
    await page.getByTestId('present-focus').getByText('Sehr langer Wortlaut').waitFor();
    await page.getByTestId('present-continues').waitFor();
    const body = page.getByTestId('present-focus-body');
    expect(await body.getAttribute('data-overflowing')).toBe('true');
    expect(await plainText(page.getByTestId('present-wording'))).toBe(long);
    expect(await fontPx(page, 'present-wording')).toBeGreaterThanOrEqual(28);
    // Scrolled to its end, the last line is on the screen and the hint has done its job.
    await body.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect.poll(() => page.getByTestId('present-continues').count()).toBe(0);
    expect(projector.errors).toEqual([]);
  }, 60_000);
});
