import type { MailPreferences } from '@common-ground/shared/api';
import { afterEach, describe, expect, it } from 'vitest';
import { api, createClientPool, type SeededBoard, seedBoard } from '../helpers/clients';
import { addGoal, roundOf, roundsApi } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';
import { type ReceivedMail, startTestSmtp, type TestSmtp } from '../helpers/smtp';

const NONE: MailPreferences = {
  digest: 'off',
  roundAwaits: false,
  outcomes: false,
  invitations: false,
  minutes: false,
};

describe('e-mail: the outcome notice of a round that ended without a decision', () => {
  const clock = { now: Date.UTC(2027, 0, 13, 10) };
  const cleanups: (() => Promise<void> | void)[] = [];
  const pool = createClientPool();
  afterEach(async () => {
    pool.destroyAll();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const setup = async (): Promise<{ s: TestServer; smtp: TestSmtp; board: SeededBoard }> => {
    const smtp = await startTestSmtp();
    cleanups.push(() => smtp.close());
    const s = await startTestServer({
      config: { now: () => clock.now, mail: { smtpUrl: smtp.url, from: 'board@example.org' } },
    });
    cleanups.push(() => s.close());
    return { s, smtp, board: await seedBoard(s.url) };
  };
  const optIn = async (
    s: TestServer,
    smtp: TestSmtp,
    board: SeededBoard,
    who: 'partnerA' | 'partnerB',
    address: string,
    preferences: Partial<MailPreferences>,
    language: string,
  ) => {
    const res = await api(s.url).request('PUT', `/api/boards/${board.boardId}/me/email`, {
      token: board[who].token,
      body: { address, language, preferences: { ...NONE, ...preferences } },
    });
    expect(res.status).toBe(200);
    await s.server.mailSender?.sweep();
    const link = /https?:\/\/\S+\/mail\/confirm\?token=[\w%-]+/.exec(smtp.received.at(-1)?.text ?? '')?.[0];
    expect((await fetch(link ?? '')).status).toBe(200);
  };
  const deliver = async (s: TestServer) => {
    await s.server.mailNotifier?.settled();
    await s.server.mailSender?.sweep();
  };

  it('says in plain words that no decision came, names no stance of a stopped round, and is sent once', async () => {
    const { s, smtp, board } = await setup();
    await optIn(s, smtp, board, 'partnerB', 'bernd@example.org', { outcomes: true }, 'de');
    await optIn(s, smtp, board, 'partnerA', 'ayse@example.org', { outcomes: false }, 'de');
    const rounds = roundsApi(s.url);
    const writer = pool.connect(s.url, board.boardId, board.facilitator.token);
    const before = smtp.received.length;

    // Too few stances: one organisation of two had concerns, then the facilitator closed the round.
    const quiet = await addGoal(s.server, board.boardId, writer, 'Bolzplatz', 'Neue Tore');
    const first = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId: quiet }), 201);
    roundOf(
      await rounds.stance(board.boardId, first.id, board.partnerA.token, {
        stance: 'concerns',
        reason: 'Laut',
      }),
      201,
    );
    const closed = roundOf(await rounds.close(board.boardId, first.id, board.facilitator.token), 200);
    expect(closed.outcome).toBe('no_quorum');

    // Stopped: an objection came, then the facilitator stopped the round to change the wording.
    const stopped = await addGoal(s.server, board.boardId, writer, 'Hofreinigung', 'Jeden Monat');
    const second = roundOf(
      await rounds.open(board.boardId, board.facilitator.token, { goalId: stopped }),
      201,
    );
    roundOf(
      await rounds.stance(board.boardId, second.id, board.partnerA.token, {
        stance: 'object',
        reason: 'Zu teuer',
      }),
      201,
    );
    const cancelled = await api(s.url).request(
      'POST',
      `/api/boards/${board.boardId}/rounds/${second.id}/cancel`,
      { token: board.facilitator.token },
    );
    expect(cancelled.status).toBe(200);
    // Told again (a restart, another instance, the sweep): still one mail per round.
    s.server.mailNotifier?.roundClosed(board.boardId, second.id);
    await s.server.mailNotifier?.sweep(clock.now);
    await deliver(s);

    const sent = smtp.received.slice(before);
    // Ayşe turned outcomes off: only Bernd hears, once per round.
    expect(sent.map((m) => m.to)).toEqual(['bernd@example.org', 'bernd@example.org']);
    const [noQuorum, invalidated] = sent as [ReceivedMail, ReceivedMail];
    expect(noQuorum.subject).toBe('Runde 1 zu „Bolzplatz“ ist geschlossen');
    expect(noQuorum.text).toContain('Runde 1 ist ohne Entscheidung beendet: zu wenige Haltungen.');
    expect(noQuorum.text).toContain(
      'Das Ziel bleibt auf dem Board. Die Moderation kann eine neue Runde öffnen.',
    );
    expect(invalidated.subject).toBe('Runde 1 zu „Hofreinigung“ ist geschlossen');
    expect(invalidated.text).toContain(
      'Runde 1 wurde abgebrochen, weil der Wortlaut geändert wurde. Es gilt keine Entscheidung.',
    );
    // The stopped round's stances count for nothing: no objector, named or counted, and no reason.
    expect(invalidated.text + invalidated.html).not.toMatch(/Mieterverein|Einw|Zu teuer/);
    expect(invalidated.headers.get('list-unsubscribe')).toMatch(/\/mail\/unsubscribe\?token=/);
  });
});
