import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser } from '../helpers/browser';
import { api, createClientPool } from '../helpers/clients';
import { addGoal } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';
import { plainTexts } from '../helpers/softHyphens';

// Needs the built client (its manifest and compressed copies): `npm run test:browser` builds first.
const GOALS = ['Spielplatz sanieren', 'Mehr Bänke am Platz', 'Sprachcafé im Stadtteilladen'];

describe('opening a board link on a device that never had it', () => {
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

  it('draws the board once, with its goals; its code came preloaded and compressed', async () => {
    const board = await api(server.url).createBoard('Stadtteilkonferenz Ost', 'Maria Schulz');
    const writer = pool.connect(server.url, board.boardId, board.token);
    for (const title of GOALS) await addGoal(server.server, board.boardId, writer, title, `${title}.`);
    pool.destroyAll();

    const page = browser.page;
    await page.addInitScript(
      (remembered) => {
        localStorage.setItem('common-ground.boards', JSON.stringify([remembered]));
        // Records whether the board was ever in the DOM without its goals ("no goals yet" in every column).
        const seen = window as unknown as { boardWithoutGoals: boolean };
        seen.boardWithoutGoals = false;
        new MutationObserver(() => {
          if (
            document.querySelector('[data-testid=board]') &&
            !document.querySelector('[data-testid=goal-card]')
          )
            seen.boardWithoutGoals = true;
        }).observe(document, { childList: true, subtree: true });
      },
      {
        boardId: board.boardId,
        title: 'Stadtteilkonferenz Ost',
        participantId: board.participantId,
        token: board.token,
        role: 'facilitator',
        name: 'Maria Schulz',
      },
    );
    await page.goto(`${server.url}/b/${board.boardId}`);
    await page.locator('[data-testid=connection-status][data-status=live]').waitFor();
    expect(await plainTexts(page.getByTestId('goal-card'))).toEqual(
      expect.arrayContaining(GOALS.map((title) => expect.stringContaining(title))),
    );
    expect(
      await page.evaluate(() => (window as unknown as { boardWithoutGoals: boolean }).boardWithoutGoals),
    ).toBe(false);

    // The server put the board's chunks into the HTML, and the browser got the main bundle compressed.
    const preloaded = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel=modulepreload]'), (link) => link.href),
    );
    expect(preloaded).toEqual(
      expect.arrayContaining([expect.stringMatching(/\/assets\/BoardPage-[\w-]+\.js$/)]),
    );
    const mainBundle = await page.evaluate(() => {
      const entry = performance
        .getEntriesByType('resource')
        .find((e) => /\/assets\/index-[\w-]+\.js$/.test(e.name)) as PerformanceResourceTiming | undefined;
      return entry ? { encoded: entry.encodedBodySize, decoded: entry.decodedBodySize } : null;
    });
    expect(mainBundle?.encoded).toBeGreaterThan(0);
    expect(mainBundle?.encoded).toBeLessThan((mainBundle?.decoded ?? 0) / 2);
    expect(browser.errors).toEqual([]);
  });
});
