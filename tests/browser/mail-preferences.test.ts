import { once } from 'node:events';
import fs from 'node:fs/promises';
import type net from 'node:net';
import path from 'node:path';
import type { MailSettingsResponse } from '@common-ground/shared/api';
import type { Locator, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { type BrowserSession, launchBrowser, seriousA11yViolations } from '../helpers/browser';
import { createBoard, createInviteLink, joinAsNewPartner } from '../helpers/browserFlows';
import { api } from '../helpers/clients';
import { rememberedBoard } from '../helpers/offlineBrowser';
import { sideOverflow } from '../helpers/screenChecks';
import { startTestServer, type TestServer } from '../helpers/server';
import { freePort, type ReceivedMail, startTestSmtp, type TestSmtp } from '../helpers/smtp';

// Needs the built client: `npm run test:browser` builds first.
const RESULTS = path.resolve('test-results');
const PHONE = { width: 360, height: 640 };
const LAPTOP = { width: 1280, height: 800 };
const FROM = 'board@example.org';

/** The confirmation link in a mail's plain text. */
function confirmLink(mail: ReceivedMail): string {
  const found = /https?:\/\/\S+\/mail\/confirm\?token=[\w%-]+/.exec(mail.text);
  if (!found) throw new Error(`no confirmation link in: ${mail.text}`);
  return found[0];
}

/** The test id of the focused element, to see that focus went somewhere meaningful (never <body>). */
const focusedTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);

/** Nothing in the dialog is wider than the dialog itself (its own scroll box hides that from sideOverflow). */
const dialogFits = (dialog: Locator) => dialog.evaluate((el) => el.scrollWidth <= el.clientWidth);

