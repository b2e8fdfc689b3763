import { proposeGoal } from '@common-ground/shared/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser } from '../helpers/browser';
import { type BoardClient, connectBoard, type SeededBoard, seedBoard } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
// Mails link to `/b/<boardId>?goal=<goalId>&focus=round` (no token): the board opens that goal's round.
describe('a link from a mail opens its goal', () => {
  let server: TestServer;
  let seeded: SeededBoard;
  let doc: BoardClient;
  let phone: BrowserSession;
  let goalId: string;

  beforeAll(async () => {
    server = await startTestServer();
    seeded = await seedBoard(server.url);
    doc = connectBoard(server.url, seeded.boardId, seeded.facilitator.token);
    await doc.synced;
    goalId = proposeGoal(doc.doc, {
      title: 'Spielplatz sanieren',
      description: 'Neue Geräte bis zum Sommer.',
      createdBy: seeded.facilitator.participantId,
      now: Date.now(),
    });
    phone = await launchBrowser({ viewport: { width: 360, height: 640 } });
    await phone.context.addInitScript(
      (entry) => localStorage.setItem('common-ground.boards', JSON.stringify([entry])),
      { ...seeded.partnerA, boardId: seeded.boardId, title: 'Runder Tisch', role: 'partner', name: 'Ayşe' },
    );
  });

  afterAll(async () => {
    doc?.destroy();
    await phone?.close();
    await server?.close();
  });

  it('opens the goal at its round, then leaves the address plain', async () => {
    const page = phone.page;
    await page.goto(`${server.url}/b/${seeded.boardId}?goal=${goalId}&focus=round`);
    const dialog = page.getByTestId('goal-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('round-section').waitFor();
    expect(new URL(page.url()).search).toBe('');
    // Focus is on the round's heading inside the dialog, never on the page body.
    await expect
      .poll(() =>
        page.evaluate(() => document.activeElement?.closest('[data-testid=round-section]') !== null),
      )
      .toBe(true);
    // A reload shows the board, not the dialog again.
    await page.reload();
    await page.locator('[data-testid=connection-status][data-status=live]').waitFor();
    expect(await dialog.isVisible()).toBe(false);
  });

  it('opens nothing for a goal the board does not have or a malformed id', async () => {
    const page = phone.page;
    for (const query of [
      '?goal=NOTAGOALOFTHISBOARD',
      '?goal=%3Cimg%20src%3Dx%3E',
      `?goal=${'a'.repeat(500)}`,
    ]) {
      await page.goto(`${server.url}/b/${seeded.boardId}${query}`);
      await page.locator('[data-testid=connection-status][data-status=live]').waitFor();
      await page.getByTestId('goal-open').first().waitFor();
      expect(await page.getByTestId('goal-dialog').isVisible(), query).toBe(false);
    }
  });
});
