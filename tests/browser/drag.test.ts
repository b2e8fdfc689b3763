import fs from 'node:fs/promises';
import path from 'node:path';
import { proposeGoal, readGoalsInStage, type Stage, setGoalStage } from '@common-ground/shared/schema';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser } from '../helpers/browser';
import { api, type BoardClient, connectBoard } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';
import { plainText, plainTexts } from '../helpers/softHyphens';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
const GOALS: [string, Stage][] = [
  ['Spielplatz sanieren', 'proposed'],
  ['Radweg beleuchten', 'proposed'],
  ['Nachbarschaftscafé', 'discussing'],
  ['Mietersprechstunde', 'discussing'],
  ['Hoffest im Sommer', 'discussing'],
];

const titlesIn = (page: Page, stage: Stage) =>
  plainTexts(page.getByTestId(`column-${stage}`).getByTestId('goal-open'));

async function centre(locator: Locator): Promise<{ x: number; y: number; height: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2, height: box.height };
}

/** Drags by the handle to `to` in small steps, as a hand on a mouse does. */
async function dragTo(
  page: Page,
  handle: Locator,
  to: () => Promise<{ x: number; y: number }>,
  beforeDrop: () => Promise<void> = async () => {},
): Promise<void> {
  // The columns start below the fold: mid-viewport, so dnd-kit's edge auto-scroll stays out of it.
  await handle.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  const from = await centre(handle);
  const target = await to();
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const steps = 20;
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(
      from.x + ((target.x - from.x) * i) / steps,
      from.y + ((target.y - from.y) * i) / steps,
    );
  }
  await beforeDrop();
  await page.mouse.up();
}

describe('board in the browser: moving a goal with the mouse', () => {
  let server: TestServer;
  let browser: BrowserSession;
  let other: BoardClient;

  beforeAll(async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    server = await startTestServer();
    browser = await launchBrowser({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
    const board = await api(server.url).createBoard();
    other = connectBoard(server.url, board.boardId, board.token);
    await other.synced;
    for (const [title, stage] of GOALS) {
      const id = proposeGoal(other.doc, {
        title,
        description: '',
        createdBy: board.participantId,
        now: Date.now(),
      });
      if (stage !== 'proposed') setGoalStage(other.doc, id, stage);
    }
    // The device remembers the board as its facilitator, as the landing page stores it after creating one.
    await browser.context.addInitScript(
      (entry) => {
        localStorage.setItem('common-ground.boards', JSON.stringify([entry]));
      },
      {
        boardId: board.boardId,
        title: 'Runder Tisch',
        participantId: board.participantId,
        token: board.token,
        role: 'facilitator',
        name: 'Maria Schulz',
      },
    );
    await browser.page.goto(`${server.url}/b/${board.boardId}`);
    await browser.page.getByTestId('column-discussing').getByText('Hoffest im Sommer').waitFor();
  });

  afterAll(async () => {
    other?.destroy();
    await browser?.close();
    await server?.close();
  });

  it('drops a card onto the lower half of another card in a different column: it lands just below it', async () => {
    const page = browser.page;
    const card = page.getByTestId('column-proposed').getByTestId('goal-card').filter({ hasText: 'Radweg' });
    const target = page.getByTestId('column-discussing').getByTestId('goal-card').nth(1);
    await dragTo(
      page,
      card.getByTestId('drag-handle'),
      async () => {
        const below = await centre(target);
        return { x: below.x, y: below.y + below.height / 4 };
      },
      async () => {
        // While dragging: the card stays dimmed in place, and a bar shows where it will land (above the third).
        await page.locator('.goal-card.is-placeholder').filter({ hasText: 'Radweg' }).waitFor();
        const marked = page.getByTestId('column-discussing').locator('.goal-item.drop-before');
        await expect.poll(() => marked.count()).toBe(1);
        expect(await plainText(marked)).toContain('Hoffest im Sommer');
        await page.screenshot({ path: path.join(RESULTS, 'drag-1280x800.png') });
      },
    );

    await expect
      .poll(() => titlesIn(page, 'discussing'))
      .toEqual(['Nachbarschaftscafé', 'Mietersprechstunde', 'Radweg beleuchten', 'Hoffest im Sommer']);
    expect(await titlesIn(page, 'proposed')).toEqual(['Spielplatz sanieren']);
    // The other client sees the same order.
    await expect
      .poll(() => readGoalsInStage(other.doc, 'discussing').map((goal) => goal.title))
      .toEqual(['Nachbarschaftscafé', 'Mietersprechstunde', 'Radweg beleuchten', 'Hoffest im Sommer']);
  });

  it('moves a card down within its column with the keyboard, announcing each position', async () => {
    const page = browser.page;
    const column = page.getByTestId('column-discussing');
    const handle = column.getByTestId('goal-card').first().getByTestId('drag-handle');
    await handle.focus();
    await page.keyboard.press('Space');
    await page.locator('[data-testid=drag-handle][aria-pressed=true]').waitFor();
    // dnd-kit measures the dragged card in an effect after the drag starts; an arrow before that is ignored, so
    // it is pressed again only while no slot is marked (it never skips one).
    const marked = column.locator('.goal-item.drop-before');
    for (let attempt = 0; attempt < 3 && (await marked.count()) === 0; attempt++) {
      await page.keyboard.press('ArrowDown');
      await marked.waitFor({ timeout: 2000 }).catch(() => {});
    }
    expect(await plainText(marked)).toContain('Radweg beleuchten');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => plainText(marked)).toContain('Hoffest im Sommer');
    await expect
      .poll(() => page.locator('[role=status][aria-live]').allTextContents())
      .toContainEqual(expect.stringContaining('Position 3 von 4'));
    await page.keyboard.press('Space');

    const order = ['Mietersprechstunde', 'Radweg beleuchten', 'Nachbarschaftscafé', 'Hoffest im Sommer'];
    await expect.poll(() => titlesIn(page, 'discussing')).toEqual(order);
    await expect
      .poll(() => readGoalsInStage(other.doc, 'discussing').map((goal) => goal.title))
      .toEqual(order);
  });

  it('drops a card into an empty column', async () => {
    const page = browser.page;
    const card = page.getByTestId('column-proposed').getByTestId('goal-card').first();
    await dragTo(page, card.getByTestId('drag-handle'), () => centre(page.getByTestId('column-ready')));

    await expect.poll(() => titlesIn(page, 'ready')).toEqual(['Spielplatz sanieren']);
    await expect.poll(() => page.getByTestId('column-proposed').getByTestId('goal-card').count()).toBe(0);
    await expect
      .poll(() => readGoalsInStage(other.doc, 'ready').map((goal) => goal.title))
      .toEqual(['Spielplatz sanieren']);
    expect(browser.errors).toEqual([]);
  });
});
