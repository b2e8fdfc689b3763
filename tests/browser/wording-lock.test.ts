import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import {
  createBoard,
  createInviteLink,
  joinAsNewPartner,
  proposeGoal,
  statusLocator,
} from '../helpers/browserFlows';
import { appendToDescription } from '../helpers/offlineBrowser';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
const TITLE = 'Spielplatz sanieren';
const DESCRIPTION = 'Neue Geräte.';

const card = (page: Page) => page.getByTestId('goal-card').filter({ hasText: TITLE });

describe('the wording is locked during a consensus round; a refused edit becomes an amendment', () => {
  let server: TestServer;
  let facilitator: BrowserSession;
  let partner: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer();
    facilitator = await launchBrowser({ viewport: { width: 1280, height: 800 } });
    partner = await launchBrowser({ viewport: { width: 390, height: 844 } });
  });

  afterAll(async () => {
    await facilitator?.close();
    await partner?.close();
    await server?.close();
  });

  it('shows locked fields with the reason, and the offline edit as an amendment with its author', async () => {
    const f = facilitator.page;
    const p = partner.page;
    await createBoard(f, server.url, 'Runder Tisch Südstadt', 'Maria Schulz');
    await joinAsNewPartner(
      p,
      await createInviteLink(f),
      'Ayşe Demir',
      {
        name: 'Mieterinitiative Südstadt',
        kind: 'residents',
      },
      f,
    );
    await proposeGoal(f, TITLE, DESCRIPTION);
    await card(f).getByTestId('goal-open').click();
    await f.getByTestId('goal-stage-select').selectOption('ready');
    await f.keyboard.press('Escape');
    await card(p).waitFor();

    // The partner types offline, before the round opens.
    await partner.context.setOffline(true);
    await statusLocator(p, '[data-status=offline]').waitFor({ timeout: 40_000 });
    await appendToDescription(p, TITLE, ' Mit Schatten.');

    await card(f).getByTestId('card-open-round').click();
    const dialog = f.getByTestId('goal-dialog');
    await dialog.getByTestId('open-round-submit').click();
    await dialog.getByTestId('open-round').waitFor();

    await partner.context.setOffline(false);
    await statusLocator(p, '[data-status=live][data-pending=false]').waitFor({ timeout: 30_000 });

    // The facilitator's dialog: both fields read-only, the reason announced with them, the amendment named.
    for (const field of ['goal-title-input', 'goal-description-input']) {
      const input = dialog.getByTestId(field);
      expect(await input.getAttribute('readonly')).not.toBeNull();
      const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
      expect(await f.locator(`[id="${describedBy}"]`).textContent()).toContain(
        'Während der Konsensrunde ist der Wortlaut festgelegt.',
      );
    }
    const amendment = dialog.getByTestId('amendment');
    await amendment.getByText('Vorschlag von Ayşe Demir').waitFor();
    expect(await amendment.getByTestId('amendment-description').textContent()).toBe(
      `${DESCRIPTION} Mit Schatten.`,
    );
    expect(await dialog.getByTestId('goal-description-input').inputValue()).toBe(DESCRIPTION);
    const adopt = amendment.getByTestId('adopt-amendment');
    expect(await adopt.getAttribute('aria-disabled')).toBe('true');
    expect(await seriousA11yViolations(f)).toEqual([]);

    // The partner sees the wording set back and the amendment too.
    await card(p).getByTestId('goal-open').click();
    await p
      .getByTestId('goal-dialog')
      .getByTestId('amendment')
      .getByText('Vorschlag von Ayşe Demir')
      .waitFor();
    await expect
      .poll(() => p.getByTestId('goal-dialog').getByTestId('goal-description-input').inputValue())
      .toBe(DESCRIPTION);

    // Cancelling the round frees the wording; the adopt button, reached by keyboard, writes the amendment in.
    await amendment.getByTestId('cancel-round').click();
    await expect.poll(() => adopt.getAttribute('aria-disabled')).toBe('false');
    await adopt.focus();
    await f.keyboard.press('Enter');
    await expect
      .poll(() => dialog.getByTestId('goal-description-input').inputValue())
      .toBe(`${DESCRIPTION} Mit Schatten.`);
    await dialog.getByTestId('amendment').waitFor({ state: 'detached' });
    expect(await dialog.getByTestId('goal-description-input').getAttribute('readonly')).toBeNull();
  });
});
