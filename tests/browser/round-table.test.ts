import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { createBoard, joinAsNewPartner } from '../helpers/browserFlows';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
const GOAL = 'Spielplatz am Südpark sanieren';
const OTHER_GOALS = ['Treffpunkt für Jugendliche', 'Mehr Bänke an der Haltestelle', 'Hofflohmarkt im Mai'];
const CONCERN = 'Die Pflege muss geklärt sein.';

async function propose(page: Page, title: string) {
  await page.getByTestId('propose-goal').click();
  await page.getByTestId('propose-title').fill(title);
  await page.getByTestId('propose-description').fill('Gemeinsam geplant mit den Nachbar/innen.');
  await page.getByTestId('propose-submit').click();
  await page
    .getByTestId('column-proposed')
    .getByRole('button', { name: title, exact: false })
    .first()
    .waitFor();
}

const noScroll = (page: Page) =>
  page.evaluate(() => ({
    x: document.documentElement.scrollWidth - window.innerWidth,
    y: document.documentElement.scrollHeight - window.innerHeight,
  }));

describe('round table: projector, facilitator laptop and two phones', () => {
  let server: TestServer;
  let facilitator: BrowserSession;
  let phoneA: BrowserSession;
  let phoneB: BrowserSession;

  beforeAll(async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    server = await startTestServer();
    facilitator = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    phoneA = await launchBrowser({ viewport: { width: 360, height: 640 } });
    phoneB = await launchBrowser({ viewport: { width: 360, height: 640 } });
  });

  afterAll(async () => {
    await facilitator?.close();
    await phoneA?.close();
    await phoneB?.close();
    await server?.close();
  });

  it('focuses a goal, collects stances from phones live on the projector and shows the outcome everywhere', async () => {
    const f = facilitator.page;
    const a = phoneA.page;
    const b = phoneB.page;
    await createBoard(f, server.url, 'Runder Tisch Südstadt 2027', 'Maria Schulz');
    for (const title of [GOAL, ...OTHER_GOALS]) await propose(f, title);
    const boardUrl = f.url();

    // The projector is a second window of the facilitator's laptop (same device, same token).
    const projector = await facilitator.context.newPage();
    await projector.setViewportSize({ width: 1920, height: 1080 });
    await projector.goto(`${boardUrl}/present`);
    const joinUrl = `http://${await projector.getByTestId('present-join-url').textContent()}`;
    expect(joinUrl.startsWith(`${server.url}/join/`)).toBe(true);

    // Two phones join through the projected link.
    await joinAsNewPartner(
      a,
      joinUrl,
      'Ayşe Demir',
      { name: 'Mieterinitiative Südstadt', kind: 'residents' },
      f,
    );
    await joinAsNewPartner(b, joinUrl, 'Jonas Weber', { name: 'Wohnungsbau Süd eG', kind: 'residents' }, f);
    await expect
      .poll(() => projector.locator('[data-testid=present-partner][data-online="1"]').count())
      .toBe(2);

    // The facilitator puts the goal in focus, starts a timebox and opens a round.
    await f.getByTestId('facilitation-panel').locator('summary').click();
    await f.getByTestId('focus-select').selectOption({ label: GOAL });
    await f.getByTestId('timer-start').click();
    await projector.getByTestId('present-focus').getByText(GOAL).waitFor();
    await projector.locator('[data-testid=timer][data-state=running]').waitFor();
    await a.getByTestId('phone-focus').getByText(GOAL).waitFor();
    await f.locator('[data-focused=true]').getByText(GOAL).waitFor();
    const card = f.getByTestId('goal-card').filter({ hasText: GOAL });
    await card.getByTestId('goal-open').click();
    await f.getByTestId('goal-stage-select').selectOption('ready');
    await f.keyboard.press('Escape');
    await card.getByTestId('card-open-round').click();
    const dialog = f.getByTestId('goal-dialog');
    await dialog.getByTestId('visibility-open').check();
    await dialog.getByTestId('open-round-submit').click();
    await dialog.getByTestId('open-round').waitFor();
    await f.keyboard.press('Escape');

    // Both phones answer from the compact view, without opening the board.
    const focusA = a.getByTestId('phone-focus');
    await focusA.getByTestId('stance-agree').click();
    const agreeBox = await focusA.getByTestId('stance-agree').boundingBox();
    expect(agreeBox?.height).toBeGreaterThanOrEqual(44);
    await focusA.getByTestId('stance-submit').click();
    await focusA.getByTestId('current-stance').waitFor();
    const focusB = b.getByTestId('phone-focus');
    await focusB.getByTestId('stance-concerns').click();
    await focusB.getByTestId('stance-reason').fill(CONCERN);
    await focusB.getByTestId('stance-submit').click();
    await focusB.getByTestId('current-stance').waitFor();
    expect((await noScroll(a)).x).toBeLessThanOrEqual(0);
    await focusB.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await b.screenshot({ path: path.join(RESULTS, 'round-table-phone-360x640.png') });

    // The projector's grid shows both, with names (an open round).
    const grid = projector.getByTestId('present-grid');
    await grid.getByText('Zustimmung').waitFor();
    await grid.getByText('Bedenken').waitFor();
    expect(await grid.getByTestId('present-grid-cell').count()).toBe(2);
    expect(await noScroll(projector)).toEqual({ x: 0, y: 0 });
    expect(await seriousA11yViolations(projector)).toEqual([]);
    await projector.screenshot({ path: path.join(RESULTS, 'round-table-projector-1920x1080.png') });
    await projector.setViewportSize({ width: 1280, height: 720 });
    expect(await noScroll(projector)).toEqual({ x: 0, y: 0 });
    const bodySize = await projector.getByTestId('present').evaluate((el) => getComputedStyle(el).fontSize);
    expect(Number.parseFloat(bodySize)).toBeGreaterThanOrEqual(28);
    await projector.screenshot({ path: path.join(RESULTS, 'round-table-projector-1280x720.png') });

    // Closing shows the outcome on all four screens.
    await card.getByTestId('card-show-round').click();
    await dialog.getByTestId('close-round').click();
    await f.getByTestId('close-round-dialog').getByTestId('confirm').click();
    await dialog
      .getByTestId('round-section')
      .getByTestId('outcome-banner')
      .getByText(/Vereinbart/)
      .waitFor();
    await projector
      .getByTestId('present-focus')
      .getByTestId('outcome-banner')
      .getByText(/Vereinbart/)
      .waitFor();
    await a
      .getByTestId('phone-focus')
      .getByTestId('outcome-banner')
      .getByText(/Vereinbart/)
      .waitFor();
    await b
      .getByTestId('phone-focus')
      .getByTestId('outcome-banner')
      .getByText(/Vereinbart/)
      .waitFor();
    await projector.screenshot({ path: path.join(RESULTS, 'round-table-projector-closed-1280x720.png') });

    // Without focus the projector shows the whole board, still without scrolling.
    await f.keyboard.press('Escape');
    await f.getByTestId('focus-select').selectOption('');
    await projector.getByTestId('present-overview').waitFor();
    expect(await noScroll(projector)).toEqual({ x: 0, y: 0 });
    await projector.screenshot({ path: path.join(RESULTS, 'round-table-projector-overview-1280x720.png') });

    for (const session of [facilitator, phoneA, phoneB]) expect(session.errors).toEqual([]);
  }, 180_000);
});
