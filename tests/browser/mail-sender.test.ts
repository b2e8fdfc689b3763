import fs from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { createBoard, createInviteLink, joinAsNewPartner } from '../helpers/browserFlows';
import { sideOverflow } from '../helpers/screenChecks';
import { startTestServer, type TestServer } from '../helpers/server';
import { freePort, type ReceivedMail, startTestSmtp, type TestSmtp } from '../helpers/smtp';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
const PHONE = { width: 360, height: 640 };
const LAPTOP = { width: 1280, height: 800 };
const FROM = 'board@example.org';

describe('e-mail: the minutes choice and the board’s sender name', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const browser = async (viewport: { width: number; height: number }): Promise<BrowserSession> => {
    const session = await launchBrowser({ viewport });
    cleanups.push(() => session.close());
    return session;
  };
  const setup = async (): Promise<{ s: TestServer; smtp: TestSmtp }> => {
    const smtp = await startTestSmtp();
    cleanups.push(() => smtp.close());
    const port = await freePort();
    const s = await startTestServer({
      config: { port, publicUrl: `http://127.0.0.1:${port}`, mail: { smtpUrl: smtp.url, from: FROM } },
    });
    cleanups.push(() => s.close());
    return { s, smtp };
  };
  /** Elements of the panel that reach past either side of the screen. */
  const outside = (panel: Locator): Promise<string[]> =>
    panel.evaluate((root) =>
      [root, ...Array.from(root.querySelectorAll('*'))].flatMap((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 1 && (box.left < -1 || box.right > window.innerWidth + 1)
          ? [`${el.tagName.toLowerCase()}.${el.className}: ${Math.round(box.left)}…${Math.round(box.right)}`]
          : [];
      }),
    );
  const shot = async (page: Page, name: string) => {
    await fs.mkdir(RESULTS, { recursive: true });
    await page.screenshot({ path: path.join(RESULTS, `mail-${name}.png`), fullPage: true });
  };

  it('lets a partner choose minutes on a phone, and the facilitator name the sender on a laptop and a phone', async () => {
    const { s, smtp } = await setup();
    const laptop = await browser(LAPTOP);
    const phone = await browser(PHONE);
    await createBoard(laptop.page, s.url, 'Runder Tisch Südstadt', 'Maria Schulz');
    await joinAsNewPartner(
      phone.page,
      await createInviteLink(laptop.page),
      'Ayşe Demir',
      { name: 'Nachbarschaftsinitiative', kind: 'residents' },
      laptop.page,
    );

    // The partner's dialog offers minutes, on by default, and saving keeps the choice off.
    await phone.page.getByTestId('mail-button').click();
    const dialog = phone.page.getByTestId('mail-dialog');
    const minutes = dialog.getByTestId('mail-minutes');
    await minutes.waitFor();
    expect(await minutes.isChecked()).toBe(true);
    expect(await dialog.textContent()).toContain('das Protokoll eines Treffens fertig ist');
    await dialog.getByTestId('mail-address').fill('ayse@example.org');
    await minutes.uncheck();
    await dialog.getByTestId('mail-save').click();
    await expect.poll(() => dialog.getByTestId('mail-state').getAttribute('data-status')).toBe('pending');
    expect(await sideOverflow(phone.page)).toEqual([]);
    await minutes.scrollIntoViewIfNeeded();
    await shot(phone.page, 'phone-minutes-de');
    await phone.page.reload();
    await phone.page.getByTestId('mail-button').click();
    await expect.poll(() => phone.page.getByTestId('mail-minutes').isChecked()).toBe(false);
    await expect.poll(() => smtp.received.length).toBe(1);
    const [confirmation] = smtp.received as [ReceivedMail];
    expect(confirmation.fromHeader).toEqual({ name: 'Runder Tisch Südstadt', address: FROM });

    // The facilitator names the sender: empty shows the board's title as what applies.
    const status = laptop.page.getByTestId('mail-status');
    const field = status.getByTestId('mail-sender-name');
    await field.waitFor();
    expect(await field.getAttribute('placeholder')).toBe('Runder Tisch Südstadt');
    await field.fill('Stadtteilrunde Nordstadt');
    await status.getByTestId('mail-sender-save').click();
    await expect
      .poll(() => status.getByTestId('mail-sender-message').textContent())
      .toContain('kommen jetzt von „Stadtteilrunde Nordstadt“');
    expect(await seriousA11yViolations(laptop.page)).toEqual([]);
    expect(await sideOverflow(laptop.page)).toEqual([]);
    await status.scrollIntoViewIfNeeded();
    await shot(laptop.page, 'laptop-sender-de');
    // Reloaded, the name is still there.
    await laptop.page.reload();
    await expect
      .poll(() => laptop.page.getByTestId('mail-sender-name').inputValue())
      .toBe('Stadtteilrunde Nordstadt');

    // A facilitator on a phone: the field and its button fit, in Arabic too.
    const small = await browser(PHONE);
    await createBoard(small.page, s.url, 'Stadtteilrunde am Park', 'Lea');
    const panel = small.page.getByTestId('mail-status');
    await panel.getByTestId('mail-sender-name').fill('Park');
    await panel.getByTestId('mail-sender-save').click();
    await expect.poll(() => panel.getByTestId('mail-sender-message').textContent()).toContain('„Park“');
    expect(await outside(panel)).toEqual([]);
    await panel.scrollIntoViewIfNeeded();
    await shot(small.page, 'phone-sender-de');
    await small.page.getByTestId('language-select').selectOption('ar');
    await expect.poll(() => small.page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await panel.scrollIntoViewIfNeeded();
    await shot(small.page, 'phone-sender-ar');
    // The board's own toolbar scrolls sideways on a phone by design; the panel itself stays inside the screen.
    expect(await outside(panel)).toEqual([]);
  });
});
