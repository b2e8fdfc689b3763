import { addComment, proposeGoal, readComments } from '@common-ground/shared/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser } from '../helpers/browser';
import { createClientPool, seedBoard } from '../helpers/clients';
import { serverSees } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

// Needs the built client: `npm run test:browser` builds first.
describe('authorship in the browser: the server’s record, not the document’s claim', () => {
  let server: TestServer;
  let browser: BrowserSession;
  const pool = createClientPool();

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
  });

  afterAll(async () => {
    pool.destroyAll();
    await browser?.close();
    await server?.close();
  });

  it('names the sender on the card, in the goal’s detail and on the comment', async () => {
    const board = await seedBoard(server.url);
    // Ayşe (Mieterverein) writes the goal as Bernd's and the comment as the facilitator's.
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    await a.synced;
    const goalId = proposeGoal(a.doc, {
      title: 'Sitzbänke am Südpark',
      description: 'Zehn neue Bänke',
      createdBy: board.partnerB.participantId,
      now: 1,
    });
    addComment(a.doc, goalId, {
      authorId: board.facilitator.participantId,
      text: 'Die Moderation meint',
      now: 1,
    });
    await serverSees(server.server, board.boardId, (doc) => readComments(doc, goalId).length === 1);
    await waitFor(
      async () => (await server.server.storage.attributions.listAttributions(board.boardId)).length === 2,
      {
        message: 'both attributed',
      },
    );

    // Bernd opens the board.
    const page = browser.page;
    await page.addInitScript(
      (remembered) => {
        localStorage.setItem('common-ground.boards', JSON.stringify([remembered]));
      },
      {
        boardId: board.boardId,
        title: 'Runder Tisch Südstadt',
        participantId: board.partnerB.participantId,
        token: board.partnerB.token,
        role: 'partner',
        name: 'Bernd',
      },
    );
    await page.goto(`${server.url}/b/${board.boardId}`);
    await page.locator('[data-testid=connection-status][data-status=live]').waitFor();
    const card = page.getByTestId('goal-card').filter({ hasText: 'Sitzbänke am Südpark' });
    await expect
      .poll(() => card.locator('.goal-author').textContent())
      .toBe('von Ayşe (Mieterverein Südstadt)');

    await card.getByTestId('goal-open').click();
    await expect
      .poll(() => page.getByTestId('goal-proposer').textContent())
      .toBe('Vorgeschlagen von Ayşe (Mieterverein Südstadt)');
    const meta = page.getByTestId('comment').locator('.comment-meta');
    await expect.poll(() => meta.textContent()).toContain('Ayşe · Mieterverein Südstadt');
    expect(await meta.textContent()).not.toContain('Moderation');
  });
});
