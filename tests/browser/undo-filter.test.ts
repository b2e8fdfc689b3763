import fs from 'node:fs/promises';
import path from 'node:path';
import { proposeGoal, type Stage } from '@common-ground/shared/schema';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser } from '../helpers/browser';
import { connectBoard, type SeededBoard, seedBoard } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';
import { plainTexts } from '../helpers/softHyphens';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
const titlesIn = (page: Page, stage: Stage) =>
  plainTexts(page.getByTestId(`column-${stage}`).getByTestId('goal-open'));
const allTitles = async (page: Page) =>
  (await plainTexts(page.getByTestId('board').getByTestId('goal-open'))).sort();

/** Moves a goal to another stage through its dialog ("Verschieben nach…"), then closes the dialog. */
async function moveInDialog(page: Page, title: string, stage: Stage): Promise<void> {
  await page.getByTestId('goal-open').filter({ hasText: title }).click();
  await page.getByTestId('goal-stage-select').selectOption(stage);
  await page.keyboard.press('Escape');
  await page.getByTestId('goal-stage-select').waitFor({ state: 'detached' });
}

describe('undo of one’s own moves, and the filter', () => {
  let server: TestServer;
  let seeded: SeededBoard;
  let ayse: BrowserSession;
  let bernd: BrowserSession;

  const open = async (session: BrowserSession, person: SeededBoard['partnerA'], name: string) => {
    await session.context.addInitScript(
      (entry) => localStorage.setItem('common-ground.boards', JSON.stringify([entry])),
      { ...person, title: 'Runder Tisch', role: 'partner', name },
    );
    await session.page.goto(`${server.url}/b/${seeded.boardId}`);
    await session.page.getByTestId('column-proposed').getByText('Mietersprechstunde').waitFor();
  };

  beforeAll(async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    server = await startTestServer();
    seeded = await seedBoard(server.url);
    // Each partner proposes goals from their own device, so the record knows whose organisation proposed which.
    const propose = async (person: SeededBoard['partnerA'], titles: string[]) => {
      const client = connectBoard(server.url, seeded.boardId, person.token);
      await client.synced;
      for (const title of titles) {
        proposeGoal(client.doc, { title, description: '', createdBy: person.participantId, now: Date.now() });
      }
      return client;
    };
    const clients = [
      await propose(seeded.partnerA, ['Spielplatz sanieren', 'Radweg beleuchten']),
      await propose(seeded.partnerB, ['Mietersprechstunde']),
    ];
    [ayse, bernd] = await Promise.all([launchBrowser(), launchBrowser()]);
    await open(ayse, seeded.partnerA, 'Ayşe');
    await open(bernd, seeded.partnerB, 'Bernd');
    for (const client of clients) client.destroy();
  });

  afterAll(async () => {
    await ayse?.close();
    await bernd?.close();
    await server?.close();
  });

  it('takes back only the own move, on both screens', async () => {
    const undo = ayse.page.getByTestId('undo');
    expect(await undo.getAttribute('aria-disabled')).toBe('true');
    await moveInDialog(ayse.page, 'Spielplatz sanieren', 'discussing');
    await moveInDialog(bernd.page, 'Mietersprechstunde', 'parked');
    for (const page of [ayse.page, bernd.page]) {
      await expect.poll(() => titlesIn(page, 'parked')).toEqual(['Mietersprechstunde']);
      await expect.poll(() => titlesIn(page, 'discussing')).toEqual(['Spielplatz sanieren']);
    }

    expect(await undo.getAttribute('aria-disabled')).toBe('false');
    await undo.click();
    await expect.poll(() => ayse.page.getByTestId('undo-status').textContent()).toContain('rückgängig');
    // Focus stays on the button although there is nothing more to undo.
    expect(await undo.getAttribute('aria-disabled')).toBe('true');
    expect(await ayse.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('undo');
    for (const page of [ayse.page, bernd.page]) {
      await expect.poll(() => titlesIn(page, 'discussing')).toEqual([]);
      await expect.poll(() => titlesIn(page, 'parked')).toEqual(['Mietersprechstunde']);
    }

    // Ctrl+Z outside a text field redoes with Shift.
    await ayse.page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => titlesIn(bernd.page, 'discussing')).toEqual(['Spielplatz sanieren']);
  });

  it('filters by text and by organisation at 1280×800 and on a phone', async () => {
    const page = ayse.page;
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 360, height: 640 },
    ]) {
      await page.setViewportSize(viewport);
      // The fields fold away behind the toolbar's "Filter" button, so the goals stay on the first screen.
      expect(await page.getByTestId('filter-text').isVisible()).toBe(false);
      await page.getByTestId('filter-toggle').click();
      await page.getByTestId('filter-text').fill('radweg');
      await expect.poll(() => allTitles(page)).toEqual(['Radweg beleuchten']);
      expect(await page.getByTestId('filter-summary').textContent()).toContain('2 von 3 Zielen ausgeblendet');
      // Dragging pauses while filtered: positions count every goal.
      expect(await page.getByTestId('drag-handle').count()).toBe(0);

      await page.screenshot({
        path: path.join(RESULTS, `filter-${viewport.width}x${viewport.height}.png`),
        fullPage: viewport.width < 640,
      });
      await page.getByTestId('filter-text').fill('');
      await page.getByTestId('filter-partner').selectOption({ label: 'Wohnbau GmbH' });
      await expect.poll(() => allTitles(page)).toEqual(['Mietersprechstunde']);
      await page.getByTestId('filter-partner').selectOption({ label: 'Mieterverein Südstadt' });
      await expect.poll(() => allTitles(page)).toEqual(['Radweg beleuchten', 'Spielplatz sanieren']);

      await page.getByTestId('filter-clear').click();
      await expect.poll(() => allTitles(page)).toHaveLength(3);
      expect(await page.getByTestId('filter-summary').isVisible()).toBe(false);
      await page.getByTestId('filter-toggle').click();
    }
    expect(ayse.errors).toEqual([]);
  });
});
