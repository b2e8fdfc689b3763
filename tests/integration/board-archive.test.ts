import {
  BoardInfoResponse,
  CreateBoardResponse,
  DeviceLinkResponse,
  ErrorResponse,
  previewArchive,
  RedeemDeviceLinkResponse,
} from '@common-ground/shared/api';
import { readRounds } from '@common-ground/shared/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type ArchiveFile, checksumsOf, readArchive } from '../../server/src/archive/format';
import { hashToken } from '../../server/src/auth/secrets';
import { openPostgresStorage } from '../../server/src/storage/postgres/postgresStorage';
import { ArchiveCollision } from '../../server/src/storage/types';
import { activityApi } from '../helpers/activityApi';
import { api, type SeededBoard, seedBoard } from '../helpers/clients';
import { createTestDatabase, databaseUrl, type TestDatabase } from '../helpers/postgres';
import { addGoal, roundOf, roundsApi } from '../helpers/roundsApi';
import { type TestServer, useClockedServers } from '../helpers/server';
import { waitFor } from '../helpers/wait';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const errorCode = (body: unknown) => ErrorResponse.parse(body).error.code;
const clone = (file: ArchiveFile): ArchiveFile => JSON.parse(JSON.stringify(file)) as ArchiveFile;

/** What an attacker does after editing the file: the checksums are public arithmetic. */
function reseal(file: ArchiveFile): ArchiveFile {
  const { checksums: _old, ...rest } = file;
  return { ...rest, checksums: checksumsOf(rest) };
}

/** A mutable view of a table of an archive copy, for the hostile edits. */
const rowsOf = (file: ArchiveFile, table: string) =>
  file.sections.tables[table] as unknown as Record<string, unknown>[];

interface Source {
  readonly server: TestServer;
  readonly board: SeededBoard;
  readonly goals: readonly string[];
  readonly partnerA: string;
  readonly partnerB: string;
  readonly archive: ArchiveFile;
}

function importArchive(target: TestServer, body: unknown, facilitator?: string, rawBody?: string) {
  const query = facilitator ? `?facilitator=${facilitator}` : '';
  return api(target.url).request('POST', `/api/boards/import${query}`, rawBody ? { rawBody } : { body });
}

async function download(server: TestServer, board: SeededBoard, token = board.facilitator.token) {
  return api(server.url).request('GET', `/api/boards/${board.boardId}/archive`, { token });
}

/** Every endpoint whose answer must be the same on both servers, by name. */
async function answers(
  server: TestServer,
  boardId: string,
  token: string,
  goals: readonly string[],
  at: number,
) {
  const activity = activityApi(server.url);
  const rounds = await roundsApi(server.url).list(boardId, token);
  const info = await api(server.url).request('GET', `/api/boards/${boardId}`, { token });
  const meetings = await api(server.url).request('GET', `/api/boards/${boardId}/meetings`, { token });
  const { me: _me, ...board } = BoardInfoResponse.parse(info.body);
  return {
    board,
    rounds: rounds.body,
    meetings: meetings.body,
    activity: await activity.activity(boardId, token),
    asOf: await activity.asOf(boardId, token, at),
    histories: await Promise.all(goals.map((goal) => activity.history(boardId, token, goal))),
  };
}

/** The document a real y-websocket client receives from a server. */
async function clientState(
  pool: ReturnType<typeof useClockedServers>['pool'],
  server: TestServer,
  boardId: string,
  token: string,
  record = false,
) {
  const client = pool.connect(server.url, boardId, token, { record });
  await client.synced;
  return client.doc;
}

/** The target numbers the log itself: each source sequence number → the target's, entry by entry. */
async function seqMap(from: TestServer, to: TestServer, boardId: string): Promise<Map<number, number>> {
  const [source, target] = await Promise.all([
    from.server.storage.log.listUpdates(boardId, 0),
    to.server.storage.log.listUpdates(boardId, 0),
  ]);
  expect(target).toHaveLength(source.length);
  return new Map(source.map((u, i) => [u.seq, target[i]?.seq ?? -1]));
}

