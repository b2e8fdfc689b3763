import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrivacyConfig } from '../../server/src/privacy/settings';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { api, type SeededBoard, seedBoard } from '../helpers/clients';
import { sideOverflow } from '../helpers/screenChecks';
import { startTestServer, type TestServer } from '../helpers/server';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
const PHONE = { width: 360, height: 640 };
const LAPTOP = { width: 1280, height: 800 };

const OPERATOR: PrivacyConfig = {
  operatorName: 'Nachbarschaftshaus Südstadt e. V.',
  operatorContact: 'Hauptstraße 1, 12345 Stadt, datenschutz@nh-suedstadt.example',
  dpoContact: 'dsb@nh-suedstadt.example',
  imprintUrl: 'https://nh-suedstadt.example/impressum',
  accessibilityUrl: 'https://nh-suedstadt.example/barrierefreiheit',
  accessibilityContact: 'barrieren@nh-suedstadt.example',
  notices: {},
};
// Markup a facilitator might paste, or an attacker might try: it must arrive as the characters typed.
const HOSTILE_NOTE =
  'Gemeinsam verantwortlich: Stadt Südstadt und Nachbarschaftshaus.\n' +
  '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

/** Where the keyboard focus is: its test id, or its tag. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('data-testid') ?? el?.closest('[data-testid]')?.getAttribute('data-testid') ?? '';
  });

/** Tabs forward until `testId` (or an element inside it) has the focus; the ids passed on the way. */
async function tabTo(page: Page, testId: string, max = 15): Promise<string[]> {
  const passed: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (now === testId) return passed;
    passed.push(now);
  }
  throw new Error(`${testId} not reached by Tab; passed ${passed.join(', ')}`);
}

const top = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);

