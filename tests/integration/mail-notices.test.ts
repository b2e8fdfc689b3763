import type { MailPreferences } from '@common-ground/shared/api';
import { addComment, setGoalStage } from '@common-ground/shared/schema';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../server/src/config';
import type { MailNotifier } from '../../server/src/mail/notifier';
import { api, createClientPool, type SeededBoard, seedBoard } from '../helpers/clients';
import { createTestDatabase, databaseUrl, NO_DATABASE_REASON } from '../helpers/postgres';
import { addGoal, roundOf, roundsApi } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';
import { type ReceivedMail, startTestSmtp, type TestSmtp } from '../helpers/smtp';
import { waitFor } from '../helpers/wait';

const FROM = 'board@example.org';
const HOUR = 60 * 60_000;
/** Wednesday 13 January 2027, 11:00 in Berlin (10:00 UTC). */
const START = Date.UTC(2027, 0, 13, 10);
/** Thursday 14 January 2027, 07:01 in Berlin: the next daily digest is due. */
const NEXT_MORNING = Date.UTC(2027, 0, 14, 6, 1);

const NONE: MailPreferences = {
  digest: 'off',
  roundAwaits: false,
  outcomes: false,
  invitations: false,
  minutes: false,
};

type Person = 'facilitator' | 'partnerA' | 'partnerB' | 'observer';
const tokenOf = (board: SeededBoard, who: Person) => board[who].token;

