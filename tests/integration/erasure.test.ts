import fs from 'node:fs/promises';
import path from 'node:path';
import { ErasureResponse } from '@common-ground/shared/api';
import { readParticipants, readRounds } from '@common-ground/shared/schema';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { api, type SeededBoard, seedBoard } from '../helpers/clients';
import { addGoal, roundOf, roundsApi } from '../helpers/roundsApi';
import { type TestServer, useTestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

// A name found nowhere else in the database: every byte of it must be gone after the erasure.
const NAME = 'Zeynep Quellenstein';

describe('erasure of a person’s data (DSGVO Art. 17)', () => {
  const fixture = useTestServer();

  async function setUp() {
    const { server } = fixture;
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

  it('takes the name out of every table, the record document and its stored log; rounds and the update log stay', async () => {
    const { server, board, client, zeynep, rounds } = await setUp();
    const { pool } = fixture;
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
    expect((await databaseBytes(server)).includes(NAME)).toBe(true);

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
    const exported = await client.request('GET', `/api/boards/${board.boardId}/export?format=json`, {
      token: board.partnerA.token,
    });
    expect(JSON.stringify(exported.body)).not.toContain(NAME);

    // A new device loading the record after a restart of the room gets no trace of the name either.
    const fresh = pool.connect(server.url, board.boardId, board.partnerA.token, { record: true });
    await fresh.synced;
    expect(JSON.stringify(readParticipants(fresh.doc))).not.toContain(NAME);

    // And not one byte of the name is left in the database file (secure_delete; WAL checkpointed).
    expect((await databaseBytes(server)).includes(NAME)).toBe(false);
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
