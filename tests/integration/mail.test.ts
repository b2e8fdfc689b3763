import fs from 'node:fs/promises';
import type { MailSettingsResponse, MailStatusResponse } from '@common-ground/shared/api';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../server/src/config';
import { composeMail } from '../../server/src/mail/compose';
import { MAX_ATTEMPTS } from '../../server/src/mail/sender';
import { api, type SeededBoard, seedBoard } from '../helpers/clients';
import { createTestDatabase, databaseUrl, NO_DATABASE_REASON } from '../helpers/postgres';
import { makeDataDir, spawnServer, startTestServer, type TestServer } from '../helpers/server';
import { freePort, type ReceivedMail, startTestSmtp, type TestSmtp } from '../helpers/smtp';
import { waitFor } from '../helpers/wait';

const FROM = 'board@example.org';
const mailConfig = (smtpUrl: string): Config['mail'] => ({ smtpUrl, from: FROM });

/** The link in a mail's text that starts with `path` (the confirmation or the unsubscribe link). */
function linkIn(mail: ReceivedMail, path: string): string {
  const found = new RegExp(`https?://\\S+${path}\\?token=[\\w%-]+`).exec(mail.text);
  if (!found) throw new Error(`no ${path} link in: ${mail.text}`);
  return found[0];
}

