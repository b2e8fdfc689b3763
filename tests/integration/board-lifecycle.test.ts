import fs from 'node:fs/promises';
import path from 'node:path';
import { BoardLifecycleResponse } from '@common-ground/shared/api';
import { CloseCode } from '@common-ground/shared/protocol';
import { proposeGoal, readGoals, readLifecycle } from '@common-ground/shared/schema';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../server/src/config';
import { loadConfig } from '../../server/src/config';
import {
  api,
  createClientPool,
  editUpdate,
  frames,
  isSyncStep2,
  type SeededBoard,
  seedBoard,
} from '../helpers/clients';
import { createTestDatabase, databaseUrl, NO_DATABASE_REASON } from '../helpers/postgres';
import { addGoal, roundOf, roundsApi } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

const DAY = 24 * 60 * 60 * 1000;
const START = 1_800_000_000_000;

type Action = 'archive' | 'unarchive' | 'delete' | 'restore-deletion';

describe('board lifecycle: archive (read-only) and deletion with 30 days to undo', () => {
  const clock = { now: START };
  const pool = createClientPool();
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    pool.destroyAll();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    clock.now = START;
  });

  const start = async (config: Partial<Config> = {}): Promise<TestServer> => {
    const server = await startTestServer({ config: { now: () => clock.now, ...config } });
    cleanups.push(() => server.close());
    return server;
  };
  const act = (server: TestServer, boardId: string, action: Action, token?: string) =>
    api(server.url).request('POST', `/api/boards/${boardId}/${action}`, token ? { token } : {});
  const lifecycleOf = async (server: TestServer, boardId: string, action: Action, token: string) => {
    const res = await act(server, boardId, action, token);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return BoardLifecycleResponse.parse(res.body).lifecycle;
  };
  const logSize = (server: TestServer, docKey: string) => server.server.storage.log.countUpdates(docKey);

  it('lets only the board’s facilitator archive, delete and undo (access matrix)', async () => {
    const server = await start();
    const board = await seedBoard(server.url);
    const other = await seedBoard(server.url);
    for (const action of ['archive', 'unarchive', 'delete', 'restore-deletion'] as const) {
      for (const who of [board.partnerA, board.observer]) {
        expect((await act(server, board.boardId, action, who.token)).status, `${action}`).toBe(403);
      }
      // Another board's facilitator, no token, a token nobody has, an id that is no board id.
      expect((await act(server, board.boardId, action, other.facilitator.token)).status).toBe(403);
      expect((await act(server, board.boardId, action)).status).toBe(401);
      expect((await act(server, board.boardId, action, 'x'.repeat(43))).status).toBe(401);
      expect((await act(server, '..%2F..', action, board.facilitator.token)).status).toBe(404);
    }
    expect(await server.server.storage.lifecycle.getLifecycle(board.boardId)).toBeNull();
    // Undoing a deletion nobody asked for is a conflict.
    expect((await act(server, board.boardId, 'restore-deletion', board.facilitator.token)).status).toBe(409);
  });

  it('archives: read-only for everyone over HTTP and the websocket, still readable; unarchiving ends it', async () => {
    const server = await start();
    const board = await seedBoard(server.url);
    const other = await seedBoard(server.url);
    const rounds = roundsApi(server.url);
    const writer = pool.connect(server.url, board.boardId, board.partnerA.token);
    const record = pool.connect(server.url, board.boardId, board.partnerB.token, { record: true });
    await Promise.all([writer.synced, record.synced]);
    const goalId = await addGoal(server.server, board.boardId, writer, 'Spielplatz', 'Am Markt');

    const archived = await lifecycleOf(server, board.boardId, 'archive', board.facilitator.token);
    expect(archived).toMatchObject({ archivedAt: START, archivedBy: board.facilitator.participantId });
    // Every device hears it live through the record document.
    await waitFor(() => readLifecycle(record.doc)?.archivedAt === START, { message: 'archive in record' });
    // Archiving again changes nothing.
    clock.now += 1000;
    expect((await lifecycleOf(server, board.boardId, 'archive', board.facilitator.token)).archivedAt).toBe(
      START,
    );

    // Writes over HTTP: refused with 409 board_archived, whoever asks, the facilitator too.
    const refused = [
      rounds.open(board.boardId, board.facilitator.token, { goalId }),
      rounds.setRule(board.boardId, board.facilitator.token, { kind: 'consent' }),
      api(server.url).request('POST', `/api/boards/${board.boardId}/invites`, {
        token: board.facilitator.token,
        body: { role: 'partner' },
      }),
      api(server.url).request('PUT', `/api/boards/${board.boardId}/me/email`, {
        token: board.partnerA.token,
        body: { address: 'a@example.org', language: 'de' },
      }),
    ];
    for (const res of await Promise.all(refused)) {
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body).toMatchObject({ error: { code: 'board_archived' } });
    }
    // Someone else's token learns nothing about this board: the answer it always gets.
    expect((await rounds.open(board.boardId, other.facilitator.token, { goalId })).status).toBe(403);
    expect((await rounds.open(board.boardId, '', { goalId })).status).toBe(401);
    // Another board is not affected.
    const otherInvite = await api(server.url).request('POST', `/api/boards/${other.boardId}/invites`, {
      token: other.facilitator.token,
      body: { role: 'partner' },
    });
    expect(otherInvite.status).toBe(201);
    // Reads, exports and "my data" stay.
    for (const [where, token] of [
      [`/api/boards/${board.boardId}`, board.partnerA.token],
      [`/api/boards/${board.boardId}/export`, board.observer.token],
      [`/api/boards/${board.boardId}/export?format=md`, board.partnerB.token],
      [`/api/boards/${board.boardId}/me/data`, board.partnerA.token],
      [`/api/boards/${board.boardId}/activity`, board.partnerA.token],
    ] as const) {
      expect((await api(server.url).request('GET', where, { token })).status, where).toBe(200);
    }

    // The websocket: a connected writer's edit and a raw update frame are dropped like an observer's.
    const before = await logSize(server, board.boardId);
    proposeGoal(writer.doc, { title: 'Nach dem Archivieren', description: '', createdBy: 'a', now: 1 });
    const raw = pool.raw(server.url, `/ws/${board.boardId}?token=${board.partnerB.token}`);
    await raw.opened;
    raw.ws.send(
      frames.update(
        editUpdate((doc) => proposeGoal(doc, { title: 'Forged', description: '', createdBy: 'x', now: 1 })),
      ),
    );
    raw.ws.send(frames.syncStep1());
    await waitFor(() => raw.received.some(isSyncStep2), { message: 'the answer to step 1' });
    const reader = pool.connect(server.url, board.boardId, board.observer.token);
    await reader.synced;
    expect(readGoals(reader.doc).map((g) => g.title)).toEqual(['Spielplatz']);
    expect(await logSize(server, board.boardId)).toBe(before);
    expect(raw.ws.readyState).toBe(raw.ws.OPEN);

    // Unarchived: the board takes changes again, also on the sockets that stayed open.
    const active = await lifecycleOf(server, board.boardId, 'unarchive', board.facilitator.token);
    expect(active).toMatchObject({ archivedAt: null, deleteAfter: null });
    await waitFor(() => readLifecycle(record.doc) === null, { message: 'record active again' });
    expect(await server.server.storage.lifecycle.getLifecycle(board.boardId)).toBeNull();
    proposeGoal(writer.doc, { title: 'Wieder offen', description: '', createdBy: 'a', now: 2 });
    await waitFor(() => readGoals(reader.doc).some((g) => g.title === 'Wieder offen'), {
      message: 'the edit after unarchiving',
    });
    // The writer's sockets reconnected and synced: its edit from the archived time arrives as an offline edit
    // does; the forged frame of the raw socket, never in any client's copy, does not.
    expect(
      readGoals(reader.doc)
        .map((g) => g.title)
        .sort(),
    ).toEqual(['Nach dem Archivieren', 'Spielplatz', 'Wieder offen']);
    expect(roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201).goalId).toBe(
      goalId,
    );
  });

  it('refuses a join onto an archived board', async () => {
    const server = await start();
    const board = await seedBoard(server.url);
    const invite = await api(server.url).createInvite(board.boardId, board.facilitator.token, {
      role: 'observer',
    });
    await lifecycleOf(server, board.boardId, 'archive', board.facilitator.token);
    const res = await api(server.url).request('POST', '/api/join', {
      body: { code: invite.code, name: 'Später' },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'board_archived' } });
  });

  it('a room loaded after archiving is read-only too (a fresh load reads it from storage)', async () => {
    const server = await start();
    const board = await seedBoard(server.url);
    await lifecycleOf(server, board.boardId, 'archive', board.facilitator.token);
    expect(server.server.rooms.get(board.boardId)).toBeUndefined();
    const raw = pool.raw(server.url, `/ws/${board.boardId}?token=${board.facilitator.token}`);
    await raw.opened;
    const before = await logSize(server, board.boardId);
    raw.ws.send(
      frames.update(
        editUpdate((doc) => proposeGoal(doc, { title: 'Forged', description: '', createdBy: 'x', now: 1 })),
      ),
    );
    raw.ws.send(frames.syncStep1());
    await waitFor(() => raw.received.some(isSyncStep2), { message: 'the answer to step 1' });
    expect(server.server.rooms.get(board.boardId)?.readOnly).toBe(true);
    expect(await logSize(server, board.boardId)).toBe(before);
  });

  it('deletes after the grace period: undo within it, 409 after it, then the purge leaves no row of the board', async () => {
    const server = await start();
    // A name found nowhere else: after the purge not a byte of it may be left.
    const title = 'Stadtteilrunde Lindenhof-Quellenweg';
    const board = await seedBoard(server.url, title);
    const other = await seedBoard(server.url);
    const rounds = roundsApi(server.url);
    const writer = pool.connect(server.url, board.boardId, board.partnerA.token);
    await writer.synced;
    const goalId = await addGoal(server.server, board.boardId, writer, 'Mittagstisch', 'Dienstags');
    const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
    roundOf(await rounds.stance(board.boardId, round.id, board.partnerA.token, { stance: 'agree' }), 201);
    roundOf(await rounds.close(board.boardId, round.id, board.facilitator.token), 200);
    const meeting = await api(server.url).request('POST', `/api/boards/${board.boardId}/meetings`, {
      token: board.facilitator.token,
      body: { title: 'Runder Tisch', start: START + 2 * DAY, end: START + 2 * DAY + 3_600_000 },
    });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
    const ids = await namesOf(server, board);
    expect((await vacuumedBytes(server)).includes(title)).toBe(true);

    const pending = await lifecycleOf(server, board.boardId, 'delete', board.facilitator.token);
    expect(pending).toMatchObject({ deletionRequestedAt: START, deleteAfter: START + 30 * DAY });
    const record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    await record.synced;
    expect(readLifecycle(record.doc)?.deleteAfter).toBe(START + 30 * DAY);
    expect((await rounds.open(board.boardId, board.facilitator.token, { goalId })).status).toBe(409);
    // Asking again changes neither the date nor anything else.
    clock.now += DAY;
    expect((await lifecycleOf(server, board.boardId, 'delete', board.facilitator.token)).deleteAfter).toBe(
      START + 30 * DAY,
    );
    // Undo within the grace period; the board takes changes again.
    const restored = await lifecycleOf(server, board.boardId, 'restore-deletion', board.facilitator.token);
    expect(restored.deleteAfter).toBeNull();
    await waitFor(() => readLifecycle(record.doc) === null, { message: 'deletion undone in the record' });
    expect((await rounds.open(board.boardId, board.facilitator.token, { goalId })).status).toBe(201);

    // Deleted again; the sweep before the end of the grace period removes nothing.
    const again = await lifecycleOf(server, board.boardId, 'delete', board.facilitator.token);
    const deleteAfter = clock.now + 30 * DAY;
    expect(again.deleteAfter).toBe(deleteAfter);
    clock.now = deleteAfter - 1;
    await server.server.lifecycle.sweep();
    expect(await server.server.storage.accounts.getBoard(board.boardId)).not.toBeNull();

    // Past the grace period the undo is refused, and the sweep purges.
    clock.now = deleteAfter;
    const late = await act(server, board.boardId, 'restore-deletion', board.facilitator.token);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: { code: 'grace_ended' } });
    const socket = pool.raw(server.url, `/ws/${board.boardId}?token=${board.partnerB.token}`);
    await socket.opened;
    await server.server.lifecycle.sweep();
    expect((await socket.closed).code).toBe(CloseCode.BoardDeleted);

    // Tokens stop working; the documents are gone from memory and storage.
    for (const token of [board.facilitator.token, board.partnerA.token, board.observer.token]) {
      expect((await api(server.url).request('GET', `/api/boards/${board.boardId}`, { token })).status).toBe(
        401,
      );
    }
    expect(server.server.rooms.get(board.boardId)).toBeUndefined();
    expect(server.server.rooms.get(`${board.boardId}/record`)).toBeUndefined();
    expect(await sqliteRowsNaming(server, ids)).toEqual([]);
    // Not a byte of the board's id or name left in the file once SQLite has written its WAL back and compacted.
    const bytes = await vacuumedBytes(server);
    expect(bytes.includes(board.boardId)).toBe(false);
    expect(bytes.includes(title)).toBe(false);
    expect(bytes.includes(other.boardId)).toBe(true);
    // The other board is whole.
    expect(
      (await api(server.url).request('GET', `/api/boards/${other.boardId}`, { token: other.partnerA.token }))
        .status,
    ).toBe(200);
    expect(await server.server.storage.log.countUpdates(other.boardId)).toBeGreaterThan(0);
  });

  it('reads the grace period from BOARD_DELETION_GRACE_DAYS', async () => {
    expect(loadConfig({ BOARD_DELETION_GRACE_DAYS: '7' }).deletionGraceMs).toBe(7 * DAY);
    expect(loadConfig({}).deletionGraceMs).toBe(30 * DAY);
    expect(() => loadConfig({ BOARD_DELETION_GRACE_DAYS: '-1' })).toThrow(/BOARD_DELETION_GRACE_DAYS/);
    const server = await start({ deletionGraceMs: 2 * DAY });
    const board = await seedBoard(server.url);
    expect((await lifecycleOf(server, board.boardId, 'delete', board.facilitator.token)).deleteAfter).toBe(
      START + 2 * DAY,
    );
  });

  describe.skipIf(!databaseUrl)(`on PostgreSQL${databaseUrl ? '' : ` (${NO_DATABASE_REASON})`}`, () => {
    it('purges a deleted board: no row in any table names it afterwards', async () => {
      const database = await createTestDatabase();
      cleanups.push(() => database.drop());
      const server = await start({ databaseUrl: database.url });
      const board = await seedBoard(server.url);
      const other = await seedBoard(server.url);
      const rounds = roundsApi(server.url);
      const writer = pool.connect(server.url, board.boardId, board.partnerA.token);
      await writer.synced;
      const goalId = await addGoal(server.server, board.boardId, writer, 'Mittagstisch', 'Dienstags');
      const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
      roundOf(await rounds.stance(board.boardId, round.id, board.partnerA.token, { stance: 'agree' }), 201);
      roundOf(await rounds.close(board.boardId, round.id, board.facilitator.token), 200);
      const ids = await namesOf(server, board);
      const { deleteAfter } = await lifecycleOf(server, board.boardId, 'delete', board.facilitator.token);
      clock.now = deleteAfter ?? 0;
      await server.server.lifecycle.sweep();
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows: tables } = await client.query<{ name: string }>(
          `SELECT table_name AS name FROM information_schema.tables
           WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
        );
        const found: string[] = [];
        for (const { name } of tables) {
          // Names from the catalogue, quoted: no input reaches this statement.
          const { rows } = await client.query<{ row: string }>(
            `SELECT row_to_json(t)::text AS row FROM "${name}" t`,
          );
          for (const { row } of rows) if (ids.some((id) => row.includes(id))) found.push(`${name}: ${row}`);
        }
        expect(found).toEqual([]);
      } finally {
        await client.end();
      }
      expect(await server.server.storage.log.countUpdates(other.boardId)).toBeGreaterThan(0);
    });
  });
});

/** Ids that name the board or its people, organisations and rounds: after the purge, no row holds any of them. */
async function namesOf(server: TestServer, board: SeededBoard): Promise<string[]> {
  const { storage } = server.server;
  const people = await storage.accounts.listParticipants(board.boardId);
  const partners = await storage.partners.listPartners(board.boardId);
  const rounds = await storage.rounds.listRounds(board.boardId);
  return [
    board.boardId,
    ...people.map((p) => p.id),
    ...partners.map((p) => p.id),
    ...rounds.map((r) => r.id),
  ];
}

/** The SQLite file's bytes after its WAL was written back and the file compacted (VACUUM). */
async function vacuumedBytes(server: TestServer): Promise<Buffer> {
  const file = path.join(server.dataDir, 'common-ground.sqlite');
  const db = new Database(file);
  try {
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  const wal = await fs.readFile(`${file}-wal`).catch(() => Buffer.alloc(0));
  return Buffer.concat([await fs.readFile(file), wal]);
}

/** Every row of every table of the server's SQLite file that holds one of `ids`, as `table: row`. */
async function sqliteRowsNaming(server: TestServer, ids: readonly string[]): Promise<string[]> {
  const db = new Database(path.join(server.dataDir, 'common-ground.sqlite'), { readonly: true });
  try {
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
      )
      .all();
    const found: string[] = [];
    for (const { name } of tables) {
      // Names from the catalogue, quoted: no input reaches this statement.
      for (const row of db.prepare(`SELECT * FROM "${name}"`).all()) {
        const text = JSON.stringify(row, (_key, value: unknown) =>
          Buffer.isBuffer(value) ? value.toString('latin1') : value,
        );
        if (ids.some((id) => text.includes(id))) found.push(`${name}: ${text}`);
      }
    }
    return found;
  } finally {
    db.close();
  }
}
