import { MAX_MAIL_SENDER_NAME_CHARS, type MailStatusResponse } from '@common-ground/shared/api';
import { afterEach, describe, expect, it } from 'vitest';
import { composeMail } from '../../server/src/mail/compose';
import { api, type SeededBoard, seedBoard } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';
import { type ReceivedMail, startTestSmtp, type TestSmtp } from '../helpers/smtp';

const FROM = 'board@example.org';

describe('e-mail: the sender name of a board’s mails', () => {
  const clock = { now: 1_800_000_000_000 };
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const setup = async (): Promise<{ s: TestServer; smtp: TestSmtp; board: SeededBoard }> => {
    const smtp = await startTestSmtp();
    cleanups.push(() => smtp.close());
    const s = await startTestServer({
      config: { now: () => clock.now, mail: { smtpUrl: smtp.url, from: FROM } },
    });
    cleanups.push(() => s.close());
    const board = await seedBoard(s.url);
    return { s, smtp, board };
  };
  const setSender = (s: TestServer, board: SeededBoard, token: string, name: unknown) =>
    api(s.url).request('PUT', `/api/boards/${board.boardId}/mail/sender`, { token, body: { name } });

  /** Confirms Ayşe's address for real (the confirmation is the first mail under the board's name). */
  const confirmAyse = async (s: TestServer, smtp: TestSmtp, board: SeededBoard): Promise<ReceivedMail> => {
    const put = await api(s.url).request('PUT', `/api/boards/${board.boardId}/me/email`, {
      token: board.partnerA.token,
      body: { address: 'ayse@example.org' },
    });
    expect(put.status).toBe(200);
    await s.server.mailSender?.sweep();
    const confirmation = smtp.received.at(-1) as ReceivedMail;
    const link = /https?:\/\/\S+\/mail\/confirm\?token=[\w%-]+/.exec(confirmation.text)?.[0];
    expect((await fetch(link ?? '')).status).toBe(200);
    return confirmation;
  };
  /** One more mail to Ayşe through the outbox, as any notice goes: the From is read when it is sent. */
  const mailAyse = async (s: TestServer, smtp: TestSmtp, board: SeededBoard): Promise<ReceivedMail> => {
    const mail = composeMail({
      boardId: board.boardId,
      recipientId: board.partnerA.participantId,
      kind: 'digest',
      locale: 'de',
      subject: 'Was sich getan hat',
      blocks: [{ text: 'Zwei neue Ziele.' }],
      origin: s.url,
      now: clock.now,
    });
    expect(await s.server.storage.mail.enqueue(mail)).toBe(true);
    const before = smtp.received.length;
    await s.server.mailSender?.sweep();
    expect(smtp.received).toHaveLength(before + 1);
    return smtp.received.at(-1) as ReceivedMail;
  };

  it('sends under the board’s title, or the name the facilitator set, always from MAIL_FROM’s address', async () => {
    const { s, smtp, board } = await setup();
    const confirmation = await confirmAyse(s, smtp, board);
    expect(confirmation.fromHeader).toEqual({ name: 'Runder Tisch Südstadt', address: FROM });

    const set = await setSender(s, board, board.facilitator.token, '  Stadtteilrunde Nordstadt  ');
    expect(set.status).toBe(200);
    expect(set.body as MailStatusResponse).toMatchObject({
      senderName: 'Stadtteilrunde Nordstadt',
      defaultSenderName: 'Runder Tisch Südstadt',
    });
    const named = await mailAyse(s, smtp, board);
    expect(named.fromHeader).toEqual({ name: 'Stadtteilrunde Nordstadt', address: FROM });
    expect(named.headers.get('from')).toBe(`Stadtteilrunde Nordstadt <${FROM}>`);
    expect(named.from).toBe(FROM);

    // Blank or null: the board's title again.
    expect((await setSender(s, board, board.facilitator.token, '   ')).status).toBe(200);
    expect((await mailAyse(s, smtp, board)).fromHeader.name).toBe('Runder Tisch Südstadt');
    await setSender(s, board, board.facilitator.token, 'Zwischendurch');
    const reset = await setSender(s, board, board.facilitator.token, null);
    expect((reset.body as MailStatusResponse).senderName).toBeNull();
    expect((await mailAyse(s, smtp, board)).fromHeader.name).toBe('Runder Tisch Südstadt');

    const status = await api(s.url).request('GET', `/api/boards/${board.boardId}/mail/status`, {
      token: board.facilitator.token,
    });
    expect(status.body as MailStatusResponse).toMatchObject({ senderName: null });
  });

  it('refuses other people, line breaks, control characters and names too long; stores nothing then', async () => {
    const { s, smtp, board } = await setup();
    await confirmAyse(s, smtp, board);
    expect((await setSender(s, board, board.partnerA.token, 'Mieterverein')).status).toBe(403);
    expect((await setSender(s, board, board.observer.token, 'Beamer')).status).toBe(403);
    const other = await seedBoard(s.url);
    // A facilitator of another board, on this board's path: not this board's facilitator.
    expect((await setSender(s, board, other.facilitator.token, 'Fremd')).status).toBe(403);
    for (const name of [
      'Nord\r\nBcc: evil@example.org',
      'Nord\nSubject: gewonnen',
      'Nord\rX',
      'Tab\there',
      'Null\u0000byte',
      'Zeile\u2028Trenner',
      'x'.repeat(MAX_MAIL_SENDER_NAME_CHARS + 1),
      42,
      ['Nord'],
    ]) {
      const res = await setSender(s, board, board.facilitator.token, name);
      expect(res.status, JSON.stringify(name)).toBe(400);
    }
    expect(
      (
        await api(s.url).request('PUT', `/api/boards/${board.boardId}/mail/sender`, {
          token: board.facilitator.token,
          body: { name: 'Nord', extra: true },
        })
      ).status,
    ).toBe(400);
    expect(await s.server.storage.mail.getSenderName(board.boardId)).toBeNull();
    expect(
      (await setSender(s, board, board.facilitator.token, 'x'.repeat(MAX_MAIL_SENDER_NAME_CHARS))).status,
    ).toBe(200);
    expect((await mailAyse(s, smtp, board)).fromHeader.name).toBe('x'.repeat(MAX_MAIL_SENDER_NAME_CHARS));
  });

  it('keeps quotes, angle brackets and would-be encoded words inside the display name', async () => {
    const { s, smtp, board } = await setup();
    await confirmAyse(s, smtp, board);

    const quoted = 'Nord" <evil@example.org>, "Süd';
    expect((await setSender(s, board, board.facilitator.token, quoted)).status).toBe(200);
    const first = await mailAyse(s, smtp, board);
    expect(first.fromHeader).toEqual({ name: quoted, address: FROM });
    expect(first.to).toBe('ayse@example.org');
    expect(first.headers.has('bcc')).toBe(false);
    expect(first.headers.has('reply-to')).toBe(false);

    // "Evil <evil@example.org>" as an RFC 2047 encoded word: shown as typed (with its "=?" broken), never decoded.
    const encoded = '=?utf-8?B?RXZpbCA8ZXZpbEBleGFtcGxlLm9yZz4=?=';
    expect((await setSender(s, board, board.facilitator.token, encoded)).status).toBe(200);
    const second = await mailAyse(s, smtp, board);
    expect(second.fromHeader.address).toBe(FROM);
    expect(second.fromHeader.name).not.toContain('evil@example.org');
    expect(second.fromHeader.name).toBe('= ?utf-8?B?RXZpbCA8ZXZpbEBleGFtcGxlLm9yZz4= ?=');

    const arabic = 'مائدة الحي المستديرة';
    expect((await setSender(s, board, board.facilitator.token, arabic)).status).toBe(200);
    expect((await mailAyse(s, smtp, board)).fromHeader).toEqual({ name: arabic, address: FROM });
  });
});
