import { MyDataResponse } from '@common-ground/shared/api';
import { addComment, editGoalText, readComments, readGoals } from '@common-ground/shared/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { api, createClientPool, type SeededBoard, seedBoard } from '../helpers/clients';
import { createTestDatabase, databaseUrl, NO_DATABASE_REASON } from '../helpers/postgres';
import { addGoal, roundOf, roundsApi, serverSees } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';
import { startTestSmtp } from '../helpers/smtp';
import { waitFor } from '../helpers/wait';

const HOUR = 3_600_000;

/**
 * "My data" (issue 27): each participant downloads everything stored about them, and nothing of anyone else's.
 * Two partners of different organisations do the same things side by side; each copy must be exactly the
 * person's own, searched as a whole string for the other's name, address and id.
 */
describe('my data: a participant’s copy of what is stored about them', () => {
  const pool = createClientPool();
  const clock = { now: 1_800_000_000_000 };
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    pool.destroyAll();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  /** A server that sends mail (so addresses can be set), on SQLite or, with `databaseUrl`, on PostgreSQL. */
  const start = async (databaseUrl?: string): Promise<{ s: TestServer; board: SeededBoard }> => {
    const smtp = await startTestSmtp();
    cleanups.push(() => smtp.close());
    const s = await startTestServer({
      config: {
        now: () => clock.now,
        mail: { smtpUrl: smtp.url, from: 'board@example.org' },
        ...(databaseUrl ? { databaseUrl } : {}),
      },
    });
    cleanups.push(() => s.close());
    return { s, board: await seedBoard(s.url) };
  };
  const myData = (s: TestServer, boardId: string, token: string | undefined, query = '') =>
    api(s.url).request('GET', `/api/boards/${boardId}/me/data${query}`, token ? { token } : {});
  const copyOf = async (s: TestServer, boardId: string, token: string) => {
    const result = await myData(s, boardId, token);
    expect(result.status).toBe(200);
    expect(result.headers.get('cache-control')).toBe('no-store');
    return MyDataResponse.parse(result.body);
  };

  /** A and B of two organisations both propose, edit, comment, give stances, set an address and a feed. */
  async function busyBoard(databaseUrl?: string) {
    const { s, board } = await start(databaseUrl);
    const { boardId, partnerA, partnerB, facilitator } = board;
    const request = api(s.url).request;
    const a = pool.connect(s.url, boardId, partnerA.token);
    const b = pool.connect(s.url, boardId, partnerB.token);
    const goalA = await addGoal(s.server, boardId, a, 'Grünfläche am Markt', 'Eine Wiese für alle');
    const goalB = await addGoal(s.server, boardId, b, 'Sanierung Block 4', 'Fenster und Dächer');
    // Each client must have the other's goal before it comments on it.
    await waitFor(
      () => readGoals(a.doc).some((g) => g.id === goalB) && readGoals(b.doc).some((g) => g.id === goalA),
    );
    // Each comments on the other's goal; A also rewords B's title.
    addComment(a.doc, goalB, { authorId: 'x', text: 'Ayşes Frage zu den Fenstern', now: 1 });
    addComment(b.doc, goalA, { authorId: 'x', text: 'Bernds Hinweis zur Wiese', now: 1 });
    editGoalText(a.doc, goalB, 'title', { index: 0, deleteCount: 0, insert: 'Schnelle ' });
    await serverSees(s.server, boardId, (doc) => readComments(doc, goalA).length === 1);
    await serverSees(s.server, boardId, (doc) => readComments(doc, goalB).length === 1);
    await waitFor(async () => (await s.server.storage.attributions.listAttributions(boardId)).length >= 4);

    // Stances: each for their own organisation; a second round in which the facilitator speaks for B's.
    const rounds = roundsApi(s.url);
    clock.now += HOUR;
    const round = roundOf(await rounds.open(boardId, facilitator.token, { goalId: goalA }), 201);
    expect(
      (await rounds.stance(boardId, round.id, partnerA.token, { stance: 'concerns', reason: 'Ayşes Grund' }))
        .status,
    ).toBe(201);
    expect(
      (await rounds.stance(boardId, round.id, partnerB.token, { stance: 'object', reason: 'Bernds Grund' }))
        .status,
    ).toBe(201);
    clock.now += HOUR;
    const second = roundOf(await rounds.open(boardId, facilitator.token, { goalId: goalB }), 201);
    expect(
      (
        await rounds.stance(boardId, second.id, facilitator.token, {
          stance: 'agree',
          onBehalfOfPartnerId: partnerB.partnerId,
        })
      ).status,
    ).toBe(201);

    // Addresses, a calendar feed for A, a meeting with comments on its minutes, and attendance.
    for (const [token, address] of [
      [partnerA.token, 'ayse@example.org'],
      [partnerB.token, 'bernd@example.org'],
    ] as const) {
      const put = await request('PUT', `/api/boards/${boardId}/me/email`, { token, body: { address } });
      expect(put.status).toBe(200);
    }
    expect(
      (await request('POST', `/api/boards/${boardId}/me/calendar-feed`, { token: partnerA.token })).status,
    ).toBe(201);
    const meeting = await request('POST', `/api/boards/${boardId}/meetings`, {
      token: facilitator.token,
      body: { title: 'Stadtteilrunde März', start: clock.now + HOUR, end: clock.now + 2 * HOUR },
    });
    expect(meeting.status).toBe(201);
    const meetingId = (meeting.body as { id: string }).id;
    for (const [token, text] of [
      [partnerA.token, 'Ayşe: bitte Punkt 2 ergänzen'],
      [partnerB.token, 'Bernd: Protokoll passt'],
    ] as const) {
      const posted = await request('POST', `/api/boards/${boardId}/meetings/${meetingId}/minutes/comments`, {
        token,
        body: { text },
      });
      expect(posted.status).toBe(201);
    }
    await s.server.storage.minutes.recordAttendance(meetingId, partnerA.participantId, clock.now + HOUR);
    await s.server.storage.minutes.recordAttendance(meetingId, partnerB.participantId, clock.now + HOUR);
    return { s, board, goalA, goalB, round, second, meetingId };
  }

  it('gives each partner exactly their own data and nothing of the other’s', () => eachOwnData());

  describe.skipIf(!databaseUrl)(`on PostgreSQL${databaseUrl ? '' : ` (${NO_DATABASE_REASON})`}`, () => {
    it('gives each partner exactly their own data there too', async () => {
      const database = await createTestDatabase();
      cleanups.push(() => database.drop());
      await eachOwnData(database.url);
    });
  });

  async function eachOwnData(databaseUrl?: string): Promise<void> {
    const { s, board, goalA, goalB, round, second, meetingId } = await busyBoard(databaseUrl);
    const { boardId, partnerA, partnerB } = board;
    const forA = await copyOf(s, boardId, partnerA.token);
    const forB = await copyOf(s, boardId, partnerB.token);

    expect(forA.person).toMatchObject({
      id: partnerA.participantId,
      name: 'Ayşe',
      role: 'partner',
      organisation: { id: partnerA.partnerId, name: 'Mieterverein Südstadt', kind: 'residents' },
      pendingOrganisation: null,
      removed: false,
    });
    expect(forA.devices.count).toBe(1);
    expect(forA.devices.issuedAt).toHaveLength(1);
    expect(forA.mail).toMatchObject({ address: 'ayse@example.org', status: 'pending', language: 'de' });
    // The confirmation mail, queued or (the sender works in the background) sent by now.
    expect(forA.mails.map((m) => m.kind)).toEqual(['confirm']);
    expect(['queued', 'sent']).toContain(forA.mails[0]?.status);
    expect(forA.mails[0]?.subject).toContain('Runder Tisch Südstadt');
    expect(forA.calendarFeed).not.toBeNull();
    expect(forB.calendarFeed).toBeNull();
    expect(forA.goalsProposed.map((g) => [g.goalId, g.goalTitle])).toEqual([[goalA, 'Grünfläche am Markt']]);
    expect(forB.goalsProposed.map((g) => [g.goalId, g.goalTitle])).toEqual([
      [goalB, 'Schnelle Sanierung Block 4'],
    ]);
    expect(forA.comments.map((c) => [c.goalId, c.text, c.hidden])).toEqual([
      [goalB, 'Ayşes Frage zu den Fenstern', false],
    ]);
    expect(forB.comments.map((c) => [c.goalId, c.text])).toEqual([[goalA, 'Bernds Hinweis zur Wiese']]);
    expect(forA.edits).toContainEqual(
      expect.objectContaining({ type: 'wording_changed', goalId: goalB, field: 'title' }),
    );
    expect(forB.edits.some((e) => e.type === 'wording_changed')).toBe(false);

    expect(forA.stances.map((st) => [st.roundId, st.stance, st.reason, st.recordedBy])).toEqual([
      [round.id, 'concerns', 'Ayşes Grund', 'self'],
    ]);
    // The facilitator's stance for B's organisation is the organisation's: listed for B, marked as such.
    expect(forB.stances.map((st) => [st.roundId, st.stance, st.recordedBy])).toEqual([
      [round.id, 'object', 'self'],
      [second.id, 'agree', 'facilitator'],
    ]);
    expect(forA.minutesComments.map((c) => [c.meetingId, c.text])).toEqual([
      [meetingId, 'Ayşe: bitte Punkt 2 ergänzen'],
    ]);
    expect(forA.attendance.map((x) => x.meetingId)).toEqual([meetingId]);
    expect(forA.meetingsScheduled).toEqual([]);
    expect(forA.roundsOpened).toEqual([]);

    // Nothing of the other person anywhere in the copy: not their name, address, id, words or token.
    const jsonA = JSON.stringify(forA);
    const jsonB = JSON.stringify(forB);
    for (const secret of [
      'Bernd',
      'bernd@example.org',
      partnerB.participantId,
      partnerB.token,
      board.facilitator.participantId,
    ]) {
      expect(jsonA).not.toContain(secret);
    }
    for (const secret of ['Ayşe', 'ayse@example.org', partnerA.participantId, partnerA.token]) {
      expect(jsonB).not.toContain(secret);
    }
    // Never a token, nor the hash storage keeps of it.
    expect(jsonA).not.toContain(partnerA.token);

    // The readable page says the same, in the language asked for, and is as clean.
    const page = await myData(s, boardId, partnerA.token, '?format=md&lang=en');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/markdown');
    const md = String(page.body);
    expect(md).toContain('# My data: Runder Tisch Südstadt');
    expect(md).toContain('Name: Ayşe');
    expect(md).toContain('ayse@example.org');
    expect(md).toContain('Ayşes Frage zu den Fenstern');
    expect(md).not.toContain('Bernd');
    expect(md).not.toContain(partnerB.participantId);
    const german = await myData(s, boardId, partnerB.token, '?format=md&lang=de');
    expect(String(german.body)).toContain('von der Moderation für Ihre Organisation eingetragen');
    expect(String(german.body)).not.toContain('Ayşe');
  }

  it('lists what a facilitator did as theirs, and no partner’s data', async () => {
    const { s, board, meetingId } = await busyBoard();
    const forF = await copyOf(s, board.boardId, board.facilitator.token);
    expect(forF.person.role).toBe('facilitator');
    expect(forF.roundsOpened).toHaveLength(2);
    expect(forF.meetingsScheduled.map((m) => m.meetingId)).toEqual([meetingId]);
    expect(forF.invites).toHaveLength(2);
    // The stance the facilitator recorded for B's organisation is an act of theirs: listed, as given by them.
    expect(forF.stances.map((st) => [st.stance, st.recordedBy, st.organisation.name])).toEqual([
      ['agree', 'self', 'Wohnbau GmbH'],
    ]);
    const json = JSON.stringify(forF);
    for (const secret of [
      'Ayşe',
      'Bernd',
      'ayse@example.org',
      'bernd@example.org',
      board.partnerA.participantId,
      board.partnerB.participantId,
      'Ayşes Frage',
    ]) {
      expect(json).not.toContain(secret);
    }
  });

  it('answers only the caller, whatever the request names', async () => {
    const { s, board } = await start();
    const other = await seedBoard(s.url);
    const { boardId, partnerA, partnerB } = board;

    expect((await myData(s, boardId, undefined)).status).toBe(401);
    expect((await myData(s, boardId, 'not-a-token')).status).toBe(401);
    // A's token for another board, and another board's token for A's: refused, nothing read.
    expect((await myData(s, other.boardId, partnerA.token)).status).toBe(403);
    expect((await myData(s, boardId, other.partnerA.token)).status).toBe(403);
    expect((await myData(s, '..', partnerA.token)).status).toBe(404);
    // Another person's id in any parameter changes nothing: the token alone says whose data it is.
    for (const query of [
      `?participantId=${partnerB.participantId}`,
      `?id=${partnerB.participantId}&format=json`,
      `?format=md&lang=${partnerB.participantId}`,
    ]) {
      const result = await myData(s, boardId, partnerA.token, query);
      expect(result.status).toBe(200);
      const text = typeof result.body === 'string' ? result.body : JSON.stringify(result.body);
      expect(text).toContain('Ayşe');
      expect(text).not.toContain('Bernd');
    }
    expect((await myData(s, boardId, partnerA.token, '?format=xml')).status).toBe(400);
    // A language tag of any size names no language: German, never a failure or an echo of it.
    const huge = await myData(s, boardId, partnerA.token, `?format=md&lang=${'x'.repeat(4000)}`);
    expect(huge.status).toBe(200);
    expect(huge.headers.get('content-language')).toBe('de-DE');
    expect(String(huge.body)).not.toContain('xxxx');
    const path = `/api/boards/${boardId}/me/data/${partnerB.participantId}`;
    expect((await api(s.url).request('GET', path, { token: partnerA.token })).status).toBe(404);
  });

  it('gives a removed participant’s ended token nothing', async () => {
    const { s, board } = await start();
    const { boardId, partnerB } = board;
    const removed = await api(s.url).request(
      'POST',
      `/api/boards/${boardId}/people/${partnerB.participantId}/remove`,
      { token: board.facilitator.token },
    );
    expect(removed.status).toBe(200);
    // Removal ends every device token: such a person asks the facilitator or operator (docs/privacy.md).
    expect((await myData(s, boardId, partnerB.token)).status).toBe(401);
  });
});
