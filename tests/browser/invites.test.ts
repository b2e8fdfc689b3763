import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { createBoard, joinAsNewPartner } from '../helpers/browserFlows';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
describe('the invite list in the browser: uses, revoking, a revoked link', () => {
  let server: TestServer;
  let facilitator: BrowserSession;
  let partner: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer();
    [facilitator, partner] = await Promise.all([launchBrowser(), launchBrowser()]);
  });

  afterAll(async () => {
    await Promise.all([facilitator?.close(), partner?.close()]);
    await server?.close();
  });

  it('lists a new invite, counts its use, revokes it after asking, and the link then fails', async () => {
    const page = facilitator.page;
    await createBoard(page, server.url, 'Runder Tisch Südstadt', 'Maria Schulz');
    await page.getByTestId('invite-button').click();
    const dialog = page.getByTestId('invite-dialog');
    await dialog.getByTestId('invite-partner').getByTestId('invite-create').click();
    const url = await dialog.getByTestId('invite-partner').getByTestId('invite-url').inputValue();

    // Listed at once, without reopening the dialog.
    const list = dialog.getByTestId('invite-list');
    const row = list.getByTestId('invite-row');
    await expect.poll(() => row.count()).toBe(1);
    expect(await list.getByRole('heading', { name: 'Bestehende Einladungen' }).count()).toBe(1);
    expect(await row.getByTestId('invite-status').textContent()).toBe('gültig');
    expect(await row.getByTestId('invite-uses').textContent()).toBe('0, ohne Grenze');
    expect(await row.textContent()).toContain('von Maria Schulz');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');

    await joinAsNewPartner(partner.page, url, 'Ayşe Demir', {
      name: 'Nachbarschaftsinitiative',
      kind: 'residents',
    });

    await page.getByTestId('invite-button').click();
    await expect.poll(() => row.getByTestId('invite-uses').textContent()).toBe('1, ohne Grenze');

    // Asks first; cancelling changes nothing and gives focus back to the button that asked.
    await row.getByTestId('invite-revoke').click();
    const question = dialog.getByRole('alertdialog');
    expect(await question.textContent()).toContain(
      'Einladung widerrufen?Wer den Link schon benutzt hat, bleibt auf dem Board.',
    );
    await question.getByRole('button', { name: 'Abbrechen' }).click();
    expect(await row.getByTestId('invite-revoke').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await row.getByTestId('invite-status').textContent()).toBe('gültig');

    await row.getByTestId('invite-revoke').click();
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/invites-question-1280x800.png' });
    await dialog.getByTestId('invite-revoke-confirm').click();
    await expect.poll(() => row.getByTestId('invite-status').textContent()).toBe('widerrufen');
    expect(await row.getByTestId('invite-revoke').count()).toBe(0);
    expect(await list.getByTestId('invite-list-status').textContent()).toContain('widerrufen');
    // Focus stays in the dialog, on the list's heading, never on <body>.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Bestehende Einladungen');
    expect(await seriousA11yViolations(page)).toEqual([]);

    await list.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/invites-1280x800.png' });
    await page.setViewportSize({ width: 360, height: 640 });
    await list.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/invites-360x640.png' });

    // Whoever joined stays; the link itself is refused with the revoked invite's own words.
    const third = await partner.context.newPage();
    await third.goto(url);
    await expect
      .poll(() => third.getByTestId('join-error').textContent())
      .toContain('Die Moderation hat diese Einladung zurückgezogen.');
    await third.close();
    expect(facilitator.errors).toEqual([]);
  });
});
