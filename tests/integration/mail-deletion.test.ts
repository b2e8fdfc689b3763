import type { MailPreferences } from '@common-ground/shared/api';
import { afterEach, describe, expect, it } from 'vitest';
import { api, type SeededBoard, seedBoard } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';
import { type ReceivedMail, startTestSmtp, type TestSmtp } from '../helpers/smtp';

const FROM = 'board@example.org';
const DAY = 24 * 60 * 60 * 1000;
/** Wednesday 13 January 2027, 11:00 in Berlin. */
const START = Date.UTC(2027, 0, 13, 10);

/** Every kind of mail off: the deletion notice goes to a confirmed address whatever its choices. */
const NONE: MailPreferences = {
  digest: 'off',
  roundAwaits: false,
  outcomes: false,
  invitations: false,
  minutes: false,
};

type Person = 'facilitator' | 'partnerA' | 'partnerB' | 'observer';

describe('e-mail: a board’s deletion is announced to everyone on it with a confirmed address', () => {
  const clock = { now: START };
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    clock.now = START;
  });

  const setUp = async (): Promise<{ smtp: TestSmtp; server: TestServer; board: SeededBoard }> => {
    const smtp = await startTestSmtp();
    cleanups.push(() => smtp.close());
    const server = await startTestServer({
      config: { now: () => clock.now, mail: { smtpUrl: smtp.url, from: FROM } },
    });
    cleanups.push(() => server.close());
    return { smtp, server, board: await seedBoard(server.url) };
  };
  const mailsTo = (smtp: TestSmtp, address: string): ReceivedMail[] =>
    smtp.received.filter((m) => m.to === address);
  const setAddress = async (
    s: TestServer,
    board: SeededBoard,
    who: Person,
    address: string,
    language: string,
  ) => {
    const res = await api(s.url).request('PUT', `/api/boards/${board.boardId}/me/email`, {
      token: board[who].token,
      body: { address, language, preferences: NONE },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  const optIn = async (
    s: TestServer,
    smtp: TestSmtp,
    board: SeededBoard,
    who: Person,
    address: string,
    language: string,
  ) => {
    await setAddress(s, board, who, address, language);
    await s.server.mailSender?.sweep();
    const link = /https?:\/\/\S+\/mail\/confirm\?token=[\w%-]+/.exec(
      mailsTo(smtp, address).at(-1)?.text ?? '',
    )?.[0];
    if (!link) throw new Error(`no confirmation mail to ${address}`);
    expect((await fetch(link)).status).toBe(200);
  };
  const request = (s: TestServer, board: SeededBoard, action: 'delete' | 'restore-deletion') =>
    api(s.url).request('POST', `/api/boards/${board.boardId}/${action}`, { token: board.facilitator.token });

  it('sends one mail in each confirmed recipient’s language, with the date, and none twice', async () => {
    const { smtp, server, board } = await setUp();
    await optIn(server, smtp, board, 'partnerA', 'ayse@example.org', 'tr');
    await optIn(server, smtp, board, 'observer', 'beamer@example.org', 'de');
    await setAddress(server, board, 'partnerB', 'bernd@example.org', 'en');
    await server.server.mailSender?.sweep();
    const before = smtp.received.length;

    expect((await request(server, board, 'delete')).status).toBe(200);
    await server.server.mailSender?.sweep();
    const sent = smtp.received.slice(before);
    expect(sent.map((m) => m.to).sort()).toEqual(['ayse@example.org', 'beamer@example.org']);
    const german = sent.find((m) => m.to === 'beamer@example.org');
    expect(german?.subject).toBe('Das Board „Runder Tisch Südstadt“ wird am 12. Februar 2027 gelöscht');
    expect(german?.text).toContain('rückgängig');
    expect(sent.find((m) => m.to === 'ayse@example.org')?.subject).toContain('silinecek');

    // Asking again while it is pending tells nobody anything new.
    clock.now += DAY;
    expect((await request(server, board, 'delete')).status).toBe(200);
    await server.server.mailSender?.sweep();
    expect(smtp.received.length).toBe(before + 2);
  });

  it('a notice is wanted only while its deletion is pending; a new request is announced again', async () => {
    const { smtp, server, board } = await setUp();
    await optIn(server, smtp, board, 'partnerA', 'ayse@example.org', 'de');
    await server.server.mailSender?.sweep();
    const before = smtp.received.length;
    expect((await request(server, board, 'delete')).status).toBe(200);
    await server.server.mailSender?.sweep();
    const [first] = smtp.received.slice(before);
    expect(first?.to).toBe('ayse@example.org');
    const notifier = server.server.mailNotifier;
    if (!notifier) throw new Error('mail is off');
    // What the sender asks before sending a claimed mail: the notice of this request, for this board.
    const claimed = {
      id: 'm1',
      boardId: board.boardId,
      recipientId: board.partnerA.participantId,
      kind: 'deletion',
      subject: '',
      text: '',
      html: '',
      headers: {},
      messageId: '<m1@example.org>',
      unsubscribeTokenHash: 'x',
      dedupeKey: `deletion:${START}:${board.partnerA.participantId}`,
      attachments: [],
      createdAt: START,
      address: 'ayse@example.org',
      attempts: 1,
    };
    expect(await notifier.stillWanted(claimed)).toBe(true);
    expect((await request(server, board, 'restore-deletion')).status).toBe(200);
    expect(await notifier.stillWanted(claimed)).toBe(false);

    clock.now += DAY;
    expect((await request(server, board, 'delete')).status).toBe(200);
    // The old request's notice stays unwanted; the new one is sent.
    expect(await notifier.stillWanted(claimed)).toBe(false);
    await server.server.mailSender?.sweep();
    expect(smtp.received.slice(before).map((m) => m.to)).toEqual(['ayse@example.org', 'ayse@example.org']);
  });
});
