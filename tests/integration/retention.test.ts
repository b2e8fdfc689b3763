import { PeopleResponse, RetentionStatusResponse } from '@common-ground/shared/api';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../server/src/config';
import { api, createClientPool, type SeededBoard, seedBoard } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp';
import { waitFor } from '../helpers/wait';

const DAY = 24 * 60 * 60_000;
const START = Date.UTC(2027, 0, 13, 10);
/** 36 months after START: when the data of someone inactive since START is due. */
const DUE = Date.UTC(2030, 0, 13, 10);
const RETENTION = { inactiveMonths: 36, warningDays: 30, boardIdleMonths: 12 };

describe('retention: inactive people warned, then pseudonymised; idle boards flagged', () => {
  const clock = { now: START };
  const cleanups: (() => Promise<void> | void)[] = [];
  const pool = createClientPool();
  afterEach(async () => {
    pool.destroyAll();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    clock.now = START;
  });

  async function setUp(config: Partial<Config> = {}) {
    const smtp = await startTestSmtp(0);
    cleanups.push(() => smtp.close());
    const server = await startTestServer({
      config: {
        now: () => clock.now,
        mail: { smtpUrl: smtp.url, from: 'board@example.org' },
        retention: RETENTION,
        ...config,
      },
    });
    cleanups.push(() => server.close());
    const board = await seedBoard(server.url);
    return { server, smtp, board };
  }

  /** The real double opt-in: the address is set, the confirmation mail goes out and its link is opened. */
  async function optIn(
    server: TestServer,
    smtp: TestSmtp,
    board: SeededBoard,
    token: string,
    address: string,
  ) {
    const res = await api(server.url).request('PUT', `/api/boards/${board.boardId}/me/email`, {
      token,
      body: { address, language: 'de' },
    });
    expect(res.status).toBe(200);
    await server.server.mailSender?.sweep();
    const link = /https?:\/\/\S+\/mail\/confirm\?token=[\w%-]+/.exec(
      smtp.received.filter((m) => m.to === address).at(-1)?.text ?? '',
    )?.[0];
    if (!link) throw new Error(`no confirmation mail to ${address}`);
    expect((await fetch(link)).status).toBe(200);
  }

  const status = async (server: TestServer, board: SeededBoard, token = board.facilitator.token) =>
    api(server.url).request('GET', `/api/boards/${board.boardId}/retention`, { token });

  const people = async (server: TestServer, board: SeededBoard) =>
    PeopleResponse.parse(
      (
        await api(server.url).request('GET', `/api/boards/${board.boardId}/people`, {
          token: board.facilitator.token,
        })
      ).body,
    ).people;

  it('warns a month before, by mail where an address was given; erases after the warning; a visit keeps the data', async () => {
    const { server, smtp, board } = await setUp();
    await optIn(server, smtp, board, board.partnerA.token, 'ayse@example.org');
    const retention = server.server.retention;

    // Long before the due date nothing happens.
    clock.now = DUE - 31 * DAY;
    expect(await retention.sweep(clock.now)).toMatchObject({ warned: 0, erased: 0 });

    clock.now = DUE - 30 * DAY;
    expect((await retention.sweep(clock.now)).warned).toBe(4);
    await server.server.mailSender?.sweep();
    const warning = smtp.received.filter((m) => m.to === 'ayse@example.org').at(-1);
    expect(warning?.subject).toContain('werden am 13. Januar 2030 gelöscht');
    expect(warning?.text).toContain('öffnen Sie das Board einmal vor diesem Tag');
    expect(warning?.headers.get('list-unsubscribe')).toBeTruthy();
    // The facilitators see who is warned, and when their data goes; partners do not.
    const listed = RetentionStatusResponse.parse((await status(server, board)).body);
    expect(listed.erasures).toContainEqual({ participantId: board.partnerA.participantId, erasesAt: DUE });
    expect((await status(server, board, board.partnerA.token)).status).toBe(403);

    // Bernd comes back before the date: his warning no longer counts.
    const bernd = pool.connect(server.url, board.boardId, board.partnerB.token);
    await bernd.synced;
    bernd.destroy();
    await waitFor(
      async () => (await server.server.storage.people.getLastVisit(board.partnerB.participantId)) !== null,
      {
        message: 'Bernd’s visit noted',
      },
    );
    // A second sweep warns nobody again.
    expect((await retention.sweep(clock.now)).warned).toBe(0);

    clock.now = DUE;
    const applied = await retention.sweep(clock.now);
    // Ayşe and the observer; the board's only facilitator stays, Bernd visited.
    expect(applied.erased).toBe(2);
    const after = new Map((await people(server, board)).map((p) => [p.id, p]));
    // Pseudonyms are numbered in the order the sweep erased them.
    const ayse = after.get(board.partnerA.participantId);
    expect(ayse?.erased).toBeGreaterThan(0);
    expect(ayse?.name).toBe(`Ehemalige/r Teilnehmende/r ${ayse?.erased}`);
    expect(after.get(board.partnerB.participantId)).toMatchObject({ name: 'Bernd' });
    expect(after.get(board.partnerB.participantId)?.erased).toBeUndefined();
    expect(after.get(board.facilitator.participantId)?.erased).toBeUndefined();
    expect(await server.server.storage.mail.getRecipient(board.partnerA.participantId)).toBeNull();
    expect(
      smtp.received.filter((m) => m.to === 'ayse@example.org' && m.subject.includes('gelöscht')),
    ).toHaveLength(1);
  });

  it('asks the facilitators to archive a board without changes for a year, once', async () => {
    const { server, smtp, board } = await setUp();
    await optIn(server, smtp, board, board.facilitator.token, 'moderation@example.org');
    const retention = server.server.retention;
    clock.now = START + 364 * DAY;
    expect(RetentionStatusResponse.parse((await status(server, board)).body).idleSince).toBeNull();
    clock.now = START + 366 * DAY;
    expect((await retention.sweep(clock.now)).idleBoards).toBe(1);
    await retention.sweep(clock.now);
    await server.server.mailSender?.sweep();
    const flagged = smtp.received.filter(
      (m) => m.to === 'moderation@example.org' && m.subject.includes('keine Änderung'),
    );
    expect(flagged).toHaveLength(1);
    expect(flagged[0]?.text).toContain('archivieren');
    expect(RetentionStatusResponse.parse((await status(server, board)).body).idleSince).toBe(
      Date.UTC(2028, 0, 13, 10),
    );
  });

  it('does nothing when the operator switched the rules off', async () => {
    const { server, board } = await setUp({
      retention: { inactiveMonths: 0, warningDays: 30, boardIdleMonths: 0 },
    });
    clock.now = DUE + 1000 * DAY;
    expect(await server.server.retention.sweep(clock.now)).toEqual({ warned: 0, erased: 0, idleBoards: 0 });
    expect(RetentionStatusResponse.parse((await status(server, board)).body)).toMatchObject({
      erasures: [],
      idleSince: null,
    });
  });
});