describe('e-mail: double opt-in, one-click unsubscribe and the durable outbox', () => {
  const clock = { now: 1_800_000_000_000 };
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const smtpServer = async (port = 0): Promise<TestSmtp> => {
    const smtp = await startTestSmtp(port);
    cleanups.push(() => smtp.close());
    return smtp;
  };
  const server = async (config: Partial<Config> = {}): Promise<TestServer> => {
    const started = await startTestServer({ config: { now: () => clock.now, ...config } });
    cleanups.push(() => started.close());
    return started;
  };
  const sweep = async (s: TestServer): Promise<number> => {
    const sender = s.server.mailSender;
    if (!sender) throw new Error('mail is off on this server');
    return sender.sweep();
  };
  const setAddress = (s: TestServer, board: SeededBoard, token: string, body: unknown) =>
    api(s.url).request('PUT', `/api/boards/${board.boardId}/me/email`, { token, body });
  const status = async (s: TestServer, board: SeededBoard): Promise<MailStatusResponse> => {
    const res = await api(s.url).request('GET', `/api/boards/${board.boardId}/mail/status`, {
      token: board.facilitator.token,
    });
    expect(res.status).toBe(200);
    return res.body as MailStatusResponse;
  };

  it('sends nothing but the confirmation before the address is confirmed; the link works once', async () => {
    const smtp = await smtpServer();
    const s = await server({ mail: mailConfig(smtp.url) });
    const board = await seedBoard(s.url);
    const put = await setAddress(s, board, board.partnerA.token, { address: 'ayse@example.org' });
    expect(put.status).toBe(200);
    expect((put.body as MailSettingsResponse).status).toBe('pending');

    // A later kind of mail, queued for her before she confirmed: it waits.
    const early = composeMail({
      boardId: board.boardId,
      recipientId: board.partnerA.participantId,
      kind: 'digest',
      locale: 'de',
      subject: 'Was sich getan hat',
      blocks: [{ text: 'Zwei neue Ziele.' }],
      origin: s.url,
      now: clock.now,
    });
    expect(await s.server.storage.mail.enqueue(early)).toBe(true);
    await sweep(s);
    expect(smtp.received).toHaveLength(1);
    const [confirmation] = smtp.received as [ReceivedMail];
    expect(confirmation.to).toBe('ayse@example.org');
    expect(confirmation.from).toBe(FROM);
    expect(confirmation.subject).toContain('Runder Tisch Südstadt');
    expect(confirmation.text).toContain('Ayşe');
    expect(confirmation.html).toContain('<a href=');
    expect(confirmation.messageId).toMatch(/^<[0-9a-f-]{36}@127\.0\.0\.1>$/);
    expect(confirmation.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect((await status(s, board)).queued).toBe(1);

    const link = linkIn(confirmation, '/mail/confirm');
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Adresse bestätigt');
    const again = await fetch(link);
    expect(again.status).toBe(404);

    await sweep(s);
    expect(smtp.received.map((m) => m.subject)).toEqual([confirmation.subject, 'Was sich getan hat']);
    expect(smtp.received[1]?.messageId).toBe(early.messageId);
    const mine = await api(s.url).request('GET', `/api/boards/${board.boardId}/me/email`, {
      token: board.partnerA.token,
    });
    expect(mine.body).toMatchObject({ available: true, status: 'confirmed', address: 'ayse@example.org' });
    expect(await status(s, board)).toMatchObject({ queued: 0, sent: 2, failed: 0 });
  });

  it('unsubscribes with one POST to the List-Unsubscribe address, idempotently, and drops what was queued', async () => {
    const smtp = await smtpServer();
    const s = await server({ mail: mailConfig(smtp.url) });
    const board = await seedBoard(s.url);
    await setAddress(s, board, board.partnerB.token, { address: 'bernd@example.org', language: 'en' });
    await sweep(s);
    const [confirmation] = smtp.received as [ReceivedMail];
    expect(confirmation.subject).toContain('Please confirm');
    const header = confirmation.headers.get('list-unsubscribe') ?? '';
    const target = /^<(https?:\/\/[^>]+)>$/.exec(header)?.[1];
    expect(target).toContain('/mail/unsubscribe?token=');
    expect(target).toBe(linkIn(confirmation, '/mail/unsubscribe'));
    await fetch(linkIn(confirmation, '/mail/confirm'));
    await s.server.storage.mail.enqueue(
      composeMail({
        boardId: board.boardId,
        recipientId: board.partnerB.participantId,
        kind: 'digest',
        locale: 'en',
        subject: 'Queued',
        blocks: [{ text: 'x' }],
        origin: s.url,
        now: clock.now,
      }),
    );

    // A mail program's GET (a preview, a link scanner) changes nothing: the page has a button.
    const look = await fetch(target ?? '');
    expect(look.status).toBe(200);
    expect(await look.text()).toMatch(/<form method="post"[\s\S]*Unsubscribe/);
    const oneClick = () =>
      fetch(target ?? '', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
    const first = await oneClick();
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Unsubscribed');
    expect((await oneClick()).status).toBe(200);
    const mine = await api(s.url).request('GET', `/api/boards/${board.boardId}/me/email`, {
      token: board.partnerB.token,
    });
    expect(mine.body).toMatchObject({ status: 'none', address: null });
    await sweep(s);
    expect(smtp.received).toHaveLength(1);
    expect(await status(s, board)).toMatchObject({ queued: 0, sent: 1 });
  });

  it('keeps a mail queued while the SMTP server is down and sends it once it is up and the retry is due', async () => {
    const port = await freePort();
    const s = await server({ mail: mailConfig(`smtp://127.0.0.1:${port}`) });
    const board = await seedBoard(s.url);
    await setAddress(s, board, board.partnerA.token, { address: 'ayse@example.org' });
    expect(await sweep(s)).toBe(0);
    expect(await status(s, board)).toMatchObject({ queued: 1, sent: 0, failed: 0 });

    const smtp = await smtpServer(port);
    // Up again, but the retry is a minute away on the server's clock.
    expect(await sweep(s)).toBe(0);
    clock.now += 61_000;
    expect(await sweep(s)).toBe(1);
    expect(smtp.received.map((m) => m.to)).toEqual(['ayse@example.org']);
    expect(await status(s, board)).toMatchObject({ queued: 0, sent: 1, failed: 0 });
  });

  it('gives up after the last attempt and shows the facilitator whose mail failed, never the address', async () => {
    const s = await server({ mail: mailConfig(`smtp://127.0.0.1:${await freePort()}`) });
    const board = await seedBoard(s.url);
    await setAddress(s, board, board.partnerB.token, { address: 'bernd@example.org' });
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      await sweep(s);
      clock.now += 7 * 60 * 60_000;
    }
    const result = await status(s, board);
    expect(result).toMatchObject({ queued: 0, sent: 0, failed: 1 });
    expect(result.failures).toEqual([
      expect.objectContaining({
        participantId: board.partnerB.participantId,
        name: 'Bernd',
        kind: 'confirm',
        attempts: MAX_ATTEMPTS,
      }),
    ]);
    expect(JSON.stringify(result)).not.toContain('@');
    const partner = await api(s.url).request('GET', `/api/boards/${board.boardId}/mail/status`, {
      token: board.partnerA.token,
    });
    expect(partner.status).toBe(403);
  });

  it('sends each mail once after a SIGKILL that came while a mail was being handed over', async () => {
    const smtp = await smtpServer();
    const dataDir = await makeDataDir();
    cleanups.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    const env = { SMTP_URL: smtp.url, MAIL_FROM: FROM, RATE_LIMIT_API_PER_IP: '0' };
    const first = await spawnServer({ dataDir, env });
    cleanups.push(() => first.kill('SIGKILL'));
    const board = await seedBoard(first.url);
    const held = smtp.hold();
    const people = [
      [board.facilitator.token, 'moderation@example.org'],
      [board.partnerA.token, 'ayse@example.org'],
      [board.partnerB.token, 'bernd@example.org'],
    ] as const;
    for (const [token, address] of people) {
      const res = await api(first.url).request('PUT', `/api/boards/${board.boardId}/me/email`, {
        token,
        body: { address },
      });
      expect(res.status).toBe(200);
    }
    // The first mail is on the wire, unanswered, the others wait in the outbox: now the process dies.
    await held.waiting;
    await first.kill('SIGKILL');
    smtp.resume();

    const second = await spawnServer({ dataDir, env });
    cleanups.push(() => second.kill('SIGTERM'));
    await waitFor(() => smtp.received.length >= 3, { timeout: 10_000, message: 'three mails after restart' });
    const outbox = await api(second.url).request('GET', `/api/boards/${board.boardId}/mail/status`, {
      token: board.facilitator.token,
    });
    expect(outbox.body).toMatchObject({ queued: 0, sent: 3, failed: 0 });
    expect(smtp.received.map((m) => m.to).sort()).toEqual(people.map(([, address]) => address).sort());
  });

  describe.skipIf(!databaseUrl)(
    `two instances on one PostgreSQL database${databaseUrl ? '' : ` (${NO_DATABASE_REASON})`}`,
    () => {
      it('send each mail exactly once, however their sweeps overlap', async () => {
        const smtp = await smtpServer();
        const database = await createTestDatabase();
        cleanups.push(() => database.drop());
        const config = { mail: mailConfig(smtp.url), databaseUrl: database.url };
        const one = await server(config);
        const two = await server(config);
        const board = await seedBoard(one.url);
        await setAddress(one, board, board.partnerA.token, { address: 'ayse@example.org' });
        await waitFor(() => smtp.received.length > 0, { message: 'the confirmation' });
        const [confirmation] = smtp.received as [ReceivedMail];
        expect((await fetch(linkIn(confirmation, '/mail/confirm'))).status).toBe(200);
        const ids: string[] = [];
        for (let i = 0; i < 16; i++) {
          const mail = composeMail({
            boardId: board.boardId,
            recipientId: board.partnerA.participantId,
            kind: 'digest',
            locale: 'de',
            subject: `Mail ${i}`,
            blocks: [{ text: `Nummer ${i}` }],
            origin: one.url,
            now: clock.now,
          });
          ids.push(mail.messageId);
          await (i % 2 ? one : two).server.storage.mail.enqueue(mail);
        }
        await Promise.all([sweep(one), sweep(two), sweep(one), sweep(two)]);
        await waitFor(() => smtp.received.length >= 17, { message: 'all 17 mails' });
        const received = smtp.received.slice(1).map((m) => m.messageId);
        expect(received.sort()).toEqual([...ids].sort());
        expect(await status(two, board)).toMatchObject({ queued: 0, sent: 17 });
      });
    },
  );

  describe('hostile input', () => {
    it('takes only the caller’s own address on their own board', async () => {
      const smtp = await smtpServer();
      const s = await server({ mail: mailConfig(smtp.url) });
      const board = await seedBoard(s.url);
      const other = await seedBoard(s.url);
      const body = { address: 'ayse@example.org' };
      expect((await setAddress(s, other, board.partnerA.token, body)).status).toBe(403);
      expect(
        (await api(s.url).request('PUT', `/api/boards/${board.boardId}/me/email`, { body })).status,
      ).toBe(401);
      const bad = await api(s.url).request('PUT', '/api/boards/..%2F..%2Fetc/me/email', {
        token: board.partnerA.token,
        body,
      });
      expect(bad.status).toBe(404);
      expect(
        (
          await api(s.url).request('GET', `/api/boards/${other.boardId}/mail/status`, {
            token: board.facilitator.token,
          })
        ).status,
      ).toBe(403);
    });

    it('refuses huge, malformed and header-smuggling addresses, and stores or queues nothing for them', async () => {
      const smtp = await smtpServer();
      const s = await server({ mail: mailConfig(smtp.url) });
      const board = await seedBoard(s.url);
      const addresses = [
        `${'a'.repeat(250)}@example.org`,
        'not-an-address',
        'a@b',
        '',
        'a@b.c\r\nBcc: x@y.org',
        'a@b.c\nBcc: x@y.org',
        'Eve <eve@example.org>',
        'a@b.c, x@y.org',
      ];
      for (const address of addresses) {
        const res = await setAddress(s, board, board.partnerA.token, { address });
        expect(res.status, JSON.stringify(address)).toBe(400);
      }
      expect((await setAddress(s, board, board.partnerA.token, { address: 42 })).status).toBe(400);
      expect(
        (
          await setAddress(s, board, board.partnerA.token, {
            address: 'a@b.org',
            preferences: { digest: 'hourly' },
          })
        ).status,
      ).toBe(400);
      expect(await s.server.storage.mail.getRecipient(board.partnerA.participantId)).toBeNull();
      await sweep(s);
      expect(smtp.received).toEqual([]);
    });

    it('answers guessed, malformed and missing tokens with the invalid-link page', async () => {
      const s = await server({ mail: mailConfig(`smtp://127.0.0.1:${await freePort()}`) });
      const guessed = 'A'.repeat(43);
      for (const query of [`?token=${guessed}`, '?token=short', '?token=%00%0d%0a', '']) {
        const confirm = await fetch(`${s.url}/mail/confirm${query}`);
        expect(confirm.status).toBe(404);
        expect(await confirm.text()).toContain('Dieser Link funktioniert nicht');
        const unsubscribe = await fetch(`${s.url}/mail/unsubscribe${query}`, {
          method: 'POST',
          body: 'List-Unsubscribe=One-Click',
        });
        expect(unsubscribe.status).toBe(404);
      }
      expect((await fetch(`${s.url}/mail/confirm?token=x`, { method: 'DELETE' })).status).toBe(405);
      const flood = await fetch(`${s.url}/mail/unsubscribe?token=${guessed}`, {
        method: 'POST',
        body: 'x'.repeat(10_000),
      });
      expect(flood.status).toBe(413);
    });

    it('sends one confirmation per address per interval and a few per person, however often they ask', async () => {
      // The SMTP server is down: what the requests queued stays in the outbox to be counted.
      const s = await server({ mail: mailConfig(`smtp://127.0.0.1:${await freePort()}`) });
      const board = await seedBoard(s.url);
      for (let i = 0; i < 5; i++) {
        expect(
          (await setAddress(s, board, board.partnerA.token, { address: 'ayse@example.org' })).status,
        ).toBe(200);
      }
      expect((await status(s, board)).queued).toBe(1);
      // Someone else, on the same board or another, cannot make that address receive a second one now.
      const other = await setAddress(s, board, board.partnerB.token, { address: 'AYSE@example.org' });
      expect(other.status).toBe(429);
      expect(Number(other.headers.get('retry-after'))).toBeGreaterThan(0);
      // New addresses, one after the other: a few go out, then the person has to wait.
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++) {
        statuses.push(
          (await setAddress(s, board, board.partnerA.token, { address: `a${i}@example.org` })).status,
        );
      }
      expect(statuses.filter((code) => code === 200)).toHaveLength(4);
      expect(statuses.slice(4)).toEqual([429, 429, 429, 429]);
      // Only the newest confirmation is still queued: each change dropped the one before.
      expect((await status(s, board)).queued).toBe(1);
      expect(await s.server.storage.mail.getRecipient(board.partnerA.participantId)).toMatchObject({
        address: 'a3@example.org',
        confirmedAt: null,
      });
      // Once the interval has passed, the same address may be asked for again.
      clock.now += 11 * 60_000;
      expect((await setAddress(s, board, board.partnerB.token, { address: 'ayse@example.org' })).status).toBe(
        200,
      );
    });

    it('takes no address and queues nothing without SMTP_URL', async () => {
      const s = await server();
      const board = await seedBoard(s.url);
      const res = await setAddress(s, board, board.partnerA.token, { address: 'ayse@example.org' });
      expect(res.status).toBe(409);
      const mine = await api(s.url).request('GET', `/api/boards/${board.boardId}/me/email`, {
        token: board.partnerA.token,
      });
      expect(mine.body).toMatchObject({ available: false, status: 'none' });
      expect(await status(s, board)).toMatchObject({ available: false, queued: 0, sent: 0, failed: 0 });
    });

    it('deletes the address and every mail still queued to it', async () => {
      const s = await server({ mail: mailConfig(`smtp://127.0.0.1:${await freePort()}`) });
      const board = await seedBoard(s.url);
      await setAddress(s, board, board.partnerA.token, { address: 'ayse@example.org' });
      expect((await status(s, board)).queued).toBe(1);
      const res = await api(s.url).request('DELETE', `/api/boards/${board.boardId}/me/email`, {
        token: board.partnerA.token,
      });
      expect(res.status).toBe(204);
      expect(await s.server.storage.mail.getRecipient(board.partnerA.participantId)).toBeNull();
      expect((await status(s, board)).queued).toBe(0);
    });
  });
});