describe('e-mail preferences on a phone', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const browser = async (viewport: { width: number; height: number }): Promise<BrowserSession> => {
    const session = await launchBrowser({ viewport });
    cleanups.push(() => session.close());
    return session;
  };
  const smtpServer = async (): Promise<TestSmtp> => {
    const smtp = await startTestSmtp();
    cleanups.push(() => smtp.close());
    return smtp;
  };
  /** A server that sends through `smtpUrl` (none: no mail), its links on PUBLIC_URL. */
  const server = async (smtpUrl: string | null): Promise<TestServer> => {
    const port = await freePort();
    const started = await startTestServer({
      config: {
        port,
        publicUrl: `http://127.0.0.1:${port}`,
        mail: smtpUrl ? { smtpUrl, from: FROM } : null,
      },
    });
    cleanups.push(() => started.close());
    return started;
  };
  /** A facilitator on a laptop and a partner on a phone (confirmed, so rounds would ask her organisation). */
  const scene = async (s: TestServer) => {
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
    return { laptop, phone };
  };
  const openDialog = async (page: Page): Promise<Locator> => {
    await page.getByTestId('mail-button').click();
    const dialog = page.getByTestId('mail-dialog');
    await dialog.locator('form, [data-testid=mail-off]').first().waitFor();
    return dialog;
  };
  const shot = async (page: Page, name: string) => {
    await fs.mkdir(RESULTS, { recursive: true });
    // The phone as a person sees it (the header, the dialog); the laptop's whole board.
    const fullPage = (page.viewportSize()?.width ?? 0) > PHONE.width;
    await page.screenshot({ path: path.join(RESULTS, `mail-${name}.png`), fullPage });
  };

  it('confirms an address by its link, keeps the choices after a reload, and removes the address', async () => {
    const smtp = await smtpServer();
    const s = await server(smtp.url);
    const { laptop, phone } = await scene(s);
    const page = phone.page;
    const puts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PUT' && request.url().includes('/me/email')) puts.push(request.url());
    });

    // The header stays compact on the phone: its controls fit beside each other without sideways scrolling.
    expect(await sideOverflow(page)).toEqual([]);
    await shot(page, 'phone-board-de');
    const dialog = await openDialog(page);
    expect(await dialog.textContent()).toContain('auch ohne E-Mail-Adresse teilnehmen');
    expect(await sideOverflow(page)).toEqual([]);
    expect(await dialogFits(dialog)).toBe(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await shot(page, 'phone-empty-de');

    // Hostile input: a header smuggled in with a line break, and an address of 300 characters. Nothing is sent.
    const address = dialog.getByTestId('mail-address');
    const addressError = dialog.getByTestId('mail-address-error');
    await address.evaluate((el: HTMLInputElement) => {
      // What a paste could bring: set as the value, line break and all, the way React sees typing.
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      setter?.call(el, 'ayse@example.org\r\nBcc: alle@example.org');
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await dialog.getByTestId('mail-save').click();
    await expect.poll(() => addressError.textContent()).toContain('können wir nicht verwenden');
    expect(await focusedTestId(page)).toBe('mail-address');
    expect(await address.getAttribute('aria-invalid')).toBe('true');
    await address.fill(`${'a'.repeat(288)}@example.org`);
    await dialog.getByTestId('mail-save').click();
    await expect.poll(() => addressError.textContent()).toContain('zu lang');
    expect(await sideOverflow(page)).toEqual([]);
    expect(await dialogFits(dialog)).toBe(true);
    expect(puts).toEqual([]);
    await shot(page, 'phone-error-de');

    // A real address and the choices, by keyboard where a thumb would tap.
    await address.fill('ayse@example.org');
    await dialog.getByTestId('mail-digest-daily').check();
    await dialog.getByTestId('mail-outcomes').uncheck();
    expect(await dialog.getByTestId('mail-round-awaits').isChecked()).toBe(true);
    await address.press('Enter');
    const state = dialog.getByTestId('mail-state');
    await expect.poll(() => state.getAttribute('data-status')).toBe('pending');
    expect(await state.textContent()).toContain('Bestätigungs-Mail an ayse@example.org');
    expect(await focusedTestId(page)).toBe('mail-state');
    expect(await sideOverflow(page)).toEqual([]);
    expect(await dialogFits(dialog)).toBe(true);
    await shot(page, 'phone-pending-de');

    await expect.poll(() => smtp.received.length).toBe(1);
    const [confirmation] = smtp.received as [ReceivedMail];
    expect(confirmation.to).toBe('ayse@example.org');
    const link = confirmLink(confirmation);
    expect(link.startsWith(`${s.url}/mail/confirm?token=`)).toBe(true);

    // The link, opened in the phone's browser, then back to the board.
    const { boardId } = await rememberedBoard(page);
    await page.goto(link);
    await expect.poll(() => page.textContent('body')).toContain('Adresse bestätigt');
    await page.goto(`${s.url}/b/${boardId}`);
    const again = await openDialog(page);
    await expect.poll(() => again.getByTestId('mail-state').getAttribute('data-status')).toBe('confirmed');
    expect(await again.getByTestId('mail-state').textContent()).toContain('ayse@example.org ist bestätigt');
    expect(await again.getByTestId('mail-digest-daily').isChecked()).toBe(true);
    expect(await again.getByTestId('mail-outcomes').isChecked()).toBe(false);
    await shot(page, 'phone-confirmed-de');

    // Weekly instead of daily: only the choice changes (no new confirmation), and it outlives a reload.
    await again.getByTestId('mail-digest-weekly').check();
    await again.getByTestId('mail-save').click();
    await expect.poll(() => again.getByTestId('mail-state').textContent()).toContain('Gespeichert');
    expect(await focusedTestId(page)).toBe('mail-state');
    await page.reload();
    const reloaded = await openDialog(page);
    await reloaded.getByTestId('mail-state').and(page.locator('[data-status=confirmed]')).waitFor();
    expect(await reloaded.getByTestId('mail-digest-weekly').isChecked()).toBe(true);
    expect(smtp.received).toHaveLength(1);

    // The facilitator sees that one mail went out, next to the reminders, without anyone's address.
    const status = laptop.page.getByTestId('mail-status');
    await laptop.page.getByTestId('mail-status-refresh').click();
    await expect.poll(() => status.getByTestId('mail-counts').textContent()).toContain('Verschickt: 1');
    expect(await status.textContent()).not.toContain('ayse@example.org');
    expect(await seriousA11yViolations(laptop.page)).toEqual([]);
    await shot(laptop.page, 'laptop-status-de');

    // Removing asks first; afterwards focus is on the new state, and the server has no address.
    await reloaded.getByTestId('mail-remove').click();
    await reloaded.getByTestId('mail-remove-confirm').click();
    await expect.poll(() => reloaded.getByTestId('mail-state').getAttribute('data-status')).toBe('removed');
    expect(await focusedTestId(page)).toBe('mail-state');
    expect(await reloaded.getByTestId('mail-remove').count()).toBe(0);
    const { token } = await rememberedBoard(page);
    const after = await api(s.url).request('GET', `/api/boards/${boardId}/me/email`, { token });
    expect((after.body as MailSettingsResponse).status).toBe('none');
  });

  it('reads right to left in Arabic, on the phone and the laptop', async () => {
    const smtp = await smtpServer();
    const s = await server(smtp.url);
    const { laptop, phone } = await scene(s);
    for (const session of [phone, laptop]) {
      const page = session.page;
      await page.getByTestId('language-select').selectOption('ar');
      await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      const dialog = await openDialog(page);
      await dialog
        .getByTestId('mail-address')
        .fill(session === phone ? 'ayse@example.org' : 'maria@example.org');
      await dialog.getByTestId('mail-save').click();
      await expect.poll(() => dialog.getByTestId('mail-state').getAttribute('data-status')).toBe('pending');
      expect(await dialog.textContent()).toContain('أرسلنا رسالة تأكيد');
      expect(await sideOverflow(page)).toEqual([]);
      expect(await dialogFits(dialog)).toBe(true);
      await shot(page, `${session === phone ? 'phone' : 'laptop'}-pending-ar`);
      await page.keyboard.press('Escape');
    }
    // Each confirmation is written in the language the person's page was in.
    await expect.poll(() => smtp.received.length).toBe(2);
    await laptop.page.getByTestId('mail-status-refresh').click();
    await expect.poll(() => laptop.page.getByTestId('mail-counts').textContent()).toContain('أُرسلت: 2');
    await shot(laptop.page, 'laptop-status-ar');
  });

  it('names who did not get a mail, and why, for the facilitator', async () => {
    // An SMTP server that refuses one mailbox for good, as a real one refuses an unknown user.
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address === 'niemand@example.org') {
          const error = Object.assign(new Error('5.1.1 Recipient address rejected: User unknown'), {
            responseCode: 550,
          });
          callback(error);
          return;
        }
        callback();
      },
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback());
      },
    });
    refusing.listen(0, '127.0.0.1');
    await once(refusing.server, 'listening');
    cleanups.push(() => new Promise<void>((resolve) => refusing.close(() => resolve())));
    const { port } = refusing.server.address() as net.AddressInfo;
    const s = await server(`smtp://127.0.0.1:${port}`);
    const { laptop, phone } = await scene(s);
    const dialog = await openDialog(phone.page);
    await dialog.getByTestId('mail-address').fill('niemand@example.org');
    await dialog.getByTestId('mail-save').click();
    await expect.poll(() => dialog.getByTestId('mail-state').getAttribute('data-status')).toBe('pending');

    const status = laptop.page.getByTestId('mail-status');
    await expect
      .poll(
        async () => {
          await laptop.page.getByTestId('mail-status-refresh').click();
          return status.getByTestId('mail-failure').count();
        },
        { timeout: 15_000 },
      )
      .toBe(1);
    const failure = await status.getByTestId('mail-failure').textContent();
    expect(failure).toContain('Ayşe Demir');
    expect(failure).toContain('Bestätigungs-Mail: Der Mail-Server hat die Adresse abgelehnt');
    expect(failure).not.toContain('niemand@example.org');
    expect(await seriousA11yViolations(laptop.page)).toEqual([]);
    await shot(laptop.page, 'laptop-failure-de');
  });

  it('says calmly that this server sends no mail, and the facilitator keeps the copyable reminders', async () => {
    const s = await server(null);
    const { laptop, phone } = await scene(s);
    const dialog = await openDialog(phone.page);
    expect(await dialog.getByTestId('mail-off').textContent()).toContain(
      'Dieser Server verschickt keine E-Mails',
    );
    expect(await dialog.getByTestId('mail-address').count()).toBe(0);
    expect(await sideOverflow(phone.page)).toEqual([]);
    await shot(phone.page, 'phone-off-de');

    const facilitatorDialog = await openDialog(laptop.page);
    expect(await facilitatorDialog.getByTestId('mail-off').textContent()).toContain(
      'Erinnerungen an offene Konsensrunden können Sie weiter kopieren',
    );
    await laptop.page.keyboard.press('Escape');
    expect(await laptop.page.getByTestId('mail-status').count()).toBe(0);
  });
});