/** An answer with the activity ids (`<seq>.<n>`) of the source's log written as the target's. */
function renumbered<T>(value: T, seqs: ReadonlyMap<number, number>): T {
  const walk = (v: unknown, key: string): unknown => {
    if (Array.isArray(v)) return v.map((item) => walk(item, ''));
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner, k)]));
    }
    const match = key === 'id' && typeof v === 'string' ? /^(\d+)\.(\d+)$/.exec(v) : null;
    if (match) return `${seqs.get(Number(match[1])) ?? 'missing'}.${match[2]}`;
    return v;
  };
  return walk(value, '') as T;
}

function sameContent(a: Y.Doc, b: Y.Doc): void {
  expect(Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b))).toBe(true);
  expect(Y.encodeStateAsUpdate(a)).toEqual(Y.encodeStateAsUpdate(b));
}

describe('moving a board between servers: the board archive', () => {
  const { pool, clock, start } = useClockedServers();

  /** A board with two goals, two closed rounds with stances, a meeting with minutes, and its archive. */
  async function source(): Promise<Source> {
    const server = await start();
    const board = await seedBoard(server.url);
    const rounds = roundsApi(server.url);
    const writer = pool.connect(server.url, board.boardId, board.partnerA.token);
    const firstGoal = await addGoal(
      server.server,
      board.boardId,
      writer,
      'Spielplatz sanieren',
      'Bis 2028 🛝',
    );
    // Apart in time: the activity orders entries of one moment by their ids, which the target renumbers.
    clock.now += MINUTE;
    const goals = [
      firstGoal,
      await addGoal(server.server, board.boardId, writer, 'Nachbarschaftsfest', 'Im Juni'),
    ];
    clock.now += MINUTE;
    const f = board.facilitator.token;
    const first = roundOf(await rounds.open(board.boardId, f, { goalId: goals[0] }), 201);
    roundOf(await rounds.stance(board.boardId, first.id, board.partnerA.token, { stance: 'agree' }), 201);
    roundOf(await rounds.stance(board.boardId, first.id, board.partnerB.token, { stance: 'agree' }), 201);
    roundOf(await rounds.close(board.boardId, first.id, f), 200);
    clock.now += MINUTE;
    const second = roundOf(await rounds.open(board.boardId, f, { goalId: goals[1] }), 201);
    roundOf(await rounds.stance(board.boardId, second.id, board.partnerA.token, { stance: 'agree' }), 201);
    const objection = { stance: 'object', reason: 'Der Hof ist im Juni belegt' };
    roundOf(await rounds.stance(board.boardId, second.id, board.partnerB.token, objection), 201);
    roundOf(await rounds.close(board.boardId, second.id, f), 200);
    const meeting = await api(server.url).request('POST', `/api/boards/${board.boardId}/meetings`, {
      token: f,
      body: {
        title: 'Runder Tisch',
        start: clock.now + HOUR,
        end: clock.now + 2 * HOUR,
        place: 'Bürgerhaus',
      },
    });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
    const meetingId = (meeting.body as { id: string }).id;
    const minutes = await api(server.url).request(
      'GET',
      `/api/boards/${board.boardId}/meetings/${meetingId}/minutes`,
      { token: f },
    );
    expect(minutes.status).toBe(200);
    writer.destroy();
    clock.now += MINUTE;
    const res = await download(server, board);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="board-/);
    const info = BoardInfoResponse.parse(
      (await api(server.url).request('GET', `/api/boards/${board.boardId}`, { token: f })).body,
    );
    const partnerOf = (id: string) => info.participants.find((p) => p.id === id)?.partnerId ?? '';
    return {
      server,
      board,
      goals,
      partnerA: partnerOf(board.partnerA.participantId),
      partnerB: partnerOf(board.partnerB.participantId),
      archive: res.body as ArchiveFile,
    };
  }

  it('arrives intact on another server: the same answers, the same documents, re-entry links for the others', async () => {
    const a = await source();
    const b = await start();
    const { boardId } = a.board;
    const text = JSON.stringify(a.archive);
    // No way onto the board travels: no token hashes, no device links, no invites, no addresses.
    expect(text).not.toContain('token_hash');
    for (const token of [a.board.facilitator.token, a.board.partnerA.token, a.board.observer.token]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(hashToken(token));
    }
    for (const table of [
      'invites',
      'participant_tokens',
      'device_links',
      'calendar_feeds',
      'mail_recipients',
    ]) {
      expect(Object.keys(a.archive.sections.tables)).not.toContain(table);
    }
    expect(previewArchive(a.archive)?.facilitators).toEqual([
      { id: a.board.facilitator.participantId, name: 'Moderation' },
    ]);

    const imported = await importArchive(b, a.archive, a.board.facilitator.participantId);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const me = CreateBoardResponse.parse(imported.body);
    expect(me).toMatchObject({ boardId, participantId: a.board.facilitator.participantId });

    const at = clock.now - 2 * MINUTE;
    const onA = await answers(a.server, boardId, a.board.facilitator.token, a.goals, at);
    const onB = await answers(b, boardId, me.token, a.goals, at);
    expect(onB).toEqual(renumbered(onA, await seqMap(a.server, b, boardId)));
    expect(readRounds(await clientState(pool, b, boardId, me.token, true))).toHaveLength(2);

    sameContent(
      await clientState(pool, a.server, boardId, a.board.facilitator.token),
      await clientState(pool, b, boardId, me.token),
    );
    sameContent(
      await clientState(pool, a.server, boardId, a.board.facilitator.token, true),
      await clientState(pool, b, boardId, me.token, true),
    );
    // The log keeps who wrote each entry and when.
    const logA = await a.server.server.storage.log.listUpdates(boardId, 0);
    const logB = await b.server.storage.log.listUpdates(boardId, 0);
    expect(logB.map((u) => [u.participantId, u.at])).toEqual(logA.map((u) => [u.participantId, u.at]));

    // Tokens from the old server open nothing here; the facilitator hands out a re-entry link.
    const client = api(b.url);
    const partnerToken = a.board.partnerA.token;
    expect((await client.request('GET', `/api/boards/${boardId}`, { token: partnerToken })).status).toBe(401);
    const link = await client.request(
      'POST',
      `/api/boards/${boardId}/people/${a.board.partnerA.participantId}/reentry`,
      { token: me.token },
    );
    expect(link.status, JSON.stringify(link.body)).toBe(201);
    const code = new URL(DeviceLinkResponse.parse(link.body).url).hash.slice(1);
    const redeemed = await client.request('POST', '/api/device-links/redeem', { body: { code } });
    const back = RedeemDeviceLinkResponse.parse(redeemed.body);
    const infoB = await client.request('GET', `/api/boards/${boardId}`, { token: back.token });
    expect(BoardInfoResponse.parse(infoB.body).me.id).toBe(a.board.partnerA.participantId);

    // The same archive again: the board exists here now, and nothing is written twice.
    const again = await importArchive(b, a.archive, a.board.facilitator.participantId);
    expect(again.status).toBe(409);
    expect(errorCode(again.body)).toBe('board_exists');
  });

  it('carries an erasure: the compacted record log verifies, and the erased name is nowhere in the archive', async () => {
    const a = await source();
    const { boardId } = a.board;
    const erased = await api(a.server.url).request('POST', `/api/boards/${boardId}/me/erase`, {
      token: a.board.partnerB.token,
    });
    expect(erased.status, JSON.stringify(erased.body)).toBeLessThan(300);
    const res = await download(a.server, a.board);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const archive = res.body as ArchiveFile;
    const decoded = [archive.sections.documents.record, archive.sections.documents.board]
      .flatMap((d) => [d.state, d.snapshot?.state ?? '', ...d.updates.map((u) => u.data)])
      .map((b64) => Buffer.from(b64, 'base64').toString('utf8'))
      .join('\n');
    expect(`${JSON.stringify(archive.sections.tables)}\n${decoded}`).not.toContain('Bernd');
    const b = await start();
    const imported = await importArchive(b, archive, a.board.facilitator.participantId);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const me = CreateBoardResponse.parse(imported.body);
    sameContent(
      await clientState(pool, a.server, boardId, a.board.facilitator.token, true),
      await clientState(pool, b, boardId, me.token, true),
    );
  });

  it('counts as creating a board: limited per address, and needs the creation key where the server asks for one', async () => {
    const a = await source();
    const b = await start({ config: { boardCreation: { perHour: 1, key: 'geheim-123' } } });
    const facilitator = a.board.facilitator.participantId;
    const keyless = await importArchive(b, a.archive, facilitator);
    expect(keyless.status).toBe(403);
    expect(errorCode(keyless.body)).toBe('create_key_invalid');
    expect((await importArchive(b, a.archive, facilitator)).status).toBe(429);
    expect(await b.server.storage.accounts.getBoard(a.board.boardId)).toBeNull();
  });

  it('keeps an archived board archived (read-only) where it moves', async () => {
    const a = await source();
    const { boardId } = a.board;
    const client = api(a.server.url);
    const archived = await client.request('POST', `/api/boards/${boardId}/archive`, {
      token: a.board.facilitator.token,
    });
    expect(archived.status, JSON.stringify(archived.body)).toBe(200);
    const res = await download(a.server, a.board);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const b = await start();
    const imported = await importArchive(b, res.body, a.board.facilitator.participantId);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const me = CreateBoardResponse.parse(imported.body);
    const write = await roundsApi(b.url).open(boardId, me.token, { goalId: a.goals[0] });
    expect(write.status).toBe(409);
    expect(errorCode(write.body)).toBe('board_archived');
  });

  it('is downloaded by the facilitator only', async () => {
    const a = await source();
    expect((await download(a.server, a.board, a.board.partnerA.token)).status).toBe(403);
    expect((await download(a.server, a.board, a.board.observer.token)).status).toBe(403);
    expect((await api(a.server.url).request('GET', `/api/boards/${a.board.boardId}/archive`)).status).toBe(
      401,
    );
    const other = await seedBoard(a.server.url);
    const foreign = await api(a.server.url).request('GET', `/api/boards/${a.board.boardId}/archive`, {
      token: other.facilitator.token,
    });
    expect(foreign.status).toBe(403);
  });

  it('refuses every tampered, oversized or colliding archive and stores nothing', async () => {
    const a = await source();
    const b = await start({ config: { maxArchiveBytes: 4 * 1024 * 1024 } });
    const facilitator = a.board.facilitator.participantId;
    const refused = async (file: unknown, status: number, code: string, who = facilitator) => {
      const res = await importArchive(b, file, who);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(errorCode(res.body)).toBe(code);
      expect(await b.server.storage.accounts.getBoard(a.board.boardId)).toBeNull();
    };

    // A changed byte in a log entry: the checksum finds it; recomputed, the replay does.
    const flipped = clone(a.archive);
    const entry = flipped.sections.documents.board.updates.at(-1);
    if (!entry) throw new Error('no log entry');
    const bytes = Buffer.from(entry.data, 'base64');
    bytes[bytes.length - 2] = (bytes[bytes.length - 2] ?? 0) ^ 0x20;
    (entry as { data: string }).data = bytes.toString('base64');
    await refused(flipped, 400, 'archive_checksum');
    await refused(reseal(flipped), 400, 'archive_inconsistent');

    // A stance turned into agreement.
    const stance = clone(a.archive);
    for (const row of rowsOf(stance, 'stances')) if (row.stance === 'object') row.stance = 'agree';
    await refused(stance, 400, 'archive_checksum');
    await refused(reseal(stance), 400, 'archive_inconsistent');

    // A participant moved to the other organisation.
    const moved = clone(a.archive);
    for (const row of rowsOf(moved, 'participants')) {
      if (row.id === a.board.partnerA.participantId) row.partner_id = a.partnerB;
    }
    await refused(reseal(moved), 400, 'archive_inconsistent');

    // A stance for a partner that was not eligible in its round.
    const ineligible = clone(a.archive);
    const extraPartner = {
      ...(rowsOf(ineligible, 'partners')[0] ?? {}),
      id: 'p-intruder-0001',
      name: 'Fremd',
    };
    rowsOf(ineligible, 'partners').push(extraPartner);
    const given = rowsOf(ineligible, 'stances')[0] ?? {};
    rowsOf(ineligible, 'stances').push({ ...given, id: 999, partner_id: 'p-intruder-0001' });
    await refused(reseal(ineligible), 400, 'archive_inconsistent');

    // The same participant twice.
    const duplicate = clone(a.archive);
    const people = rowsOf(duplicate, 'participants');
    people.push({ ...(people[1] ?? {}) });
    await refused(reseal(duplicate), 400, 'archive_inconsistent');

    // A version this server does not know; something that is no archive at all.
    await refused(
      reseal({ ...clone(a.archive), version: 2 } as unknown as ArchiveFile),
      400,
      'archive_version',
    );
    await refused({ format: 'zip' }, 400, 'archive_invalid');
    // Someone who is no facilitator of the archived board.
    await refused(a.archive, 400, 'archive_invalid', a.board.partnerA.participantId);

    // Larger than this server's archive limit: 413 before it is read.
    const padded = JSON.stringify({ ...a.archive, source: 'x'.repeat(5 * 1024 * 1024) });
    const huge = await importArchive(b, undefined, facilitator, padded);
    expect(huge.status).toBe(413);

    // A board id that is new here, but its rows' ids are another board's on this server.
    expect((await importArchive(b, a.archive, facilitator)).status).toBe(201);
    const otherId = 'Zz0123456789abcd';
    const renamed = reseal(
      JSON.parse(JSON.stringify(a.archive).replaceAll(a.board.boardId, otherId)) as ArchiveFile,
    );
    // Over HTTP the forgery fails its verification (the record document still names the old board)…
    expect((await importArchive(b, renamed, facilitator)).status).toBe(400);
    // …and the storage's own transaction refuses it too, should anything get that far.
    await expect(
      b.server.storage.boardArchive.importBoard(readArchive(renamed).dump, {
        participantId: facilitator,
        tokenHash: 'x'.repeat(64),
        at: clock.now,
      }),
    ).rejects.toBeInstanceOf(ArchiveCollision);
    expect(await b.server.storage.accounts.getBoard(otherId)).toBeNull();
    expect(await b.server.storage.log.countUpdates(otherId)).toBe(0);
  });

  describe.skipIf(!databaseUrl)('onto PostgreSQL', () => {
    let database: TestDatabase | undefined;
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('moves a SQLite board to a PostgreSQL server, equal in every answer', async () => {
      const a = await source();
      if (!database) throw new Error('no database');
      const storage = await openPostgresStorage(database.url);
      const { startTestServer } = await import('../helpers/server');
      const b = await startTestServer({ storage, config: { now: () => clock.now } });
      try {
        const { boardId } = a.board;
        const imported = await importArchive(b, a.archive, a.board.facilitator.participantId);
        expect(imported.status, JSON.stringify(imported.body)).toBe(201);
        const me = CreateBoardResponse.parse(imported.body);
        const at = clock.now - 2 * MINUTE;
        expect(await answers(b, boardId, me.token, a.goals, at)).toEqual(
          renumbered(
            await answers(a.server, boardId, a.board.facilitator.token, a.goals, at),
            await seqMap(a.server, b, boardId),
          ),
        );
        sameContent(
          await clientState(pool, a.server, boardId, a.board.facilitator.token),
          await clientState(pool, b, boardId, me.token),
        );
        // And back: the PostgreSQL server's archive verifies on a fresh SQLite server.
        const back = await api(b.url).request('GET', `/api/boards/${boardId}/archive`, { token: me.token });
        expect(back.status, JSON.stringify(back.body)).toBe(200);
        const c = await start();
        const home = await importArchive(c, back.body, a.board.facilitator.participantId);
        expect(home.status, JSON.stringify(home.body)).toBe(201);
        await waitFor(async () => (await c.server.storage.accounts.getBoard(boardId)) !== null);
      } finally {
        pool.destroyAll();
        await b.close();
      }
    });
  });
});
