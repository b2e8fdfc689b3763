import { type MailPreferences, type Meeting, MeetingSchema } from '@common-ground/shared/api';
import ICAL from 'ical.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../server/src/config';
import { INVITATION_SETTLE_MS } from '../../server/src/mail/invitations';
import type { MailNotifier } from '../../server/src/mail/notifier';
import { api, createClientPool, type SeededBoard, seedBoard } from '../helpers/clients';
import { createTestDatabase, databaseUrl, NO_DATABASE_REASON } from '../helpers/postgres';
import { addGoal } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';
import { type ReceivedMail, startTestSmtp, type TestSmtp } from '../helpers/smtp';

const FROM = 'Runder Tisch <board@example.org>';
const HOUR = 60 * 60_000;
/** Wednesday 13 January 2027, 11:00 in Berlin (10:00 UTC). */
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

const parse = (ics: string) => new ICAL.Component(ICAL.parse(ics));
const vevent = (ics: string) => parse(ics).getFirstSubcomponent('vevent');

/** The one .ics a mail carries, with the method its Content-Type names. */
function icsOf(mail: ReceivedMail): { ics: string; method: string } {
  expect(mail.attachments).toHaveLength(1);
  const [file] = mail.attachments;
  if (!file) throw new Error('no attachment');
  expect(file.contentType).toBe('text/calendar');
  expect(file.filename).toBe('invite.ics');
  return { ics: file.content, method: file.params.method ?? '' };
}

