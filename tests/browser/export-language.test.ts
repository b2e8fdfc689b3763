import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser } from '../helpers/browser';
import { createBoard } from '../helpers/browserFlows';
import { api, createClientPool } from '../helpers/clients';
import { addGoal, roundOf, roundsApi } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run build` first.
describe('Markdown downloads in the reader’s language', () => {
  let server: TestServer;
  let browser: BrowserSession;
  const pool = createClientPool();

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser({ viewport: { width: 1280, height: 800 }, locale: 'tr-TR' });
  });

  afterAll(async () => {
    pool.destroyAll();
    await browser?.close();
    await server?.close();
  });

  it('fetches the agreement and the process report in the language the UI shows', async () => {
    const page = browser.page;
    await createBoard(page, server.url, 'Runder Tisch Südstadt', 'Maria Schulz');
    const [remembered] = JSON.parse(
      (await page.evaluate(() => localStorage.getItem('common-ground.boards'))) ?? '[]',
    ) as { boardId: string; token: string }[];
    if (!remembered) throw new Error('board not remembered');
    const { boardId, token } = remembered;

    const client = api(server.url);
    const invite = await client.createInvite(boardId, token, { role: 'partner' });
    const housing = await client.join({
      code: invite.code,
      name: 'Bernd Keller',
      partner: { name: 'Wohnbau Süd eG', kind: 'housing' },
    });
    const writer = pool.connect(server.url, boardId, housing.token);
    const goalId = await addGoal(
      server.server,
      boardId,
      writer,
      'Spielplatz am Südpark sanieren',
      'Neue Geräte',
    );
    const rounds = roundsApi(server.url);
    const round = roundOf(await rounds.open(boardId, token, { goalId }), 201);
    roundOf(await rounds.stance(boardId, round.id, housing.token, { stance: 'agree' }), 201);
    roundOf(await rounds.close(boardId, round.id, token), 200);

    /** The file a download link saves (a blob URL the page made from the server's answer). */
    const downloaded = async (testId: string) => {
      const link = page.getByTestId(testId);
      await link.waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      return fs.readFile(await download.path(), 'utf8');
    };

    // A Turkish browser gets the Turkish UI, and its downloads are written in Turkish.
    await page.goto(`${server.url}/b/${boardId}/agreement`);
    expect(await downloaded('markdown-download')).toMatch(/^# İş birliği anlaşması: Runder Tisch Südstadt\n/);
    await page.goto(`${server.url}/b/${boardId}/report`);
    expect(await downloaded('report-markdown')).toMatch(/^# Süreç raporu: Runder Tisch Südstadt\n/);

    // Another language chosen on this device: the download follows it.
    await page.evaluate(() => localStorage.setItem('common-ground.locale', 'ar'));
    await page.goto(`${server.url}/b/${boardId}/agreement`);
    const arabic = await downloaded('markdown-download');
    expect(arabic).toMatch(/^# اتفاقية التعاون: /);
    expect(arabic).toContain('### 1. Spielplatz am Südpark sanieren');
  });
});