describe('the information before joining (DSGVO Art. 13), imprint and accessibility statement', () => {
  let server: TestServer;
  let bare: TestServer;
  let board: SeededBoard;
  let inviteUrl: string;
  const sessions: BrowserSession[] = [];

  async function device(options: Parameters<typeof launchBrowser>[0]): Promise<BrowserSession> {
    const session = await launchBrowser(options);
    sessions.push(session);
    return session;
  }

  beforeAll(async () => {
    await fs.mkdir(RESULTS, { recursive: true });
    server = await startTestServer({ config: { privacy: OPERATOR } });
    bare = await startTestServer();
    board = await seedBoard(server.url);
    const client = api(server.url);
    const saved = await client.request('PUT', `/api/boards/${board.boardId}/privacy-note`, {
      token: board.facilitator.token,
      body: { text: HOSTILE_NOTE },
    });
    expect(saved.status).toBe(200);
    inviteUrl = (await client.createInvite(board.boardId, board.facilitator.token, { role: 'partner' })).url;
  });

  afterAll(async () => {
    for (const session of sessions) await session.close();
    await server?.close();
    await bare?.close();
  });

  it('shows the notice above the name field on a phone, reachable and opened by keyboard, with the links', async () => {
    const { page, errors } = await device({ viewport: PHONE });
    await page.goto(inviteUrl);
    await page.getByTestId('join-name').waitFor();
    const notice = page.getByTestId('privacy-notice');
    expect(await notice.isVisible()).toBe(true);
    expect(await top(page, 'privacy-notice')).toBeLessThan(await top(page, 'join-name'));
    expect(await page.getByTestId('privacy-summary').textContent()).toContain('verantwortlich. Gespeichert');
    expect(await page.getByTestId('privacy-summary').textContent()).toContain(OPERATOR.operatorName);
    // The summary is short: on the phone's first screen the notice's start is visible without scrolling.
    expect(await top(page, 'privacy-notice')).toBeLessThan(PHONE.height);
    await page.screenshot({ path: path.join(RESULTS, 'privacy-join-360x640.png'), fullPage: true });

    // By keyboard: "Mehr zum Datenschutz" comes before the name field and opens with Enter.
    // Sequential focus starts after the heading (a click sets the starting point, as a reader's tap does).
    await page.locator('h1').click();
    const passed = await tabTo(page, 'privacy-more');
    expect(passed).not.toContain('join-name');
    expect(await page.getByTestId('privacy-text').isVisible()).toBe(false);
    await page.keyboard.press('Enter');
    await page.getByTestId('privacy-text').waitFor();
    const full = await page.getByTestId('privacy-text').textContent();
    for (const part of [
      'Wer ist verantwortlich?',
      OPERATOR.operatorContact ?? '',
      `Datenschutzbeauftragte/r: ${OPERATOR.dpoContact}`,
      'Art. 26 DSGVO',
      // The server's retention period (RETENTION_INACTIVE_MONTHS, 36 by default), and the board's deletion.
      'Waren Sie 36 Monate lang nicht auf dem Board',
      'Wird das Board gelöscht, werden alle Angaben gelöscht',
      'Aufsichtsbehörde',
    ]) {
      expect(full).toContain(part);
    }
    await page.screenshot({ path: path.join(RESULTS, 'privacy-join-open-360x640.png'), fullPage: true });

    // The links follow in the tab order, still before the name field.
    expect(await page.getByTestId('imprint-link').getAttribute('href')).toBe(OPERATOR.imprintUrl);
    expect(await page.getByTestId('accessibility-link').getAttribute('href')).toBe(OPERATOR.accessibilityUrl);
    expect(await page.getByTestId('barrier-contact').textContent()).toContain(OPERATOR.accessibilityContact);
    const toLinks = await tabTo(page, 'imprint-link');
    expect(toLinks).not.toContain('join-name');

    // The facilitator's note: under the operator's text, its markup shown as the characters it is made of.
    const note = page.getByTestId('privacy-board-note');
    expect(await note.textContent()).toContain('<img src=x onerror="window.__pwned=1"><script>');
    expect(await note.locator('img, script').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await top(page, 'privacy-board-note')).toBeLessThan(await top(page, 'join-name'));

    expect(await sideOverflow(page)).toEqual([]);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.setViewportSize(LAPTOP);
    await page.screenshot({ path: path.join(RESULTS, 'privacy-join-1280x800.png') });
    expect(await sideOverflow(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('shows the notice with visible placeholders when the operator has named nobody, before the landing form', async () => {
    const { page, errors } = await device({ viewport: LAPTOP });
    await page.goto(bare.url);
    await page.getByTestId('your-name-input').waitFor();
    const summary = page.getByTestId('privacy-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('[Name des Trägers eintragen]');
    expect(await top(page, 'privacy-notice')).toBeLessThan(await top(page, 'your-name-input'));
    // No imprint or statement configured: no dead links.
    expect(await page.getByTestId('privacy-links').count()).toBe(0);
    await page.getByTestId('privacy-more').locator('summary').click();
    expect(await page.getByTestId('privacy-text').textContent()).toContain(
      '[Anschrift oder E-Mail des Trägers eintragen]',
    );
    await page.screenshot({ path: path.join(RESULTS, 'privacy-landing-1280x800.png') });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('speaks Arabic right to left on the phone, with the German names isolated', async () => {
    const { page, errors } = await device({ viewport: PHONE, locale: 'ar' });
    await page.goto(inviteUrl);
    await page.getByTestId('join-name').waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    const summary = await page.getByTestId('privacy-summary').textContent();
    expect(summary).toContain('هي الجهة المسؤولة عن بياناتكم');
    expect(summary).toContain(`\u2068${OPERATOR.operatorName}\u2069`);
    await page.getByTestId('privacy-more').locator('summary').click();
    expect(await page.getByTestId('privacy-text').textContent()).toContain('من المسؤول؟');
    expect(await page.getByTestId('imprint-link').textContent()).toBe('بيانات الناشر');
    await page.screenshot({ path: path.join(RESULTS, 'privacy-join-ar-360x640.png'), fullPage: true });
    expect(await sideOverflow(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('lets the facilitator complete the notice on the board, and every participant reads it from the footer', async () => {
    const remember = async (
      session: BrowserSession,
      who: { participantId: string; token: string },
      role: string,
    ) =>
      session.context.addInitScript(
        (entry) => localStorage.setItem('common-ground.boards', JSON.stringify([entry])),
        { boardId: board.boardId, ...who, title: 'Runder Tisch Südstadt', role, name: role },
      );
    const laptop = await device({ viewport: LAPTOP });
    await remember(laptop, board.facilitator, 'facilitator');
    const { page } = laptop;
    await page.goto(`${server.url}/b/${board.boardId}`);
    await page.getByTestId('facilitation-panel').locator('summary').click();
    await page.getByTestId('privacy-note-button').click();
    const input = page.getByTestId('privacy-note-input');
    await input.waitFor();
    expect(await input.inputValue()).toBe(HOSTILE_NOTE);
    // Too long: the counter says so, and saving is refused in the form before it reaches the server.
    await input.fill('x'.repeat(2001));
    expect(await page.getByTestId('privacy-note-count').textContent()).toContain('2001');
    await page.getByTestId('privacy-note-save').click();
    await page.getByTestId('privacy-note-error').waitFor();
    const text =
      'Gemeinsam verantwortlich: Stadt Südstadt, Wohnbau GmbH und Nachbarschaftshaus.\nFragen: quartier@example.org';
    await input.fill(text);
    await page.getByTestId('privacy-note-save').click();
    await page.getByTestId('privacy-note-status').getByText('Gespeichert').waitFor();
    await page.screenshot({ path: path.join(RESULTS, 'privacy-note-dialog-1280x800.png') });
    await page.keyboard.press('Escape');

    // The footer: one line at the board's end, with the notice, the imprint and the statement.
    const footer = page.getByTestId('board-footer');
    expect(await footer.getByTestId('imprint-link').getAttribute('href')).toBe(OPERATOR.imprintUrl);
    await footer.getByTestId('privacy-open').click();
    const dialog = page.getByTestId('privacy-dialog');
    await dialog.getByTestId('privacy-board-note').getByText('Wohnbau GmbH', { exact: false }).waitFor();
    expect(await dialog.getByTestId('privacy-text').textContent()).toContain('Wer ist verantwortlich?');
    await page.screenshot({ path: path.join(RESULTS, 'privacy-board-dialog-1280x800.png') });
    await page.keyboard.press('Escape');
    await footer.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(RESULTS, 'privacy-board-footer-1280x800.png') });
    expect(await seriousA11yViolations(page)).toEqual([]);

    // A partner reads the note but has no way to change it.
    const phone = await device({ viewport: PHONE });
    await remember(phone, board.partnerA, 'partner');
    await phone.page.goto(`${server.url}/b/${board.boardId}`);
    await phone.page.getByTestId('privacy-open').click();
    await phone.page.getByTestId('privacy-board-note').getByText('Wohnbau GmbH', { exact: false }).waitFor();
    expect(await phone.page.getByTestId('privacy-note-button').count()).toBe(0);
    await phone.page.screenshot({ path: path.join(RESULTS, 'privacy-board-dialog-360x640.png') });
    expect(await sideOverflow(phone.page)).toEqual([]);
  });
});
