import { goalText, readGoals } from '@common-ground/shared/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser } from '../helpers/browser';
import { createBoard, proposeGoal, statusLocator } from '../helpers/browserFlows';
import { createClientPool } from '../helpers/clients';
import {
  appendToDescription,
  rememberedBoard,
  serviceWorkerControls,
  storedBoardDoc,
} from '../helpers/offlineBrowser';
import { serverSees } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

// Needs the built client (service worker included): `npm run test:browser` builds first.
const GOAL = 'Bänke am Spielplatz';

describe('offline-first in the browser: a local copy, an app shell from the service worker', () => {
  let server: TestServer;
  let browser: BrowserSession;
  const pool = createClientPool();

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    pool.destroyAll();
    await browser?.close();
    await server?.close();
  });

  it('edits offline, keeps the edit over a reload without network, and sends it when back', async () => {
    const page = browser.page;
    await createBoard(page, server.url, 'Stadtteilkonferenz Nord');
    await serviceWorkerControls(page);
    await proposeGoal(page, GOAL, 'Drei Bänke im Schatten.');
    await statusLocator(page, '[data-status=live][data-pending=false]').waitFor();
    const { boardId, token } = await rememberedBoard(page);

    await browser.context.setOffline(true);
    await statusLocator(page, '[data-status=offline]').waitFor({ timeout: 40_000 });
    await appendToDescription(page, GOAL, ' Mit Lehne.');
    await statusLocator(page, '[data-status=offline][data-pending=true]').waitFor();
    expect(await statusLocator(page, '').textContent()).toMatch(
      /Offline – \d+ Änderungen noch nicht gesendet/,
    );

    // Reloading without network: the service worker serves the app, IndexedDB the board with the edit (once its
    // asynchronous writes have landed).
    await expect
      .poll(async () => {
        const stored = await storedBoardDoc(page, boardId);
        return readGoals(stored).find((goal) => goal.title === GOAL)?.description;
      })
      .toBe('Drei Bänke im Schatten. Mit Lehne.');
    await page.reload();
    const card = page.getByTestId('goal-card').filter({ hasText: GOAL });
    await card.getByText('Drei Bänke im Schatten. Mit Lehne.').waitFor();
    await statusLocator(page, '[data-status=offline][data-pending=true]').waitFor({ timeout: 20_000 });
    const unsentAfterReload = Number(await statusLocator(page, '').getAttribute('data-unsent'));
    expect(unsentAfterReload).toBeGreaterThan(0);

    await browser.context.setOffline(false);
    await statusLocator(page, '[data-status=live][data-pending=false]').waitFor({ timeout: 30_000 });
    expect(await statusLocator(page, '').textContent()).toBe('Live – Alle Änderungen gesendet');

    // "Sent" means stored: the server has it, and so does another client that connects now.
    await serverSees(server.server, boardId, (doc) =>
      readGoals(doc).some((goal) => goal.description === 'Drei Bänke im Schatten. Mit Lehne.'),
    );
    const other = pool.connect(server.url, boardId, token);
    await other.synced;
    const goalId = readGoals(other.doc).find((goal) => goal.title === GOAL)?.id ?? '';
    expect(goalText(other.doc, goalId, 'description')?.toString()).toBe('Drei Bänke im Schatten. Mit Lehne.');
    expect(
      browser.errors.filter((e) => !/WebSocket|ERR_INTERNET_DISCONNECTED|Failed to load/.test(e)),
    ).toEqual([]);
  });

  it('opens the app shell and a remembered board from the service worker with no network at all', async () => {
    const page = await browser.context.newPage();
    try {
      await browser.context.setOffline(true);
      await page.goto(`${server.url}/`);
      await page.getByTestId('landing').waitFor();
      await page.getByTestId('remembered-boards').getByText('Stadtteilkonferenz Nord').waitFor();
      await page.getByTestId('remembered-boards').getByRole('link', { name: 'Öffnen' }).click();
      await page.getByTestId('goal-card').filter({ hasText: GOAL }).waitFor();
      await waitFor(async () => (await statusLocator(page, '').getAttribute('data-status')) === 'offline', {
        timeout: 20_000,
        message: 'the board to say it is offline',
      });
    } finally {
      await browser.context.setOffline(false);
      await page.close();
    }
  });
});
