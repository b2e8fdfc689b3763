import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import {
  confirmPartner,
  createBoard,
  createInviteLink,
  joinAsNewPartner,
  proposeGoal,
  statusLocator,
} from '../helpers/browserFlows';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
describe('a co-facilitator, invited from the invite dialog', () => {
  let server: TestServer;
  let first: BrowserSession;
  let second: BrowserSession;
  let resident: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer();
    [first, second, resident] = await Promise.all([
      launchBrowser(),
      launchBrowser(),
      launchBrowser({ viewport: { width: 360, height: 640 } }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([first?.close(), second?.close(), resident?.close()]);
    await server?.close();
  });

  it('joins by the co-facilitation link, moderates (confirms an organisation) and is listed as facilitator', async () => {
    const f = first.page;
    const co = second.page;
    await createBoard(f, server.url, 'Runder Tisch Nordstadt', 'Maria Schulz');
    const link = await createInviteLink(f, 'facilitator');

    // A co-facilitator gives a name only: moderation belongs to no organisation.
    await co.goto(link);
    await co.getByTestId('join-name').fill('Jonas Weber');
    expect(await co.getByTestId('partner-new').count()).toBe(0);
    await co.getByTestId('join-submit').click();
    await statusLocator(co, '[data-status=live]').waitFor();
    await co.getByTestId('invite-button').waitFor();
    await co.getByTestId('people-button').waitFor();

    // The co-facilitator confirms a resident's new organisation; the first facilitator sees the goal it proposes.
    const partnerLink = await createInviteLink(co);
    await joinAsNewPartner(resident.page, partnerLink, 'Ayşe Demir', {
      name: 'Mieterinitiative Nordstadt',
      kind: 'residents',
    });
    await confirmPartner(co, resident.page, 'Mieterinitiative Nordstadt');
    await proposeGoal(co, 'Bänke am Spielplatz');
    await f.getByTestId('goal-card').filter({ hasText: 'Bänke am Spielplatz' }).waitFor();

    // Both are listed as facilitators for everyone who moderates.
    await f.getByTestId('people-button').click();
    const rows = f.getByTestId('person-row');
    await rows.filter({ hasText: 'Jonas Weber' }).waitFor();
    expect(await rows.filter({ hasText: 'Jonas Weber' }).getByTestId('person-role').inputValue()).toBe(
      'facilitator',
    );
    expect(await rows.filter({ hasText: 'Maria Schulz' }).getByTestId('person-role').inputValue()).toBe(
      'facilitator',
    );
    expect(await seriousA11yViolations(f)).toEqual([]);
  });
});
