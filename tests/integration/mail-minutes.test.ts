import {
  type MailPreferences,
  type Meeting,
  MeetingSchema,
  MinutesResponse,
} from '@common-ground/shared/api';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../server/src/config';
import type { MailNotifier } from '../../server/src/mail/notifier';
import { api, type SeededBoard, seedBoard } from '../helpers/clients';
import { createTestDatabase, databaseUrl, NO_DATABASE_REASON } from '../helpers/postgres';
import { startTestServer, type TestServer } from '../helpers/server';
import { type ReceivedMail, startTestSmtp, type TestSmtp } from '../helpers/smtp';

const FROM = 'board@example.org';
const HOUR = 60 * 60_000;
/** Wednesday 13 January 2027, 11:00 in Berlin. */
const START = Date.UTC(2027, 0, 13, 10);
/** Wednesday 20 January 2027, 18:00 in Berlin (CET, UTC+1). */
const MEETING_AT = Date.UTC(2027, 0, 20, 17);

const NONE: MailPreferences = {
  digest: 'off',
  roundAwaits: false,
  outcomes: false,
  invitations: false,
  minutes: false,
};

type Person = 'facilitator' | 'partnerA' | 'partnerB' | 'observer';

describe('e-mail: finalised minutes to everyone who chose them, with the Markdown attached', () => {
  const clock = { now: START };
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    clock.now = START;
  });

  const smtpServer = async (): Promise<TestSmtp> => {
    const smtp = await startTestSmtp();
    cleanups.push(() => smtp.close());
    return smtp;
  };
  const server = async (smtp: TestSmtp, config: Partial<Config> = {}): Promise<TestServer> => {
    const started = await startTestServer({
      config: { now: () => clock.now, mail: { smtpUrl: smtp.url, from: FROM }, ...config },
    });
    cleanups.push(() => started.close());
    return started;
  };
  const notifier = (s: TestServer): MailNotifier => {
    const found = s.server.mailNotifier;
    if (!found) throw new Error('mail is off on this server');
    return found;
  };
  const deliver = async (s: TestServer): Promise<void> => {
    await notifier(s).settled();
    await s.server.mailSender?.sweep();
  };
  const mailsTo = (smtp: TestSmtp, address: string): ReceivedMail[] =>
    smtp.received.filter((m) => m.to === address);
  const minutesMails = (smtp: TestSmtp): ReceivedMail[] =>
    smtp.received.filter((m) => m.attachments.some((a) => a.filename.endsWith('.md')));

  const setAddress = async (
    s: TestServer,
    board: SeededBoard,
    who: Person,
    address: string,
    preferences: Partial<MailPreferences>,
    language: string,
  ) => {
    const res = await api(s.url).request('PUT', `/api/boards/${board.boardId}/me/email`, {
      token: board[who].token,
      body: { address, language, preferences: { ...NONE, ...preferences } },
    });
    expect(res.status).toBe(200);
  };
  /** The real double opt-in: the address is set, the confirmation mail goes out and its link is opened. */
  const optIn = async (
    s: TestServer,
    smtp: TestSmtp,
    board: SeededBoard,
    who: Person,
    address: string,
    preferences: Partial<MailPreferences>,
    language = 'de',
  ): Promise<void> => {
    await setAddress(s, board, who, address, preferences, language);
    await s.server.mailSender?.sweep();
    const confirmation = mailsTo(smtp, address).at(-1);
    const link = confirmation && /https?:\/\/\S+\/mail\/confirm\?token=[\w%-]+/.exec(confirmation.text)?.[0];
    if (!link) throw new Error(`no confirmation mail to ${address}`);
    expect((await fetch(link)).status).toBe(200);
  };
  const schedule = async (
    s: TestServer,
    board: SeededBoard,
    title = 'Runder Tisch Südstadt',
  ): Promise<Meeting> => {
    const res = await api(s.url).request('POST', `/api/boards/${board.boardId}/meetings`, {
      token: board.facilitator.token,
      body: { title, start: MEETING_AT, end: MEETING_AT + 2 * HOUR, place: 'Bürgerhaus, Saal 2' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return MeetingSchema.parse(res.body);
  };
  const finalise = async (s: TestServer, board: SeededBoard, meetingId: string): Promise<MinutesResponse> => {
    const res = await api(s.url).request(
      'POST',
      `/api/boards/${board.boardId}/meetings/${meetingId}/minutes/finalise`,
      { token: board.facilitator.token, body: { version: 0 } },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return MinutesResponse.parse(res.body);
  };

  /**
   * Ayşe (German) and the observer (Persian) chose minutes and confirmed; Bernd confirmed but turned minutes off;
   * the facilitator chose them but never confirmed the address.
   */
  const recipients = async (s: TestServer, smtp: TestSmtp, board: SeededBoard): Promise<void> => {
    await optIn(s, smtp, board, 'partnerA', 'ayse@example.org', { minutes: true });
    await optIn(s, smtp, board, 'partnerB', 'bernd@example.org', { minutes: false, outcomes: true }, 'en');
    await optIn(s, smtp, board, 'observer', 'beamer@example.org', { minutes: true }, 'fa');
    await setAddress(s, board, 'facilitator', 'moderation@example.org', { minutes: true }, 'de');
  };

  it('sends each opted-in, confirmed recipient one mail in their language with the minutes attached', async () => {
    const smtp = await smtpServer();
    const s = await server(smtp);
    const board = await seedBoard(s.url);
    await recipients(s, smtp, board);
    const meeting = await schedule(s, board);
    await deliver(s);
    expect(minutesMails(smtp)).toEqual([]);

    clock.now = MEETING_AT + 3 * HOUR;
    const final = await finalise(s, board, meeting.id);
    expect(final.status).toBe('final');
    await deliver(s);

    const sent = minutesMails(smtp);
    expect(sent.map((m) => m.to).sort()).toEqual(['ayse@example.org', 'beamer@example.org']);
    const ayse = mailsTo(smtp, 'ayse@example.org').at(-1) as ReceivedMail;
    expect(ayse.subject).toBe('Protokoll: „Runder Tisch Südstadt“ am 20. Januar 2027');
    expect(ayse.text).toContain('Guten Tag Ayşe,');
    expect(ayse.text).toContain('hat das Protokoll des Treffens „Runder Tisch Südstadt“ am 20. Januar 2027');
    expect(ayse.text).toContain(`${s.url}/b/${board.boardId}/minutes/${meeting.id}`);
    expect(ayse.headers.get('list-unsubscribe')).toMatch(/\/mail\/unsubscribe\?token=/);
    expect(ayse.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(ayse.attachments).toHaveLength(1);
    const [file] = ayse.attachments;
    expect(file?.filename).toBe('Protokoll-2027-01-20.md');
    expect(file?.contentType).toBe('text/markdown');
    expect(file?.content).toMatch(/^# Protokoll: Runder Tisch Südstadt\n/);
    expect(file?.content).toContain('Zeit: Mittwoch, 20. Januar 2027 um 18:00 bis 20:00 (Europe/Berlin)');
    expect(file?.content).toContain('Status: abgeschlossen am');

    const persian = mailsTo(smtp, 'beamer@example.org').at(-1) as ReceivedMail;
    expect(persian.subject).toMatch(/^صورت‌جلسه: /);
    expect(persian.attachments[0]?.content).toMatch(/^# صورت‌جلسه: /);
    expect(persian.attachments[0]?.filename).toMatch(/\.md$/);

    // The service's event, the sweep's catch-up and a second call: each person still has one mail.
    notifier(s).minutesFinalised(board.boardId, meeting.id);
    await notifier(s).sweep(clock.now);
    await deliver(s);
    expect(minutesMails(smtp)).toHaveLength(2);
  });

  it('sends nothing for a draft, for another board’s meeting, or after the choice was turned off', async () => {
    const smtp = await smtpServer();
    const s = await server(smtp);
    const board = await seedBoard(s.url);
    const other = await seedBoard(s.url);
    await recipients(s, smtp, board);
    const draft = await schedule(s, board, 'Noch ein Entwurf');
    const meeting = await schedule(s, board);
    const foreign = await schedule(s, other, 'Fremdes Treffen');
    await deliver(s);
    clock.now = MEETING_AT + 3 * HOUR;

    // A draft sends nothing, even when asked; the other board's finalised minutes never reach this board.
    notifier(s).minutesFinalised(board.boardId, draft.id);
    await finalise(s, other, foreign.id);
    notifier(s).minutesFinalised(board.boardId, foreign.id);
    await deliver(s);
    expect(minutesMails(smtp)).toEqual([]);

    // Ayşe turns minutes off before they are finalised: the mail goes to the observer only.
    await setAddress(s, board, 'partnerA', 'ayse@example.org', { minutes: false }, 'de');
    await finalise(s, board, meeting.id);
    await deliver(s);
    expect(minutesMails(smtp).map((m) => m.to)).toEqual(['beamer@example.org']);
  });

  describe.skipIf(!databaseUrl)(`on PostgreSQL${databaseUrl ? '' : ` (${NO_DATABASE_REASON})`}`, () => {
    it('two instances sharing the database queue and send each person’s minutes once', async () => {
      const database = await createTestDatabase();
      cleanups.push(() => database.drop());
      const smtp = await smtpServer();
      const a = await server(smtp, { databaseUrl: database.url });
      const b = await server(smtp, { databaseUrl: database.url });
      const board = await seedBoard(a.url);
      await recipients(a, smtp, board);
      const meeting = await schedule(a, board);
      await deliver(a);
      clock.now = MEETING_AT + 3 * HOUR;
      await finalise(a, board, meeting.id);
      await notifier(a).settled();
      // The other instance catches up on the same finalisation (as after a crash of the first): nothing new.
      await notifier(b).sweep(clock.now);
      await Promise.all([a.server.mailSender?.sweep(), b.server.mailSender?.sweep()]);
      expect(
        minutesMails(smtp)
          .map((m) => m.to)
          .sort(),
      ).toEqual(['ayse@example.org', 'beamer@example.org']);
    });
  });
});