describe('e-mail notices: round awaits your stance, reminders, outcomes and digests', () => {
  const clock = { now: START };
  const cleanups: (() => Promise<void> | void)[] = [];
  const pool = createClientPool();
  afterEach(async () => {
    pool.destroyAll();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    clock.now = START;
  });

  const smtpServer = async (port = 0): Promise<TestSmtp> => {
    const smtp = await startTestSmtp(port);
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
  /** Whatever the round service started is queued, then the outbox is sent. */
  const deliver = async (...servers: TestServer[]): Promise<void> => {
    for (const s of servers) await notifier(s).settled();
    for (const s of servers) await s.server.mailSender?.sweep();
  };
  const mailsTo = (smtp: TestSmtp, address: string): ReceivedMail[] =>
    smtp.received.filter((m) => m.to === address);

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
    const res = await api(s.url).request('PUT', `/api/boards/${board.boardId}/me/email`, {
      token: tokenOf(board, who),
      body: { address, language, preferences: { ...NONE, ...preferences } },
    });
    expect(res.status).toBe(200);
    await s.server.mailSender?.sweep();
    const confirmation = mailsTo(smtp, address).at(-1);
    const link = confirmation && /https?:\/\/\S+\/mail\/confirm\?token=[\w%-]+/.exec(confirmation.text)?.[0];
    if (!link) throw new Error(`no confirmation mail to ${address}`);
    expect((await fetch(link)).status).toBe(200);
  };

  const goal = async (s: TestServer, board: SeededBoard, title: string): Promise<string> => {
    const client = pool.connect(s.url, board.boardId, board.facilitator.token);
    return addGoal(s.server, board.boardId, client, title, `${title}: worum es geht`);
  };

  it('tells each organisation that has not answered, once, and drops the mail when it answers before sending', async () => {
    const smtp = await smtpServer();
    const s = await server(smtp);
    const board = await seedBoard(s.url);
    await optIn(s, smtp, board, 'partnerA', 'ayse@example.org', { roundAwaits: true });
    await optIn(s, smtp, board, 'partnerB', 'bernd@example.org', { roundAwaits: true }, 'en');
    await optIn(s, smtp, board, 'observer', 'beamer@example.org', { roundAwaits: true });
    const goalId = await goal(s, board, 'Spielplatz am Bach');
    // The SMTP server is down while the notices are queued: the sender's first try fails, the mails wait.
    await smtp.close();
    const rounds = roundsApi(s.url);
    const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
    await deliver(s);
    expect((await s.server.storage.mail.outboxStatus(board.boardId, 10)).queued).toBe(2);
    // Bernd's organisation answers after his mail was queued and before it was sent: it is dropped, not sent.
    roundOf(await rounds.stance(board.boardId, round.id, board.partnerB.token, { stance: 'agree' }), 201);
    const up = await smtpServer(smtp.port);
    clock.now += 61_000;
    await deliver(s);
    const sent = up.received;
    expect(sent.map((m) => m.to)).toEqual(['ayse@example.org']);
    const [mail] = sent as [ReceivedMail];
    expect(mail.subject).toBe('Eine Konsensrunde wartet auf Ihre Haltung: „Spielplatz am Bach“');
    expect(mail.text).toContain('Sie wartet auf die Haltung von Mieterverein Südstadt');
    expect(mail.text).toContain('Die Runde hat kein festes Ende');
    const link = `${s.url}/b/${board.boardId}?goal=${goalId}&focus=round`;
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(link.replace(/&/g, '&#38;'));
    expect(mail.headers.get('list-unsubscribe')).toMatch(/\/mail\/unsubscribe\?token=/);
    expect((await s.server.storage.mail.outboxStatus(board.boardId, 10)).queued).toBe(0);

    // The same round again, from the event, the sweep and its catch-up: nothing more.
    notifier(s).roundOpened(board.boardId, round.id);
    await notifier(s).sweep(clock.now);
    await deliver(s);
    expect(up.received).toHaveLength(1);
  });

  it('reminds 24 hours before the deadline only the organisations that have not answered', async () => {
    const smtp = await smtpServer();
    const s = await server(smtp);
    const board = await seedBoard(s.url);
    await optIn(s, smtp, board, 'partnerA', 'ayse@example.org', { roundAwaits: true });
    await optIn(s, smtp, board, 'partnerB', 'bernd@example.org', { roundAwaits: true }, 'en');
    const goalId = await goal(s, board, 'Sprachcafé');
    const rounds = roundsApi(s.url);
    const deadline = clock.now + 72 * HOUR;
    const round = roundOf(
      await rounds.open(board.boardId, board.facilitator.token, { goalId, deadline }),
      201,
    );
    await deliver(s);
    expect(
      smtp.received
        .filter((m) => /Haltung|stance/.test(m.subject))
        .map((m) => m.to)
        .sort(),
    ).toEqual(['ayse@example.org', 'bernd@example.org']);
    roundOf(await rounds.stance(board.boardId, round.id, board.partnerA.token, { stance: 'agree' }), 201);
    const before = smtp.received.length;

    // Two days later: not yet. A day and an hour later: due, for Bernd's organisation only.
    clock.now += 47 * HOUR;
    expect((await notifier(s).sweep(clock.now)).reminders).toBe(0);
    clock.now += 2 * HOUR;
    expect((await notifier(s).sweep(clock.now)).reminders).toBe(1);
    expect((await notifier(s).sweep(clock.now)).reminders).toBe(0);
    await deliver(s);
    const sent = smtp.received.slice(before);
    expect(sent.map((m) => m.to)).toEqual(['bernd@example.org']);
    expect(sent[0]?.subject).toBe('Last day for your stance: “Sprachcafé”');
    expect(sent[0]?.text).toContain('Wohnbau GmbH has not given its stance yet');
  });

  it('sends the outcome with the objecting organisations named only where the round’s visibility allows', async () => {
    const smtp = await smtpServer();
    const s = await server(smtp);
    const board = await seedBoard(s.url);
    await optIn(s, smtp, board, 'partnerB', 'bernd@example.org', { outcomes: true }, 'en');
    const rounds = roundsApi(s.url);
    const before = smtp.received.length;
    for (const [title, visibility] of [
      ['Open goal', 'open'],
      ['Secret goal', 'anonymous'],
      ['Hidden goal', 'hidden'],
    ] as const) {
      const goalId = await goal(s, board, title);
      const round = roundOf(
        await rounds.open(board.boardId, board.facilitator.token, { goalId, visibility }),
        201,
      );
      roundOf(
        await rounds.stance(board.boardId, round.id, board.partnerA.token, {
          stance: 'object',
          reason: 'Zu teuer',
        }),
        201,
      );
      roundOf(await rounds.stance(board.boardId, round.id, board.partnerB.token, { stance: 'agree' }), 201);
      roundOf(await rounds.close(board.boardId, round.id, board.facilitator.token), 200);
    }
    await deliver(s);
    const sent = smtp.received.slice(before);
    expect(sent.map((m) => m.subject)).toEqual([
      'Round 1 on “Open goal” is closed',
      'Round 1 on “Secret goal” is closed',
      'Round 1 on “Hidden goal” is closed',
    ]);
    const [open, anonymous, hidden] = sent as [ReceivedMail, ReceivedMail, ReceivedMail];
    expect(open.text).toContain('Objection in round 1 – back to discussion');
    expect(open.text).toContain('Objections came from: Mieterverein Südstadt.');
    for (const mail of [anonymous, hidden]) {
      expect(mail.text).toContain('One organisation objected.');
      expect(mail.text + mail.html).not.toContain('Mieterverein');
      expect(mail.text).not.toContain('Zu teuer');
    }
  });

  it('digests what changed since the previous digest, and sends nothing for a board where nothing did', async () => {
    const smtp = await smtpServer();
    const s = await server(smtp);
    const busy = await seedBoard(s.url);
    const quiet = await seedBoard(s.url);
    await optIn(s, smtp, busy, 'partnerA', 'ayse@example.org', { digest: 'daily' });
    await optIn(s, smtp, quiet, 'partnerA', 'quiet@example.org', { digest: 'daily' });
    clock.now += 60_000;
    const client = pool.connect(s.url, busy.boardId, busy.partnerA.token);
    const goalId = await addGoal(
      s.server,
      busy.boardId,
      client,
      'Nachbarschaftsgarten',
      'Ein Garten für alle',
    );
    addComment(client.doc, goalId, { authorId: busy.partnerA.participantId, text: 'Gute Idee', now: 1 });
    addComment(client.doc, goalId, { authorId: busy.partnerA.participantId, text: 'Wo genau?', now: 1 });
    setGoalStage(client.doc, goalId, 'discussing');
    await waitFor(
      async () => {
        const events = await api(s.url).request('GET', `/api/boards/${busy.boardId}/activity`, {
          token: busy.facilitator.token,
        });
        return JSON.stringify(events.body).split('comment_added').length - 1 >= 2;
      },
      { message: 'the comments in the activity log' },
    );
    const rounds = roundsApi(s.url);
    const round = roundOf(await rounds.open(busy.boardId, busy.facilitator.token, { goalId }), 201);
    for (const who of ['partnerA', 'partnerB'] as const) {
      roundOf(await rounds.stance(busy.boardId, round.id, busy[who].token, { stance: 'agree' }), 201);
    }
    roundOf(await rounds.close(busy.boardId, round.id, busy.facilitator.token), 200);
    const before = smtp.received.length;

    // Before seven in the morning nothing is due; at 07:01 the digest of the busy board, none for the quiet one.
    clock.now = NEXT_MORNING - 2 * 60_000;
    expect((await notifier(s).sweep(clock.now)).digests).toBe(0);
    clock.now = NEXT_MORNING;
    expect((await notifier(s).sweep(clock.now)).digests).toBe(1);
    expect((await notifier(s).sweep(clock.now)).digests).toBe(0);
    await deliver(s);
    const sent = smtp.received.slice(before);
    expect(sent.map((m) => m.to)).toEqual(['ayse@example.org']);
    const [digest] = sent as [ReceivedMail];
    expect(digest.subject).toBe('Was sich auf „Runder Tisch Südstadt“ getan hat');
    for (const line of [
      'Neue Ziele',
      '- „Nachbarschaftsgarten“',
      'Ziele in einer anderen Spalte',
      '- „Nachbarschaftsgarten“: In Diskussion',
      'Begonnene Konsensrunden',
      'Geschlossene Konsensrunden',
      '- „Nachbarschaftsgarten“: Vereinbart in Runde 1 am 13. Januar 2027',
      '- „Nachbarschaftsgarten“: 2 neue Kommentare',
      `${s.url}/b/${busy.boardId}`,
    ]) {
      expect(digest.text).toContain(line);
    }
    expect(digest.text).not.toContain('Gute Idee');

    // The next morning: nothing changed since this digest, so none.
    clock.now = NEXT_MORNING + 24 * HOUR;
    expect((await notifier(s).sweep(clock.now)).digests).toBe(0);
  });

  describe('hostile', () => {
    it('mails nobody whose address was not confirmed by its owner, whatever a participant enters', async () => {
      const smtp = await smtpServer();
      const s = await server(smtp);
      const board = await seedBoard(s.url);
      // Bernd enters someone else's address: only the confirmation goes there, and it is never confirmed.
      const victim = {
        address: 'victim@example.org',
        preferences: { ...NONE, roundAwaits: true, digest: 'daily' },
      };
      expect(
        (
          await api(s.url).request('PUT', `/api/boards/${board.boardId}/me/email`, {
            token: board.partnerB.token,
            body: victim,
          })
        ).status,
      ).toBe(200);
      // Nor can a body name another participant.
      expect(
        (
          await api(s.url).request('PUT', `/api/boards/${board.boardId}/me/email`, {
            token: board.partnerB.token,
            body: { ...victim, participantId: board.partnerA.participantId },
          })
        ).status,
      ).toBe(400);
      const goalId = await goal(s, board, 'Lärmschutz');
      await roundsApi(s.url).open(board.boardId, board.facilitator.token, { goalId });
      clock.now = NEXT_MORNING;
      await notifier(s).sweep(clock.now);
      await deliver(s);
      expect(mailsTo(smtp, 'victim@example.org').map((m) => m.subject)).toEqual([
        'Bitte bestätigen Sie Ihre E-Mail-Adresse für „Runder Tisch Südstadt“',
      ]);
      expect(smtp.received).toHaveLength(1);
    });

    it('sends one mail per round, recipient and occasion however often rounds open and close', async () => {
      const smtp = await smtpServer();
      const s = await server(smtp);
      const board = await seedBoard(s.url);
      await optIn(s, smtp, board, 'partnerA', 'ayse@example.org', { roundAwaits: true, outcomes: true });
      const goalId = await goal(s, board, 'Hofreinigung');
      const rounds = roundsApi(s.url);
      const before = smtp.received.length;
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
        roundOf(await rounds.close(board.boardId, round.id, board.facilitator.token), 200);
        ids.push(round.id);
        // Told again, as after a restart or by another instance.
        notifier(s).roundOpened(board.boardId, round.id);
        notifier(s).roundClosed(board.boardId, round.id);
      }
      await notifier(s).sweep(clock.now);
      await deliver(s);
      const sent = smtp.received.slice(before);
      // An opening notice goes out only if it was sent before its round closed (else it is dropped): at most one
      // per round. One outcome per round, however often the round was announced.
      expect(sent.filter((m) => m.subject.includes('wartet')).length).toBeLessThanOrEqual(ids.length);
      expect(
        sent
          .filter((m) => !m.subject.includes('wartet'))
          .map((m) => m.subject)
          .sort(),
      ).toEqual(ids.map((_, i) => `Runde ${i + 1} zu „Hofreinigung“ ist geschlossen`).sort());
    });
  });

  describe.skipIf(!databaseUrl)(
    `two instances on one PostgreSQL database${databaseUrl ? '' : ` (${NO_DATABASE_REASON})`}`,
    () => {
      it('queue and send each notice and digest once', async () => {
        const smtp = await smtpServer();
        const database = await createTestDatabase();
        cleanups.push(() => database.drop());
        const one = await server(smtp, { databaseUrl: database.url });
        const two = await server(smtp, { databaseUrl: database.url });
        const board = await seedBoard(one.url);
        await optIn(one, smtp, board, 'partnerA', 'ayse@example.org', {
          roundAwaits: true,
          outcomes: true,
          digest: 'daily',
        });
        clock.now += 60_000;
        const goalId = await goal(one, board, 'Mieterberatung');
        const rounds = roundsApi(one.url);
        const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
        // The other instance hears of it too (its sweep's catch-up, or a duplicate event).
        notifier(two).roundOpened(board.boardId, round.id);
        await Promise.all([notifier(one).sweep(clock.now), notifier(two).sweep(clock.now)]);
        await deliver(one, two);
        clock.now = NEXT_MORNING;
        await Promise.all([notifier(one).sweep(clock.now), notifier(two).sweep(clock.now)]);
        await Promise.all([deliver(one), deliver(two)]);
        const subjects = mailsTo(smtp, 'ayse@example.org')
          .map((m) => m.subject)
          .slice(1);
        expect(subjects).toEqual([
          'Eine Konsensrunde wartet auf Ihre Haltung: „Mieterberatung“',
          'Was sich auf „Runder Tisch Südstadt“ getan hat',
        ]);
      });
    },
  );
});
