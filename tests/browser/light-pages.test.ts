import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser } from '../helpers/browser';
import { api } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client (scripts and their source maps): `npm run test:browser` builds first.
const ASSETS = path.resolve(import.meta.dirname, '../../dist/client/assets');
const HEAVY = ['yjs', 'zod', 'lib0', 'diff', 'y-websocket', 'y-protocols', 'y-indexeddb'];

/** The packages, of HEAVY, bundled into a built script (by its source map; the bundler's runtime has none). */
function heavyIn(url: string): string[] {
  const mapFile = path.join(ASSETS, `${path.basename(new URL(url).pathname)}.map`);
  if (!fs.existsSync(mapFile)) return [];
  const sources: string[] = JSON.parse(fs.readFileSync(mapFile, 'utf8')).sources;
  return HEAVY.filter((name) => sources.some((source) => source.includes(`node_modules/${name}/`)));
}

/** The scripts the page runs itself (a `<link rel=prefetch>` fetch is typed "other") until `selector` shows. */
async function scriptsUntil(page: Page, url: string, selector: string): Promise<string[]> {
  const scripts: string[] = [];
  const record = (request: { url(): string; resourceType(): string }) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  };
  page.on('request', record);
  await page.goto(url);
  await page.locator(selector).waitFor();
  page.off('request', record);
  return scripts;
}

describe('the landing and join pages start without the board', () => {
  let server: TestServer;
  let browser: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads no Yjs, zod, diff or y-websocket before the landing page and the join form are usable', async () => {
    const landing = await scriptsUntil(browser.page, `${server.url}/`, '[data-testid=create-board]');
    expect(landing.length).toBeGreaterThan(0);
    expect(landing.flatMap(heavyIn)).toEqual([]);

    const client = api(server.url);
    const board = await client.createBoard('Runder Tisch Südstadt', 'Maria Schulz');
    const invite = await client.createInvite(board.boardId, board.token, { role: 'partner' });
    const join = await scriptsUntil(
      browser.page,
      `${server.url}/join/${invite.code}`,
      '[data-testid=join-name]',
    );
    expect(join.flatMap(heavyIn)).toEqual([]);
    // The board's chunks come as prefetches, for after the join.
    const prefetched = await browser.page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLLinkElement>('link[rel=prefetch]'), (link) => link.href),
    );
    expect(prefetched).toEqual(
      expect.arrayContaining([expect.stringMatching(/\/assets\/BoardPage-[\w-]+\.js$/)]),
    );
    expect(browser.errors).toEqual([]);
  });
});
