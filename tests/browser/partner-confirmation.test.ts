import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { createBoard, createInviteLink, proposeGoal, statusLocator } from '../helpers/browserFlows';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
const ORG = 'Mieterinitiative Südstadt';
const GOAL = 'Spielplatz am Südpark sanieren';
const PHONE = { width: 360, height: 640 };
const LAPTOP = { width: 1280, height: 800 };

const membership = (page: Page, state: 'waiting' | 'member') =>
  page.locator(`[data-testid=membership-status][data-state=${state}]`).waitFor();

/** Screenshots at both sizes the brief asks for, to look at (not compared). */
async function shoot(page: Page, name: string, restore: { width: number; height: number }) {
  for (const size of [PHONE, LAPTOP]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: `/tmp/${name}-${size.width}x${size.height}.png`, fullPage: false });
  }
  await page.setViewportSize(restore);
}

const focusOnBody = (page: Page) => page.evaluate(() => document.activeElement === document.body);

describe('confirming organisations at the table: a laptop and two phones', () => {
  let server: TestServer;
  let facilitator: BrowserSession;
  let phoneA: BrowserSession;
  let phoneB: BrowserSession;

  beforeAll(async () => {
    server = await startTestServer();
    facilitator = await launchBrowser({ viewport: LAPTOP });
    phoneA = await launchBrowser({ viewport: PHONE });
    phoneB = await launchBrowser({ viewport: PHONE });
  });

  afterAll(async () => {
    await facilitator?.close();
    await phoneA?.close();
    await phoneB?.close();
    await server?.close();
  });

  it('a resident proposes an organisation, the facilitator confirms it, a colleague waits and is confirmed', async () => {
    const f = facilitator.page;
    const a = phoneA.page;
    const b = phoneB.page;
    await createBoard(f, server.url, 'Runder Tisch Südstadt 2027', 'Maria Schulz');
    await proposeGoal(f, GOAL, 'Gemeinsam mit den Nachbar/innen.');
    const inviteUrl = await createInviteLink(f);

    // Phone A: name, then a new organisation. It waits; the phone says so, instead of stance buttons.
    await a.goto(inviteUrl);
    await a.getByTestId('join-name').fill('Ayşe Demir');
    await a.getByTestId('partner-new').check();
    await a.getByTestId('partner-name').fill(ORG);
    await a.getByTestId('partner-kind').selectOption('residents');
    await a.getByTestId('join-submit').click();
    await statusLocator(a, '[data-status=live]').waitFor();
    await membership(a, 'waiting');
    await a.getByText('Warten auf Bestätigung durch die Moderation').first().waitFor();
    await shoot(a, 'confirm-phone-waiting', PHONE);
    expect(await seriousA11yViolations(a)).toEqual([]);

    // The facilitator's laptop lists the proposal by itself (through the record document).
    const item = f.getByTestId('confirm-partner-item').filter({ hasText: ORG });
    await item.waitFor();
    await f.getByTestId('confirmation-list').scrollIntoViewIfNeeded();
    await shoot(f, 'confirm-facilitator-list', LAPTOP);
    expect(await seriousA11yViolations(f)).toEqual([]);
    const tap = await item.getByTestId('confirm-partner').boundingBox();
    expect(tap?.height).toBeGreaterThanOrEqual(44);

    // One tap confirms it; the phone follows without a reload, and says so.
    await item.getByTestId('confirm-partner').click();
    await membership(a, 'member');
    await a.getByTestId('membership-confirmed').waitFor();
    await item.waitFor({ state: 'detached' });
    expect(await focusOnBody(f)).toBe(false);

    // Phone B claims the same (now confirmed) organisation: it waits, even once a round is open.
    await b.goto(inviteUrl);
    await b.getByTestId('join-name').fill('Emre Kaya');
    await b.getByRole('radio', { name: new RegExp(ORG) }).check();
    await b.getByTestId('join-submit').click();
    await statusLocator(b, '[data-status=live]').waitFor();
    await membership(b, 'waiting');

    const card = f.getByTestId('goal-card').filter({ hasText: GOAL });
    await card.getByTestId('goal-open').click();
    await f.getByTestId('goal-stage-select').selectOption('ready');
    await f.keyboard.press('Escape');
    await card.getByTestId('card-open-round').click();
    const dialog = f.getByTestId('goal-dialog');
    await dialog.getByTestId('visibility-open').check();
    await dialog.getByTestId('open-round-submit').click();
    await dialog.getByTestId('open-round').waitFor();
    await f.keyboard.press('Escape');

    await a.getByTestId('phone-open-round').getByTestId('stance-agree').waitFor();
    const roundB = b.getByTestId('phone-open-round');
    await roundB.getByTestId('round-waiting-confirmation').waitFor();
    expect(await roundB.getByTestId('stance-agree').count()).toBe(0);
    await roundB.scrollIntoViewIfNeeded();
    await shoot(b, 'confirm-phone-claim-waiting', PHONE);

    // Ayşe, a confirmed member, vouches for her colleague from her own phone.
    const claim = a.getByTestId('confirm-member-item').filter({ hasText: 'Emre Kaya' });
    await claim.getByTestId('confirm-member').click();
    await membership(b, 'member');
    await roundB.getByTestId('stance-agree').waitFor();
    expect(await focusOnBody(a)).toBe(false);

    const scroll = await b.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(scroll).toBeLessThanOrEqual(0);
    for (const session of [facilitator, phoneA, phoneB]) expect(session.errors).toEqual([]);
  });
});
