import fs from 'node:fs/promises';
import path from 'node:path';
import { proposeGoal } from '@common-ground/shared/schema';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { createClientPool, type SeededBoard, seedBoard } from '../helpers/clients';
import { serverSees } from '../helpers/roundsApi';
import { sideOverflow } from '../helpers/screenChecks';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
const PHONE = { width: 360, height: 640 };
const LAPTOP = { width: 1280, height: 800 };

/** Opens the board as one of its people (the device remembers them) and waits until it is live. */
async function openBoard(
  page: Page,
  url: string,
  board: SeededBoard,
  who: { participantId: string; token: string; role: string; name: string },
): Promise<void> {
  await page.addInitScript(
    (remembered) => localStorage.setItem('common-ground.boards', JSON.stringify([remembered])),
    { boardId: board.boardId, title: 'Runder Tisch Südstadt', ...who },
  );
  await page.goto(`${url}/b/${board.boardId}`);
  await page.locator('[data-testid=connection-status][data-status=live]').waitFor();
}

describe('archiving and deleting a board in the browser', () => {
  const cleanups: (() => Promise<void>)[] = [];
  const pool = createClientPool();
  afterEach(async () => {
    pool.destroyAll();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const browser = async (viewport: { width: number; height: number }): Promise<BrowserSession> => {
    const session = await launchBrowser({ viewport });
    cleanups.push(() => session.close());
    return session;
  };
  const shot = async (page: Page, name: string, fullPage = false) => {
    await fs.mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, `board-lifecycle-${name}.png`), fullPage });
  };

  it('the facilitator archives; the other device shows the banner live and offers nothing to edit; delete and undo', async () => {
    const server: TestServer = await startTestServer();
    cleanups.push(() => server.close());
    const board = await seedBoard(server.url);
    const writer = pool.connect(server.url, board.boardId, board.partnerA.token);
    await writer.synced;
    proposeGoal(writer.doc, { title: 'Spielplatz sanieren', description: '', createdBy: 'x', now: 1 });
    await serverSees(server.server, board.boardId, (doc) => doc.getMap('goals').size === 1);

    const laptop = await browser(LAPTOP);
    const phone = await browser(PHONE);
    const f = laptop.page;
    const p = phone.page;
    await openBoard(f, server.url, board, { ...board.facilitator, role: 'facilitator', name: 'Moderation' });
    await openBoard(p, server.url, board, { ...board.partnerB, name: 'Bernd' });
    await p.getByTestId('propose-goal').waitFor();

    // Archive from the facilitation area.
    await f.getByTestId('facilitation-panel').locator('summary').click();
    const controls = f.getByTestId('lifecycle-controls');
    await controls.scrollIntoViewIfNeeded();
    await shot(f, 'laptop-controls-de');
    await controls.getByTestId('archive-board').click();

    // The partner's phone shows it live and hides what would change the board.
    const banner = p.getByTestId('archived-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/^Archiviert am .+ – nur lesen$/);
    await expect.poll(() => p.getByTestId('propose-goal').count()).toBe(0);
    expect(await p.getByTestId('undo').count()).toBe(0);
    expect(await sideOverflow(p)).toEqual([]);
    expect(await seriousA11yViolations(p)).toEqual([]);
    await shot(p, 'phone-archived-de');
    await f.getByTestId('archived-banner').waitFor();
    expect(await f.getByTestId('propose-goal').count()).toBe(0);
    await controls.getByTestId('unarchive-board').waitFor();
    await shot(f, 'laptop-archived-de');

    // Delete: the confirmation says 30 days, who is told, and what to download first.
    await controls.getByTestId('delete-board').click();
    const dialog = f.getByTestId('delete-dialog');
    await dialog.getByTestId('confirm-delete').waitFor();
    const text = (await dialog.textContent()) ?? '';
    expect(text).toContain('Nach 30 Tagen');
    expect(text).toContain('bestätigte E-Mail-Adresse');
    expect(text).toContain('Board-Archiv');
    await dialog.getByTestId('board-archive-download').waitFor();
    expect(await seriousA11yViolations(f)).toEqual([]);
    await shot(f, 'laptop-delete-dialog-de');
    // The same dialog on a phone-sized screen: nothing sticks out, the buttons stay reachable.
    await f.setViewportSize(PHONE);
    expect(await sideOverflow(f)).toEqual([]);
    await dialog.getByTestId('confirm-delete').scrollIntoViewIfNeeded();
    await shot(f, 'phone-delete-dialog-de');
    await f.setViewportSize(LAPTOP);
    await dialog.getByTestId('confirm-delete').click();

    // Both devices show the date; only the facilitator can undo.
    const deletion = p.getByTestId('deletion-banner');
    await deletion.waitFor();
    expect(await deletion.textContent()).toMatch(/wird am .+ gelöscht/);
    expect(await p.getByTestId('restore-deletion').count()).toBe(0);
    expect(await sideOverflow(p)).toEqual([]);
    await shot(p, 'phone-deletion-de');
    await f.getByTestId('restore-deletion').waitFor();
    await f.evaluate(() => window.scrollTo(0, 0));
    await shot(f, 'laptop-deletion-de');
    await f.getByTestId('restore-deletion').click();
    await expect.poll(() => p.getByTestId('deletion-banner').count()).toBe(0);

    // Ending the archiving gives the partner the editing controls back.
    await controls.getByTestId('unarchive-board').click();
    await expect.poll(() => p.getByTestId('archived-banner').count()).toBe(0);
    await p.getByTestId('propose-goal').waitFor();
    expect(laptop.errors).toEqual([]);
    expect(phone.errors).toEqual([]);
  });
});
