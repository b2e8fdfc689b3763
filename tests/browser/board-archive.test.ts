import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { createBoard, proposeGoal } from '../helpers/browserFlows';
import { sideOverflow } from '../helpers/screenChecks';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
const PHONE = { width: 360, height: 640 };
const LAPTOP = { width: 1280, height: 800 };

describe('moving a board: download its archive on one server, import it on another', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const server = async () => {
    const s: TestServer = await startTestServer();
    cleanups.push(() => s.close());
    return s;
  };
  const browser = async (viewport: { width: number; height: number }): Promise<BrowserSession> => {
    const session = await launchBrowser({ viewport });
    cleanups.push(() => session.close());
    return session;
  };
  const shot = async (page: Page, name: string) => {
    await fs.mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, `board-archive-${name}.png`), fullPage: true });
  };

  it('downloads the archive from the facilitation area and imports it on the landing page of another server', async () => {
    const [a, b] = [await server(), await server()];
    const laptop = await browser(LAPTOP);
    await createBoard(laptop.page, a.url, 'Stadtteilrunde am Park', 'Maria Schulz');
    await proposeGoal(laptop.page, 'Spielplatz sanieren', 'Neue Schaukeln');

    await laptop.page.getByTestId('facilitation-panel').locator('summary').click();
    const button = laptop.page.getByTestId('board-archive-download');
    await button.scrollIntoViewIfNeeded();
    expect(await button.textContent()).toBe('Board-Archiv herunterladen');
    await shot(laptop.page, 'laptop-facilitation-de');
    const [download] = await Promise.all([laptop.page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/^board-.*\.json$/);
    const file = await download.path();
    const archive = JSON.parse(await fs.readFile(file, 'utf8')) as { boardId: string };
    expect(laptop.errors).toEqual([]);
    // The same control on a phone-sized facilitator screen: nothing sticks out.
    await laptop.page.setViewportSize(PHONE);
    await button.scrollIntoViewIfNeeded();
    expect(await sideOverflow(laptop.page)).toEqual([]);
    await laptop.page.screenshot({ path: path.join(RESULTS, 'board-archive-phone-facilitation-de.png') });

    // A phone on the other server: something that is no archive is named as such, in plain words.
    const phone = await browser(PHONE);
    await phone.page.goto(b.url);
    const form = phone.page.getByTestId('import-board');
    await form.scrollIntoViewIfNeeded();
    await phone.page.getByTestId('import-board-file').setInputFiles({
      name: 'notizen.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"hello": "world"}'),
    });
    expect(await phone.page.getByTestId('import-board-error').textContent()).toContain('kein Board-Archiv');
    expect(await sideOverflow(phone.page)).toEqual([]);
    await shot(phone.page, 'phone-not-archive-de');

    // A changed file: checked on the server, refused, nothing stored.
    const tampered = JSON.parse(await fs.readFile(file, 'utf8')) as { source: string };
    tampered.source = 'http://example.invalid';
    await phone.page.getByTestId('import-board-file').setInputFiles({
      name: 'verändert.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(tampered)),
    });
    await phone.page.getByTestId('import-board-submit').click();
    await phone.page.getByText('Die Datei ist beschädigt').waitFor();
    expect(await b.server.storage.accounts.getBoard(archive.boardId)).toBeNull();

    // The real file: the preview names the board and the facilitator; the import opens the board.
    await phone.page.getByTestId('import-board-file').setInputFiles(file);
    expect(await phone.page.getByTestId('import-board-preview').textContent()).toContain(
      'Stadtteilrunde am Park',
    );
    expect(await phone.page.getByTestId('import-board-facilitator').textContent()).toContain('Maria Schulz');
    expect(await sideOverflow(phone.page)).toEqual([]);
    expect(await seriousA11yViolations(phone.page)).toEqual([]);
    await shot(phone.page, 'phone-preview-de');
    await phone.page.getByTestId('import-board-submit').click();
    await phone.page.waitForURL(`**/b/${archive.boardId}`);
    await phone.page.getByTestId('goal-card').filter({ hasText: 'Spielplatz sanieren' }).waitFor();
    await shot(phone.page, 'phone-imported-de');
    // The one refusal above is the browser's only complaint.
    expect(phone.errors).toEqual([
      'console: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);

    // The landing page at laptop size, with the import form beside the others.
    const wide = await browser(LAPTOP);
    await wide.page.goto(b.url);
    await wide.page.getByTestId('import-board-file').setInputFiles(file);
    await shot(wide.page, 'laptop-landing-de');
  });
});
