import fs from 'node:fs/promises';
import path from 'node:path';
import { RoundsResponse } from '@common-ground/shared/api';
import { readGoals } from '@common-ground/shared/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser } from '../helpers/browser';
import { createBoard, joinAsNewPartner, proposeGoal, statusLocator } from '../helpers/browserFlows';
import { api } from '../helpers/clients';
import { appendToDescription, rememberedBoard } from '../helpers/offlineBrowser';
import { roundOf, roundsApi, serverSees } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';
import { plainText } from '../helpers/softHyphens';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
const DAY = 24 * 3_600_000;

const goOffline = async (session: BrowserSession) => {
  await session.context.setOffline(true);
  await statusLocator(session.page, '[data-status=offline]').waitFor({ timeout: 40_000 });
};

const backOnline = async (session: BrowserSession) => {
  await session.context.setOffline(false);
  await statusLocator(session.page, '[data-status=live][data-pending=false]').waitFor({ timeout: 30_000 });
};

describe('offline edits meeting each other and the rounds', () => {
  let server: TestServer;
  let facilitator: BrowserSession;
  let partner: BrowserSession;

  beforeAll(async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    server = await startTestServer();
    facilitator = await launchBrowser();
    partner = await launchBrowser({ viewport: { width: 390, height: 844 } });
  });

  afterAll(async () => {
    await facilitator?.close();
    await partner?.close();
    await server?.close();
  });

  it('merges two offline edits of one description, and keeps the wording of a running round locked', async () => {
    const f = facilitator.page;
    const p = partner.page;
    await createBoard(f, server.url, 'Runder Tisch Südstadt', 'Maria Schulz');
    const board = await rememberedBoard(f);
    const invite = await api(server.url).createInvite(board.boardId, board.token, { role: 'partner' });
    await joinAsNewPartner(
      p,
      invite.url,
      'Ayşe Demir',
      {
        name: 'Mieterinitiative Südstadt',
        kind: 'residents',
      },
      f,
    );
    await proposeGoal(f, 'Spielplatz sanieren', 'Neue Geräte.');
    await p.getByTestId('goal-card').filter({ hasText: 'Spielplatz sanieren' }).waitFor();

    // Both lose the network and edit the same description.
    await goOffline(facilitator);
    await goOffline(partner);
    await appendToDescription(f, 'Spielplatz sanieren', ' Mit Bänken.');
    await appendToDescription(p, 'Spielplatz sanieren', ' Mit Schatten.');
    await backOnline(facilitator);
    await backOnline(partner);
    const merged = (text: string) => text.includes('Mit Bänken.') && text.includes('Mit Schatten.');
    await serverSees(server.server, board.boardId, (doc) =>
      readGoals(doc).some((goal) => merged(goal.description)),
    );
    for (const page of [f, p]) {
      await expect
        .poll(() => plainText(page.getByTestId('goal-card').filter({ hasText: 'Spielplatz sanieren' })))
        .toSatisfy((text: string) => merged(text));
    }

    // A round runs on the merged wording, with a deadline days away; the partner sees it waiting.
    const goalId =
      readGoals(server.server.rooms.get(board.boardId)?.doc ?? (undefined as never))[0]?.id ?? '';
    const rounds = roundsApi(server.url);
    const round = roundOf(
      await rounds.open(board.boardId, board.token, { goalId, deadline: Date.now() + 3 * DAY + 60_000 }),
      201,
    );
    const waiting = p.getByTestId('awaiting-rounds');
    await waiting.getByTestId('time-left').getByText('noch 3 Tage').waitFor();
    await p.screenshot({ path: path.join(RESULTS, 'awaiting-rounds-390x844.png'), fullPage: true });
    const overview = f.getByTestId('open-rounds-overview');
    await overview.getByText('Noch ohne Antwort: Mieterinitiative Südstadt').waitFor();
    await facilitator.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await overview.getByTestId('copy-reminder').click();
    await overview.getByText('Erinnerung kopiert').waitFor();
    const reminder = await f.evaluate(() => navigator.clipboard.readText());
    expect(reminder).toContain('„Spielplatz sanieren“');
    expect(reminder).toContain(`${server.url}/b/${board.boardId}`);
    await f.screenshot({ path: path.join(RESULTS, 'open-rounds-facilitator-1280x800.png') });

    // Offline while the round runs, the partner finds the wording locked, with the reason; typing changes nothing,
    // and back online the round is still open (one keystroke no longer invalidates it for everyone).
    await goOffline(partner);
    await appendToDescription(p, 'Spielplatz sanieren', ' Bis Juni.');
    await p
      .getByTestId('goal-card')
      .filter({ hasText: 'Spielplatz sanieren' })
      .getByTestId('goal-open')
      .click();
    const description = p.getByTestId('goal-dialog').getByTestId('goal-description-input');
    expect(await description.getAttribute('readonly')).not.toBeNull();
    expect(await description.inputValue()).not.toContain('Bis Juni.');
    await p
      .getByTestId('edit-during-round')
      .getByText('Während der Konsensrunde ist der Wortlaut festgelegt.')
      .waitFor();
    await p.keyboard.press('Escape');
    await backOnline(partner);
    await statusLocator(p, '[data-status=live][data-pending=false]').waitFor();
    const listed = RoundsResponse.parse((await rounds.list(board.boardId, board.token)).body).rounds;
    expect(listed.find((r) => r.id === round.id)).toMatchObject({ status: 'open' });
    expect(await p.getByTestId('offline-conflict').count()).toBe(0);
    // To change the wording, the facilitator cancels the round: the one way a round ends as invalidated now.
    const cancel = `/api/boards/${board.boardId}/rounds/${round.id}/cancel`;
    expect((await api(server.url).request('POST', cancel, { token: board.token })).status).toBe(200);
    await f
      .getByTestId('goal-card')
      .filter({ hasText: 'Spielplatz sanieren' })
      .getByTestId('goal-open')
      .click();
    const unlocked = f.getByTestId('goal-dialog').getByTestId('goal-description-input');
    await expect.poll(() => unlocked.getAttribute('readonly')).toBeNull();
    await f.keyboard.press('Escape');
  });
  it('shows what happened since the last visit and marks the changed card', async () => {
    const f = facilitator.page;
    const p = partner.page;
    const boardUrl = p.url();
    // The partner leaves (its last connection closes: the visit ends), the facilitator keeps working.
    await p.goto('about:blank');
    await appendToDescription(f, 'Spielplatz sanieren', ' Pflege durch den Hausmeister.');
    await proposeGoal(f, 'Sitzbänke am Markt', 'Zwei Bänke vor der Bäckerei.');
    await statusLocator(f, '[data-status=live][data-pending=false]').waitFor();

    await p.goto(boardUrl);
    const panel = p.getByTestId('catch-up');
    await panel.waitFor({ timeout: 15_000 });
    await panel
      .getByTestId('catch-up-goal')
      .filter({ hasText: 'Sitzbänke am Markt' })
      .getByText('neu vorgeschlagen')
      .waitFor();
    await panel
      .getByTestId('catch-up-goal')
      .filter({ hasText: 'Spielplatz sanieren' })
      .getByText('Wortlaut geändert')
      .waitFor();
    const changedCard = p.getByTestId('goal-card').filter({ hasText: 'Sitzbänke am Markt' });
    await changedCard.getByTestId('catch-up-badge').waitFor();
    await p.screenshot({ path: path.join(RESULTS, 'catch-up-390x844.png') });
    await panel.getByTestId('catch-up-dismiss').click();
    await panel.waitFor({ state: 'detached' });
    expect(await changedCard.getByTestId('catch-up-badge').count()).toBe(0);
  });
});
