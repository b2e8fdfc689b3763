import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser } from '../helpers/browser';
import { proposeGoal } from '../helpers/browserFlows';
import { type SeededBoard, seedBoard } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
const TITLE = 'Spielplatz sanieren';
const card = (page: Page) =>
  page.getByTestId('column-proposed').getByTestId('goal-open').filter({ hasText: TITLE });

describe('withdrawing and restoring a goal', () => {
  let server: TestServer;
  let seeded: SeededBoard;
  let ayse: BrowserSession;
  let maria: BrowserSession;

  const open = async (
    session: BrowserSession,
    person: { participantId: string; token: string },
    role: 'partner' | 'facilitator',
    name: string,
  ) => {
    await session.context.addInitScript(
      (entry) => localStorage.setItem('common-ground.boards', JSON.stringify([entry])),
      { boardId: seeded.boardId, ...person, title: 'Runder Tisch', role, name },
    );
    await session.page.goto(`${server.url}/b/${seeded.boardId}`);
    await session.page.locator('[data-testid=connection-status][data-status=live]').waitFor();
  };

  beforeAll(async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    server = await startTestServer();
    seeded = await seedBoard(server.url);
    [ayse, maria] = await Promise.all([launchBrowser(), launchBrowser()]);
    await open(ayse, seeded.partnerA, 'partner', 'Ayşe');
    await open(maria, seeded.facilitator, 'facilitator', 'Maria');
  });

  afterAll(async () => {
    await ayse?.close();
    await maria?.close();
    await server?.close();
  });

  it('the proposer withdraws, the other screen lists it apart, the facilitator restores it', async () => {
    await proposeGoal(ayse.page, TITLE);
    await card(maria.page).waitFor();
    // The server records Ayşe as the proposer: her dialog then offers "Ziel zurückziehen".
    await card(ayse.page).click();
    const withdraw = ayse.page.getByTestId('goal-withdraw');
    await withdraw.click();
    // One button that turns into "Wiederherstellen": keyboard focus stays on it.
    await ayse.page.getByTestId('goal-restore').waitFor();
    expect(await ayse.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'goal-restore',
    );
    await ayse.page.keyboard.press('Escape');

    for (const page of [ayse.page, maria.page]) {
      await card(page).waitFor({ state: 'detached' });
      await page.getByTestId('withdrawn-toggle').click();
      await expect
        .poll(() => page.getByTestId('withdrawn-goal').allTextContents())
        .toEqual([expect.stringContaining(TITLE)]);
    }
    await maria.page.screenshot({ path: path.join(RESULTS, 'withdrawn-list.png') });
    await ayse.page.setViewportSize({ width: 360, height: 640 });
    await ayse.page.getByTestId('withdrawn-goals').scrollIntoViewIfNeeded();
    await ayse.page.screenshot({ path: path.join(RESULTS, 'withdrawn-list-phone.png') });
    expect(await maria.page.getByTestId('withdrawn-goal').textContent()).toContain('Ayşe');

    await maria.page.getByTestId('withdrawn-restore').click();
    for (const page of [maria.page, ayse.page]) {
      await card(page).waitFor();
      await expect.poll(() => page.getByTestId('withdrawn-goal').count()).toBe(0);
    }
    // The restored entry left the list: focus is on the list's toggle, not lost to the page.
    expect(await maria.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'withdrawn-toggle',
    );
  });
});
