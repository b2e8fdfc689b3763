import { addComment, proposeGoal, readComments } from '@common-ground/shared/schema';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { createClientPool, type SeededBoard, seedBoard } from '../helpers/clients';
import { serverSees } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';

/** Opens the board as one of its people (the device remembers them) and the goal's dialog. */
async function openGoal(
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
  await page.getByTestId('goal-card').filter({ hasText: 'Sitzbänke' }).getByTestId('goal-open').click();
  await page.getByTestId('comment').waitFor();
}

// Needs the built client: `npm run test:browser` builds first.
describe('comment moderation in the browser: hidden for everyone, revealed only on the facilitator’s screen', () => {
  let server: TestServer;
  let facilitator: BrowserSession;
  let partner: BrowserSession;
  const pool = createClientPool();

  beforeAll(async () => {
    server = await startTestServer();
    facilitator = await launchBrowser({ locale: 'de-DE' });
    partner = await launchBrowser({ locale: 'de-DE' });
  });

  afterAll(async () => {
    pool.destroyAll();
    await facilitator?.close();
    await partner?.close();
    await server?.close();
  });

  it('the facilitator hides after asking; the second participant sees who hid it, never the text', async () => {
    const board = await seedBoard(server.url);
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    await a.synced;
    const goalId = proposeGoal(a.doc, { title: 'Sitzbänke', description: '', createdBy: 'x', now: 1 });
    addComment(a.doc, goalId, { authorId: 'x', text: 'Ihr seid alle Idioten', now: 1 });
    await serverSees(server.server, board.boardId, (doc) => readComments(doc, goalId).length === 1);

    const f = facilitator.page;
    const p = partner.page;
    await openGoal(f, server.url, board, { ...board.facilitator, role: 'facilitator', name: 'Moderation' });
    await openGoal(p, server.url, board, { ...board.partnerB, name: 'Bernd' });
    await expect
      .poll(() => p.getByTestId('comment').locator('.comment-text').textContent())
      .toBe('Ihr seid alle Idioten');
    // Only the facilitator may hide.
    expect(await p.getByTestId('comment-hide').count()).toBe(0);

    // Hiding asks first; cancelling changes nothing.
    await f.getByTestId('comment-hide').click();
    const ask = f.getByTestId('comment-hide-dialog');
    await ask.getByRole('button', { name: 'Abbrechen' }).click();
    expect(await f.getByTestId('comment-hidden').count()).toBe(0);
    await f.getByTestId('comment-hide').click();
    await ask.getByTestId('confirm').click();

    // The second participant sees who hid it, live, and the text nowhere.
    await expect
      .poll(() => p.getByTestId('comment-hidden').textContent())
      .toBe('Ausgeblendet von Moderation');
    expect(await p.getByTestId('goal-discussion').textContent()).not.toContain('Idioten');
    expect(await p.getByTestId('comment-reveal').count()).toBe(0);

    // The facilitator's focus lands on the toggle that replaced the hide button; revealing is local only.
    await expect
      .poll(() => f.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null))
      .toBe('comment-reveal');
    await f.getByTestId('comment-reveal').click();
    expect(await f.getByTestId('comment-revealed').textContent()).toContain('Ihr seid alle Idioten');
    expect(await f.getByTestId('comment-reveal').getAttribute('aria-expanded')).toBe('true');
    expect(await p.getByTestId('goal-discussion').textContent()).not.toContain('Idioten');
    expect(await seriousA11yViolations(f)).toEqual([]);

    // Shown to everyone again.
    await f.getByTestId('comment-unhide').click();
    await expect
      .poll(() => p.getByTestId('comment').locator('.comment-text').textContent())
      .toBe('Ihr seid alle Idioten');
    expect(facilitator.errors.concat(partner.errors)).toEqual([]);
  });
});
