import fs from 'node:fs/promises';
import path from 'node:path';
import { ErasureResponse } from '@common-ground/shared/api';
import { readParticipants, readRounds } from '@common-ground/shared/schema';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { api, type SeededBoard, seedBoard } from '../helpers/clients';
import { createTestDatabase, databaseUrl, NO_DATABASE_REASON } from '../helpers/postgres';
import { addGoal, roundOf, roundsApi } from '../helpers/roundsApi';
import { startTestServer, type TestServer, useTestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

// A name found nowhere else in the database: every byte of it must be gone after the erasure.
const NAME = 'Zeynep Quellenstein';

describe('erasure of a person’s data (DSGVO Art. 17)', () => {
  const fixture = useTestServer();

  async function setUp(server: TestServer = fixture.server) {
    const board = await seedBoard(server.url);
    const client = api(server.url);
    const invite = await client.createInvite(board.boardId, board.facilitator.token, { role: 'partner' });
    const zeynep = await client.join({
      code: invite.code,
      name: NAME,
      partner: { name: 'Nachbarschaftshilfe Ost', kind: 'welfare' },
    });
    return { server, board, client, zeynep, rounds: roundsApi(server.url) };
  }

  /** Every byte of the SQLite database after a checkpoint that empties the WAL into it. */
  async function databaseBytes(server: TestServer): Promise<Buffer> {
    const file = path.join(server.dataDir, 'common-ground.sqlite');
    const db = new Database(file);
    try {
      const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      expect(result?.busy).toBe(0);
    } finally {
      db.close();
    }
    const wal = await fs.readFile(`${file}-wal`).catch(() => Buffer.alloc(0));
    return Buffer.concat([await fs.readFile(file), wal]);
  }

  const erase = (server: TestServer, board: SeededBoard, token: string, participantId?: string) =>
    api(server.url).request(
      'POST',
      participantId
        ? `/api/boards/${board.boardId}/people/${participantId}/erase`
        : `/api/boards/${board.boardId}/me/erase`,
      { token },
    );

  /**
   * The whole scenario on one server: Zeynep proposes a goal and agrees in a round, then erases her data. `found`
   * says whether the storage still holds her name anywhere (raw file bytes for SQLite, every column for PostgreSQL).
   */
  async function eraseWhileEverythingStays(server: TestServer, found: () => Promise<boolean>): Promise<void> {
    const { pool } = fixture;
    const { board, client, zeynep, rounds } = await setUp(server);
    const writer = pool.connect(server.url, board.boardId, zeynep.token);
    const goalId = await addGoal(
      server.server,
      board.boardId,
      writer,
      'Mittagstisch im Quartier',
      'Dienstags',
    );
    const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
    roundOf(
      await rounds.stance(board.boardId, round.id, zeynep.token, {
        stance: 'agree',
        reason: 'Wir kochen mit',
      }),
      201,
    );
    roundOf(await rounds.stance(board.boardId, round.id, board.partnerA.token, { stance: 'agree' }), 201);
    roundOf(await rounds.stance(board.boardId, round.id, board.partnerB.token, { stance: 'agree' }), 201);
    roundOf(await rounds.close(board.boardId, round.id, board.facilitator.token), 200);
    const record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    await record.synced;
    await waitFor(() => readParticipants(record.doc).some((p) => p.name === NAME), {
      message: 'name in record',
    });
    const { log } = server.server.storage;
    const boardLogBefore = await log.countUpdates(board.boardId);
    expect(await found()).toBe(true);

    const res = await erase(server, board, zeynep.token);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(ErasureResponse.parse(res.body)).toEqual({ participantId: zeynep.participantId, erased: 1 });

    // The device is out; the live record shows the pseudonym, with the organisation and the stance unchanged.
    expect(
      (await client.request('GET', `/api/boards/${board.boardId}`, { token: zeynep.token })).status,
    ).toBe(401);
    const entry = await waitFor(
      () => readParticipants(record.doc).find((p) => p.id === zeynep.participantId && p.erased === 1),
      { message: 'pseudonym in record' },
    );
    expect(entry).toMatchObject({
      name: 'Ehemalige/r Teilnehmende/r 1',
      partnerId: zeynep.partnerId,
      removed: true,
    });
    const closed = readRounds(record.doc).find((r) => r.id === round.id);
    expect(closed?.outcome).toBe('agreed');
    expect(closed?.stances).toContainEqual(
      expect.objectContaining({
        partnerId: zeynep.partnerId,
        recordedBy: zeynep.participantId,
        reason: 'Wir kochen mit',
      }),
    );

    // The board's update log is the audit trail: not one entry less. The record's log was compacted.
    expect(await log.countUpdates(board.boardId)).toBe(boardLogBefore);
    expect(await log.countUpdates(`${board.boardId}/record`)).toBe(0);
    const activity = await client.request('GET', `/api/boards/${board.boardId}/activity`, {
      token: board.partnerA.token,
    });
    const proposal = (
      activity.body as { events: { type: string; participantId: string; participantName: string }[] }
    ).events.find((e) => e.type === 'goal_proposed');
    expect(proposal).toMatchObject({
      participantId: zeynep.participantId,
      participantName: 'Ehemalige/r Teilnehmende/r 1',
    });

    // The board still agrees: a second round on the goal, the facilitator records the organisation's stance (its
    // only person is gone), and the agreement names the organisation, never the person.
    const again = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
    roundOf(
      await rounds.stance(board.boardId, again.id, board.facilitator.token, {
        stance: 'agree',
        onBehalfOfPartnerId: zeynep.partnerId,
      }),
      201,
    );
    roundOf(await rounds.stance(board.boardId, again.id, board.partnerA.token, { stance: 'agree' }), 201);
    roundOf(await rounds.stance(board.boardId, again.id, board.partnerB.token, { stance: 'agree' }), 201);
    expect(roundOf(await rounds.close(board.boardId, again.id, board.facilitator.token), 200).outcome).toBe(
      'agreed',
    );
    for (const format of ['json', 'md']) {
      const exported = await client.request('GET', `/api/boards/${board.boardId}/export?format=${format}`, {
        token: board.partnerA.token,
      });
      expect(exported.status).toBe(200);
      const text = typeof exported.body === 'string' ? exported.body : JSON.stringify(exported.body);
      expect(text).toContain('Nachbarschaftshilfe Ost');
      expect(text).not.toContain(NAME);
    }

    // A new device loading the record gets no trace of the name either, and storage holds none.
    const fresh = pool.connect(server.url, board.boardId, board.partnerA.token, { record: true });
    await fresh.synced;
    expect(JSON.stringify(readParticipants(fresh.doc))).not.toContain(NAME);
    expect(await found()).toBe(false);
  }

  it('takes the name out of every table, the record document and its stored log; rounds and the update log stay', async () => {
    const { server } = fixture;
    // Not one byte of the name may be left in the database file (secure_delete; WAL checkpointed).
    await eraseWhileEverythingStays(server, async () => (await databaseBytes(server)).includes(NAME));
  });

  describe.skipIf(!databaseUrl)(`on PostgreSQL${databaseUrl ? '' : ` (${NO_DATABASE_REASON})`}`, () => {
    it('takes the name out of every column of every table, the record log included', async () => {
      const database = await createTestDatabase();
      const server = await startTestServer({ config: { databaseUrl: database.url } });
      const sql = new pg.Client({ connectionString: database.url });
      await sql.connect();
      try {
        await eraseWhileEverythingStays(server, () => nameInPostgres(sql));
      } finally {
        await sql.end();
        await server.close();
        await database.drop();
      }
    });
  });

  it('lets a facilitator erase someone who asked, numbers pseudonyms per board, and refuses everyone else', async () => {
    const { server, board, zeynep } = await setUp();
    const other = await seedBoard(server.url);

    // A partner cannot erase another person; nobody erases people of another board; ids that are no ids: 404.
    expect((await erase(server, board, board.partnerA.token, zeynep.participantId)).status).toBe(403);
    expect((await erase(server, board, board.facilitator.token, other.partnerA.participantId)).status).toBe(
      404,
    );
    expect((await erase(server, other, board.facilitator.token, other.partnerA.participantId)).status).toBe(
      403,
    );
    expect((await erase(server, board, board.facilitator.token, '..%2Fx')).status).toBe(404);
    expect((await api(server.url).request('POST', `/api/boards/${board.boardId}/me/erase`)).status).toBe(401);
    // The board keeps a facilitator.
    expect((await erase(server, board, board.facilitator.token)).status).toBe(409);

    const first = await erase(server, board, board.facilitator.token, zeynep.participantId);
    expect(ErasureResponse.parse(first.body).erased).toBe(1);
    const second = await erase(server, board, board.facilitator.token, board.partnerB.participantId);
    expect(ErasureResponse.parse(second.body).erased).toBe(2);
    // Erased already: there is nobody left to erase.
    expect((await erase(server, board, board.facilitator.token, zeynep.participantId)).status).toBe(404);
    // Another board counts its own.
    const elsewhere = await erase(server, other, other.partnerA.token);
    expect(ErasureResponse.parse(elsewhere.body).erased).toBe(1);
    const people = await api(server.url).request('GET', `/api/boards/${board.boardId}/people`, {
      token: board.facilitator.token,
    });
    expect(JSON.stringify(people.body)).not.toContain(NAME);
    expect(JSON.stringify(people.body)).not.toContain('Bernd');
  });
});

/**
 * Whether any column of any table holds NAME: text and JSON columns as text, binary ones (the update log and
 * snapshots) as bytes. Table and column names come from the catalogue and are quoted as identifiers.
 */
async function nameInPostgres(sql: pg.Client): Promise<boolean> {
  const { rows } = await sql.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = 'public' AND data_type IN ('text', 'jsonb', 'json', 'bytea', 'character varying')`,
  );
  for (const { table_name: table, column_name: column, data_type: type } of rows) {
    const id = (name: string) => `"${name.replaceAll('"', '""')}"`;
    const condition =
      type === 'bytea'
        ? `position(convert_to($1, 'UTF8') in ${id(column)}) > 0`
        : `${id(column)}::text LIKE '%' || $1 || '%'`;
    const found = await sql.query(`SELECT 1 FROM ${id(table)} WHERE ${condition} LIMIT 1`, [NAME]);
    if (found.rowCount) return true;
  }
  return false;
}