describe('e-mail invitations to meetings: scheduled, changed, cancelled, each with its .ics', () => {
  const clock = { now: START };
  const cleanups: (() => Promise<void> | void)[] = [];
  const pool = createClientPool();
  afterEach(async () => {
    pool.destroyAll();
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
  /** Whatever the meeting service started is queued, then the outbox is sent (what is due by the clock). */
  const deliver = async (s: TestServer): Promise<void> => {
    await notifier(s).settled();
    await s.server.mailSender?.sweep();
  };
  /** Invitations wait INVITATION_SETTLE_MS in the outbox: the clock passes that, then the outbox is sent. */
  const settleAndDeliver = async (s: TestServer): Promise<void> => {
    await notifier(s).settled();
    clock.now += INVITATION_SETTLE_MS + 1000;
    await deliver(s);
  };
  const mailsTo = (smtp: TestSmtp, address: string): ReceivedMail[] =>
    smtp.received.filter((m) => m.to === address);
  const invitationsIn = (smtp: TestSmtp): ReceivedMail[] =>
    smtp.received.filter((m) => m.attachments.length > 0);

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

  const meetingsPath = (board: SeededBoard, rest = '') => `/api/boards/${board.boardId}/meetings${rest}`;
  const schedule = async (
    s: TestServer,
    board: SeededBoard,
    body: Record<string, unknown>,
  ): Promise<Meeting> => {
    const res = await api(s.url).request('POST', meetingsPath(board), {
      token: board.facilitator.token,
      body: { title: 'Runder Tisch Südstadt', start: MEETING_AT, end: MEETING_AT + 2 * HOUR, ...body },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return MeetingSchema.parse(res.body);
  };
  const change = async (s: TestServer, board: SeededBoard, id: string, body: Record<string, unknown>) => {
    const res = await api(s.url).request('PUT', meetingsPath(board, `/${id}`), {
      token: board.facilitator.token,
      body,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return MeetingSchema.parse(res.body);
  };
  const cancel = async (s: TestServer, board: SeededBoard, id: string) => {
    const res = await api(s.url).request('POST', meetingsPath(board, `/${id}/cancel`), {
      token: board.facilitator.token,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };
  /** The meeting's .ics as the endpoint serves it: the invitation's file must carry the same UID and SEQUENCE. */
  const endpointFile = async (s: TestServer, board: SeededBoard, id: string): Promise<string> => {
    const res = await fetch(`${s.url}${meetingsPath(board, `/${id}.ics`)}`, {
      headers: { authorization: `Bearer ${board.partnerA.token}` },
    });
    expect(res.status).toBe(200);
    return res.text();
  };

  it('invites every opted-in confirmed recipient in their language, updates them on a change, and cancels', async () => {
    const smtp = await smtpServer();
    const s = await server(smtp);
    const board = await seedBoard(s.url);
    await optIn(s, smtp, board, 'partnerA', 'ayse@example.org', { invitations: true });
    await optIn(s, smtp, board, 'partnerB', 'bernd@example.org', { invitations: true }, 'en');
    // Without the choice, and with the choice but an address never confirmed: no invitation.
    await optIn(s, smtp, board, 'observer', 'beamer@example.org', { roundAwaits: true });
    await setAddress(s, board, 'facilitator', 'moderation@example.org', { invitations: true }, 'de');
    const writer = pool.connect(s.url, board.boardId, board.partnerA.token);
    const goalId = await addGoal(s.server, board.boardId, writer, 'Spielplatz am Bach', 'Neu bauen');
    await deliver(s);
    const before = smtp.received.length;

    const meeting = await schedule(s, board, {
      place: 'Bürgerhaus, Saal 2',
      agenda: [
        { kind: 'item', text: 'Begrüßung' },
        { kind: 'goal', goalId },
      ],
    });
    // Nothing before the settling time: a quick correction would replace the mail.
    await deliver(s);
    expect(smtp.received).toHaveLength(before);
    await settleAndDeliver(s);
    const invited = smtp.received.slice(before);
    expect(invited.map((m) => m.to).sort()).toEqual(['ayse@example.org', 'bernd@example.org']);

    const ayse = mailsTo(smtp, 'ayse@example.org').at(-1) as ReceivedMail;
    expect(ayse.subject).toBe('Einladung: „Runder Tisch Südstadt“ am 20. Januar 2027');
    expect(ayse.text).toContain('Die Moderation des Boards „Runder Tisch Südstadt“ lädt Sie zum Treffen');
    expect(ayse.text).toContain('Wann: 20. Januar 2027 um 18:00 bis 20:00 (Berliner Zeit)');
    expect(ayse.text).toContain('Wo: Bürgerhaus, Saal 2');
    expect(ayse.text).toContain('Tagesordnung\n- Begrüßung\n- Ziel „Spielplatz am Bach“');
    expect(ayse.text).toContain(`${s.url}/b/${board.boardId}`);
    expect(ayse.headers.get('list-unsubscribe')).toMatch(/\/mail\/unsubscribe\?token=/);
    const first = icsOf(ayse);
    expect(first.method).toBe('REQUEST');
    const fromEndpoint = vevent(await endpointFile(s, board, meeting.id));
    const event = vevent(first.ics);
    expect(parse(first.ics).getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event?.getFirstPropertyValue('uid')).toBe(fromEndpoint?.getFirstPropertyValue('uid'));
    expect(event?.getFirstPropertyValue('sequence')).toBe(0);
    expect(event?.getFirstPropertyValue('organizer')).toBe('mailto:board@example.org');
    expect(String(event?.getFirstPropertyValue('dtstart'))).toBe('2027-01-20T18:00:00');

    const bernd = mailsTo(smtp, 'bernd@example.org').at(-1) as ReceivedMail;
    expect(bernd.subject).toBe('Invitation: “Runder Tisch Südstadt” on January 20, 2027');
    expect(bernd.text).toContain('When: January 20, 2027 at 6:00');
    expect(bernd.text).toContain('(Berlin time)');

    // A change: one update per recipient, SEQUENCE 1, same UID.
    const moved = await change(s, board, meeting.id, {
      start: MEETING_AT + HOUR,
      end: MEETING_AT + 3 * HOUR,
    });
    expect(moved.sequence).toBe(1);
    const beforeUpdate = smtp.received.length;
    await settleAndDeliver(s);
    const updates = smtp.received.slice(beforeUpdate);
    expect(updates.map((m) => m.to).sort()).toEqual(['ayse@example.org', 'bernd@example.org']);
    const update = mailsTo(smtp, 'ayse@example.org').at(-1) as ReceivedMail;
    expect(update.subject).toBe('Geändert: „Runder Tisch Südstadt“ am 20. Januar 2027');
    expect(update.text).toContain('Wann: 20. Januar 2027 um 19:00 bis 21:00 (Berliner Zeit)');
    const updated = icsOf(update);
    expect(updated.method).toBe('REQUEST');
    expect(vevent(updated.ics)?.getFirstPropertyValue('sequence')).toBe(1);
    expect(vevent(updated.ics)?.getFirstPropertyValue('uid')).toBe(event?.getFirstPropertyValue('uid'));
    expect(vevent(await endpointFile(s, board, meeting.id))?.getFirstPropertyValue('sequence')).toBe(1);

    // Cancelled: METHOD:CANCEL, STATUS:CANCELLED, SEQUENCE 2.
    await cancel(s, board, meeting.id);
    const beforeCancel = smtp.received.length;
    await settleAndDeliver(s);
    const cancellations = smtp.received.slice(beforeCancel);
    expect(cancellations.map((m) => m.to).sort()).toEqual(['ayse@example.org', 'bernd@example.org']);
    const cancelled = mailsTo(smtp, 'ayse@example.org').at(-1) as ReceivedMail;
    expect(cancelled.subject).toBe('Abgesagt: „Runder Tisch Südstadt“ am 20. Januar 2027');
    const cancelFile = icsOf(cancelled);
    expect(cancelFile.method).toBe('CANCEL');
    expect(parse(cancelFile.ics).getFirstPropertyValue('method')).toBe('CANCEL');
    expect(vevent(cancelFile.ics)?.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(vevent(cancelFile.ics)?.getFirstPropertyValue('sequence')).toBe(2);

    // The same versions again, from the event and the sweep's catch-up (a restart): nothing more.
    const total = smtp.received.length;
    notifier(s).meetingChanged(board.boardId, meeting.id);
    await notifier(s).sweep(clock.now);
    await settleAndDeliver(s);
    expect(smtp.received).toHaveLength(total);
  });

  it('sends one mail per recipient, the latest version, for a flood of 50 changes in a second', async () => {
    const smtp = await smtpServer();
    const s = await server(smtp);
    const board = await seedBoard(s.url);
    await optIn(s, smtp, board, 'partnerA', 'ayse@example.org', { invitations: true });
    await optIn(s, smtp, board, 'partnerB', 'bernd@example.org', { invitations: true }, 'en');
    const before = smtp.received.length;
    const meeting = await schedule(s, board, { place: 'Raum 0' });
    for (let i = 1; i <= 50; i++) {
      await change(s, board, meeting.id, { place: `Raum ${i}` });
      // The sender looks at the outbox as often as it likes meanwhile: nothing is due yet.
      if (i % 10 === 0) await deliver(s);
    }
    expect(smtp.received).toHaveLength(before);
    await settleAndDeliver(s);
    const sent = invitationsIn(smtp);
    expect(sent.map((m) => m.to).sort()).toEqual(['ayse@example.org', 'bernd@example.org']);
    for (const mail of sent) {
      // Nobody had an earlier version: it is an invitation, with the meeting as it is now.
      expect(vevent(icsOf(mail).ics)?.getFirstPropertyValue('sequence')).toBe(50);
      expect(vevent(icsOf(mail).ics)?.getFirstPropertyValue('location')).toBe('Raum 50');
    }
    expect(sent.find((m) => m.to === 'ayse@example.org')?.subject).toMatch(/^Einladung:/);
    // The older versions' mails were dropped, not left in the outbox.
    expect((await s.server.storage.mail.outboxStatus(board.boardId, 10)).queued).toBe(0);
  });

  describe('hostile', () => {
    it('drops a queued invitation when the choice is turned off, and cancels nothing nobody was told of', async () => {
      await turnedOffAndCancelled({});
    });
  });

  describe.skipIf(!databaseUrl)(`on PostgreSQL${databaseUrl ? '' : ` (${NO_DATABASE_REASON})`}`, () => {
    it('stores the .ics with the mail and tells a cancellation only to those who had the meeting', async () => {
      const database = await createTestDatabase();
      cleanups.push(() => database.drop());
      await turnedOffAndCancelled({ databaseUrl: database.url });
    });
  });

  async function turnedOffAndCancelled(config: Partial<Config>): Promise<void> {
    const smtp = await smtpServer();
    const s = await server(smtp, config);
    const board = await seedBoard(s.url);
    await optIn(s, smtp, board, 'partnerA', 'ayse@example.org', { invitations: true });
    await optIn(s, smtp, board, 'partnerB', 'bernd@example.org', { invitations: true }, 'en');
    const meeting = await schedule(s, board, {});
    await notifier(s).settled();
    // Bernd turns invitations off before his mail goes out.
    await setAddress(s, board, 'partnerB', 'bernd@example.org', { invitations: false }, 'en');
    await settleAndDeliver(s);
    expect(invitationsIn(smtp).map((m) => m.to)).toEqual(['ayse@example.org']);

    // A meeting scheduled and cancelled before its invitation went out: no mail at all.
    const brief = await schedule(s, board, { title: 'Kurzer Termin' });
    await notifier(s).settled();
    await cancel(s, board, brief.id);
    await settleAndDeliver(s);
    expect(invitationsIn(smtp)).toHaveLength(1);
    expect((await s.server.storage.mail.outboxStatus(board.boardId, 10)).queued).toBe(0);

    // The first meeting is cancelled: only Ayşe, who had it, hears so.
    await cancel(s, board, meeting.id);
    await settleAndDeliver(s);
    expect(invitationsIn(smtp).map((m) => `${m.to} ${icsOf(m).method}`)).toEqual([
      'ayse@example.org REQUEST',
      'ayse@example.org CANCEL',
    ]);
  }
});
