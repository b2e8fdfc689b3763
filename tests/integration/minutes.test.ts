import path from 'node:path';
import {
  MeetingSchema,
  type MinutesResponse,
  MinutesResponse as MinutesSchema,
} from '@common-ground/shared/api';
import { readFinalMinutes } from '@common-ground/shared/schema';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { api, type SeededBoard, seedBoard } from '../helpers/clients';
import { addGoal, roundOf, roundsApi } from '../helpers/roundsApi';
import { type TestServer, useClockedServers } from '../helpers/server';
import { waitFor } from '../helpers/wait';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const STEP_ID = 'step-1';
const GUEST_ID = 'guest-1';

describe('minutes of a meeting (Sitzungsprotokoll)', () => {
  const { pool, clock, start } = useClockedServers();

  async function setUp() {
    const server = await start();
    const board = await seedBoard(server.url);
    const client = api(server.url);
    const partnerIdOf = async (token: string) => {
      const info = await client.request('GET', `/api/boards/${board.boardId}`, { token });
      return (info.body as { me: { partnerId: string } }).me.partnerId;
    };
    return {
      server,
      board,
      client,
      rounds: roundsApi(server.url),
      partnerA: await partnerIdOf(board.partnerA.token),
      partnerB: await partnerIdOf(board.partnerB.token),
    };
  }

  const path_ = (board: SeededBoard, meetingId: string, rest = '') =>
    `/api/boards/${board.boardId}/meetings/${meetingId}/minutes${rest}`;

  async function schedule(server: TestServer, board: SeededBoard, from: number, to: number) {
    const res = await api(server.url).request('POST', `/api/boards/${board.boardId}/meetings`, {
      token: board.facilitator.token,
      body: { title: 'Runder Tisch Südstadt', start: from, end: to, place: 'Bürgerhaus' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return MeetingSchema.parse(res.body);
  }

  function minutesOf(res: { status: number; body: unknown }, status = 200): MinutesResponse {
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    return MinutesSchema.parse(res.body);
  }

  /** Connects a board client and waits until the server counts the connection (its sync is done). */
  async function present(server: TestServer, board: SeededBoard, token: string) {
    const client = pool.connect(server.url, board.boardId, token);
    await client.synced;
    return client;
  }

  it('records a meeting: attendance from presence, corrected; both rounds with stances; objections; finalised and frozen by ids', async () => {
    const { server, board, client, rounds, partnerA, partnerB } = await setUp();
    const meetingStart = clock.now + HOUR;
    const meeting = await schedule(server, board, meetingStart, meetingStart + 2 * HOUR);
    const writer = await present(server, board, board.partnerA.token);
    const earlyGoal = await addGoal(server.server, board.boardId, writer, 'Spielplatz sanieren', 'Bis 2028');
    writer.destroy();
    // Partner B connects before the meeting and leaves during it: the closing connection counts.
    const early = await present(server, board, board.partnerB.token);

    clock.now = meetingStart + 30 * MINUTE;
    const during = await present(server, board, board.partnerA.token);
    const newGoal = await addGoal(server.server, board.boardId, during, 'Nachbarschaftsfest', 'Im Juni');
    early.destroy();

    const agreed = roundOf(
      await rounds.open(board.boardId, board.facilitator.token, { goalId: earlyGoal }),
      201,
    );
    roundOf(await rounds.stance(board.boardId, agreed.id, board.partnerA.token, { stance: 'agree' }), 201);
    roundOf(await rounds.stance(board.boardId, agreed.id, board.partnerB.token, { stance: 'agree' }), 201);
    roundOf(await rounds.close(board.boardId, agreed.id, board.facilitator.token), 200);
    const objected = roundOf(
      await rounds.open(board.boardId, board.facilitator.token, { goalId: newGoal }),
      201,
    );
    roundOf(await rounds.stance(board.boardId, objected.id, board.partnerA.token, { stance: 'agree' }), 201);
    roundOf(
      await rounds.stance(board.boardId, objected.id, board.partnerB.token, {
        stance: 'object',
        reason: 'Der Hof ist im Juni belegt',
      }),
      201,
    );
    roundOf(await rounds.close(board.boardId, objected.id, board.facilitator.token), 200);

    // Partner B's closed connection is noted asynchronously; the read waits for it.
    const draft = await waitFor(
      async () => {
        const read = minutesOf(
          await client.request('GET', path_(board, meeting.id), { token: board.observer.token }),
        );
        return read.content.attendees.length === 2 ? read : null;
      },
      { message: 'both partners seen' },
    );
    if (!draft) throw new Error('no draft');
    expect(draft).toMatchObject({ status: 'draft', version: 0 });
    expect(draft.content.attendees).toEqual(
      expect.arrayContaining([
        { participantId: board.partnerA.participantId, partnerId: partnerA, source: 'presence' },
        { participantId: board.partnerB.participantId, partnerId: partnerB, source: 'presence' },
      ]),
    );
    const goals = new Map(draft.content.goals.map((g) => [g.goalId, g]));
    expect(goals.get(newGoal)).toMatchObject({
      title: 'Nachbarschaftsfest',
      proposed: { participantId: board.partnerA.participantId, partnerId: partnerA },
    });
    expect(goals.get(earlyGoal)?.proposed).toBeNull();
    expect(goals.get(earlyGoal)?.rounds.map((r) => [r.number, r.outcome])).toEqual([[1, 'agreed']]);
    expect(goals.get(newGoal)?.rounds[0]).toMatchObject({ outcome: 'objected', visibility: 'open' });
    expect(draft.content.openObjections).toEqual([
      expect.objectContaining({ goalId: newGoal, partnerId: partnerB, reason: 'Der Hof ist im Juni belegt' }),
    ]);

    // The facilitator corrects the attendance (adds themself, and someone who came without a device) and plans.
    const edited = minutesOf(
      await client.request('PUT', path_(board, meeting.id), {
        token: board.facilitator.token,
        body: {
          version: 0,
          attendance: { added: [board.facilitator.participantId], removed: [] },
          guests: [{ id: GUEST_ID, name: 'Frau Demir', partnerId: partnerA }],
          nextSteps: [
            { id: STEP_ID, text: 'Termin im Hof\r\nklären', ownerPartnerId: partnerB, due: '2027-05-01' },
          ],
          notes: 'Nächstes Mal mit Kinderbetreuung.',
        },
      }),
    );
    expect(edited.version).toBe(1);
    expect(edited.content.attendees.map((a) => a.source)).toContain('facilitator');
    expect(edited.content.nextSteps).toEqual([
      { id: STEP_ID, text: 'Termin im Hof klären', ownerPartnerId: partnerB, due: '2027-05-01' },
    ]);
    // The same version from another device: refused, nothing lost.
    const stale = await client.request('PUT', path_(board, meeting.id), {
      token: board.facilitator.token,
      body: { version: 0, notes: 'überschrieben?' },
    });
    expect(stale.status).toBe(409);

    minutesOf(
      await client.request('POST', path_(board, meeting.id, '/comments'), {
        token: board.partnerB.token,
        body: { text: 'Bitte ergänzen: wir prüfen einen anderen Termin.' },
      }),
      201,
    );

    const record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    await record.synced;
    clock.now = meetingStart + 3 * HOUR;
    const final = minutesOf(
      await client.request('POST', path_(board, meeting.id, '/finalise'), {
        token: board.facilitator.token,
        body: { version: 1 },
      }),
    );
    expect(final.status).toBe('final');
    expect(final.content).toMatchObject({
      finalisedAt: clock.now,
      finalisedBy: board.facilitator.participantId,
      notes: 'Nächstes Mal mit Kinderbetreuung.',
    });
    expect(final.content.comments).toEqual([
      expect.objectContaining({ participantId: board.partnerB.participantId }),
    ]);
    // Ids only: names come with the answer, looked up when read.
    const frozen = JSON.stringify(final.content);
    expect(frozen).not.toContain('Ayşe');
    expect(frozen).not.toContain('Bernd');
    expect(final.people.find((p) => p.id === board.partnerA.participantId)?.name).toBe('Ayşe');
    const mirrored = await waitFor(() => readFinalMinutes(record.doc).get(meeting.id), {
      message: 'final minutes in the record',
    });
    expect(mirrored).toEqual(final.content);

    // Frozen: nothing changes them any more, whoever asks and however.
    for (const [method, rest, body] of [
      ['PUT', '', { version: 1, notes: 'später' }],
      ['POST', '/finalise', { version: 1 }],
      ['POST', '/comments', { text: 'noch etwas' }],
    ] as const) {
      const res = await client.request(method, path_(board, meeting.id, rest), {
        token: board.facilitator.token,
        body,
      });
      expect(res.status, `${method} ${rest}`).toBe(409);
    }
    roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId: newGoal }), 201);
    const later = minutesOf(
      await client.request('GET', path_(board, meeting.id), { token: board.partnerA.token }),
    );
    expect(later.content).toEqual(final.content);
    const db = new Database(path.join(server.dataDir, 'common-ground.sqlite'));
    try {
      expect(() => db.prepare("UPDATE meeting_minutes SET final_json = '{}'").run()).toThrow(/frozen/);
    } finally {
      db.close();
    }

    const markdown = await fetch(`${server.url}${path_(board, meeting.id, '.md')}?lang=de`, {
      headers: { authorization: `Bearer ${board.observer.token}` },
    });
    expect(markdown.status).toBe(200);
    expect(markdown.headers.get('content-type')).toContain('text/markdown');
    const text = await markdown.text();
    for (const expected of ['Frau Demir', 'Der Hof ist im Juni belegt', 'Termin im Hof klären', 'Ayşe']) {
      expect(text).toContain(expected);
    }
  });

  it('refuses what a participant may not do, and ids of other boards, malformed and oversized input', async () => {
    const { server, board, client, partnerA } = await setUp();
    const meeting = await schedule(server, board, clock.now, clock.now + HOUR);
    const other = await seedBoard(server.url);
    const otherMeeting = await schedule(server, other, clock.now, clock.now + HOUR);
    const otherPartner = (
      (await client.request('GET', `/api/boards/${other.boardId}`, { token: other.partnerA.token })).body as {
        me: { partnerId: string };
      }
    ).me.partnerId;
    const put = (body: unknown, token = board.facilitator.token) =>
      client.request('PUT', path_(board, meeting.id), { token, body });

    // Roles: partners and observers do not edit or finalise; observers do not comment.
    expect((await put({ version: 0, notes: 'x' }, board.partnerA.token)).status).toBe(403);
    expect(
      (
        await client.request('POST', path_(board, meeting.id, '/finalise'), {
          token: board.partnerA.token,
          body: { version: 0 },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await client.request('POST', path_(board, meeting.id, '/comments'), {
          token: board.observer.token,
          body: { text: 'Ich schaue nur zu' },
        })
      ).status,
    ).toBe(403);

    // Another board's meeting, through this board's path and token; a malformed id; no token.
    expect(
      (await client.request('GET', path_(board, otherMeeting.id), { token: board.partnerA.token })).status,
    ).toBe(404);
    expect(
      (await client.request('GET', path_(other, otherMeeting.id), { token: board.partnerA.token })).status,
    ).toBe(403);
    expect(
      (await client.request('GET', path_(board, '..%2F..%2Fx'), { token: board.partnerA.token })).status,
    ).toBe(404);
    expect((await client.request('GET', path_(board, meeting.id))).status).toBe(401);

    // Other boards' people and organisations, duplicates, and sizes past the limits: 400, nothing stored.
    const refused: unknown[] = [
      { version: 0, attendance: { added: [other.partnerA.participantId], removed: [] } },
      { version: 0, attendance: { added: [], removed: ['not-a-participant'] } },
      { version: 0, guests: [{ id: GUEST_ID, name: 'Gast', partnerId: otherPartner }] },
      {
        version: 0,
        guests: [
          { id: GUEST_ID, name: 'A', partnerId: null },
          { id: GUEST_ID, name: 'B', partnerId: null },
        ],
      },
      { version: 0, nextSteps: [{ id: STEP_ID, text: 'x', ownerPartnerId: otherPartner, due: null }] },
      { version: 0, nextSteps: [{ id: STEP_ID, text: 'x', ownerPartnerId: null, due: '2027-13-45' }] },
      { version: 0, notes: 'x'.repeat(8001) },
      { version: 0, guests: [{ id: GUEST_ID, name: ' \r\n ', partnerId: null }] },
      {
        version: 0,
        nextSteps: Array.from({ length: 51 }, (_, i) => ({
          id: `s-${i}`,
          text: 'x',
          ownerPartnerId: null,
          due: null,
        })),
      },
      { version: 0 },
      { version: -1, notes: 'x' },
      { version: 0, notes: 'x', finalisedBy: board.partnerA.participantId },
      { version: 0, content: { attendees: [] } },
    ];
    for (const body of refused) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body).slice(0, 200)).toBe(400);
    }
    const comment = await client.request('POST', path_(board, meeting.id, '/comments'), {
      token: board.partnerA.token,
      body: { text: 'x'.repeat(2001) },
    });
    expect(comment.status).toBe(400);
    const untouched = minutesOf(
      await client.request('GET', path_(board, meeting.id), { token: board.partnerA.token }),
    );
    expect(untouched).toMatchObject({
      version: 0,
      status: 'draft',
      content: { guests: [], nextSteps: [], comments: [] },
    });

    // A name typed with markup stays text; a guest from this board's partner is fine.
    const ok = minutesOf(
      await put({
        version: 0,
        guests: [{ id: GUEST_ID, name: '<img src=x onerror=alert(1)>', partnerId: partnerA }],
      }),
    );
    expect(ok.content.guests[0]?.name).toBe('<img src=x onerror=alert(1)>');

    // A cancelled meeting has no minutes.
    await client.request('POST', `/api/boards/${board.boardId}/meetings/${meeting.id}/cancel`, {
      token: board.facilitator.token,
    });
    expect(
      (await client.request('GET', path_(board, meeting.id), { token: board.partnerA.token })).status,
    ).toBe(409);
  });

  /** Resolves once the server let go of the participant's connection (the time of leaving is taken then). */
  const left = (server: TestServer, board: SeededBoard, participantId: string) =>
    waitFor(
      () =>
        ![...(server.server.rooms.get(board.boardId)?.connections ?? [])].some(
          (c) => c.participantId === participantId,
        ),
      { message: 'the connection closed on the server' },
    );

  it('counts nobody who was connected only before or after the meeting', async () => {
    const { server, board, client } = await setUp();
    const meetingStart = clock.now + HOUR;
    const meeting = await schedule(server, board, meetingStart, meetingStart + HOUR);
    const before = await present(server, board, board.partnerA.token);
    before.destroy();
    await left(server, board, board.partnerA.participantId);
    clock.now = meetingStart + 2 * HOUR;
    await present(server, board, board.partnerB.token);
    const read = minutesOf(
      await client.request('GET', path_(board, meeting.id), { token: board.facilitator.token }),
    );
    expect(read.content.attendees).toEqual([]);
  });
});
