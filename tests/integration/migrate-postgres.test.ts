import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { StanceRequest } from '@common-ground/shared/api';
import {
  editGoalText,
  readGoals,
  readProfiles,
  readRelations,
  readRounds,
} from '@common-ground/shared/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { migrateSqliteToPostgres, TargetNotEmptyError } from '../../server/src/migrate/migrate';
import { SqliteSource } from '../../server/src/migrate/sqliteSource';
import { verifyCopy } from '../../server/src/migrate/verify';
import { recordDocKey } from '../../server/src/rooms/docKeys';
import { createPool } from '../../server/src/storage/postgres/db';
import { openPostgresStorage } from '../../server/src/storage/postgres/postgresStorage';
import { openSqliteStorage } from '../../server/src/storage/sqlite/sqliteStorage';
import type { Storage } from '../../server/src/storage/types';
import { activityApi } from '../helpers/activityApi';
import { api, createClientPool, type SeededBoard, seedBoard } from '../helpers/clients';
import { createTestDatabase, databaseUrl, NO_DATABASE_REASON, type TestDatabase } from '../helpers/postgres';
import { addGoal, roundOf, roundsApi, serverSees } from '../helpers/roundsApi';
import { makeDataDir, startTestServer } from '../helpers/server';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

interface BuiltBoard {
  readonly board: SeededBoard;
  readonly goalId: string;
}

/** A board as real use leaves it in SQLite: edits by two clients, rounds with stances, network, decision rule. */
async function buildBoard(dataDir: string): Promise<BuiltBoard> {
  const server = await startTestServer({ dataDir });
  const pool = createClientPool();
  try {
    const board = await seedBoard(server.url);
    const { boardId, facilitator, partnerA, partnerB } = board;
    const a = pool.connect(server.url, boardId, partnerA.token);
    const b = pool.connect(server.url, boardId, partnerB.token);
    const goal = await addGoal(server.server, boardId, a, 'Spielplatz sanieren', 'Bis Ende 2027');
    const other = await addGoal(server.server, boardId, b, 'Mehr Bänke', 'Im Park');
    editGoalText(a.doc, goal, 'description', { index: 0, deleteCount: 3, insert: 'Spätestens' });
    editGoalText(b.doc, other, 'description', { index: 7, deleteCount: 0, insert: ' am Teich' });
    editGoalText(b.doc, goal, 'title', { index: 0, deleteCount: 0, insert: 'Den ' });
    await serverSees(server.server, boardId, (doc) => {
      const texts = readGoals(doc).map((g) => `${g.title}|${g.description}`);
      return (
        texts.includes('Den Spielplatz sanieren|Spätestens Ende 2027') &&
        texts.includes('Mehr Bänke|Im Park am Teich')
      );
    });

    const rounds = roundsApi(server.url);
    const rule = { kind: 'majority', quorum: 0.5, threshold: 0.5 };
    expect((await rounds.setRule(boardId, facilitator.token, { rule })).status).toBe(200);
    const first = roundOf(await rounds.open(boardId, facilitator.token, { goalId: goal }), 201);
    const stance = (token: string, body: StanceRequest) => rounds.stance(boardId, first.id, token, body);
    roundOf(await stance(partnerA.token, { stance: 'agree' }), 201);
    roundOf(await stance(partnerB.token, { stance: 'concerns', reason: 'Die Finanzierung ist offen' }), 201);
    roundOf(await stance(partnerB.token, { stance: 'agree' }), 201);
    roundOf(await rounds.close(boardId, first.id, facilitator.token), 200);
    const second = roundOf(await rounds.open(boardId, facilitator.token, { goalId: other }), 201);
    roundOf(
      await rounds.stance(boardId, second.id, partnerA.token, { stance: 'object', reason: 'Zu teuer' }),
      201,
    );

    const network = activityApi(server.url);
    const info = await api(server.url).request('GET', `/api/boards/${boardId}`, { token: facilitator.token });
    const [idA, idB] = (info.body as { partners: { id: string }[] }).partners.map((p) => p.id);
    expect(
      (
        await network.putProfile(boardId, partnerA.token, idA ?? '', {
          description: 'Mieterinnen',
          offers: ['rooms'],
        })
      ).status,
    ).toBe(200);
    const added = await network.addRelation(boardId, partnerA.token, {
      from: idA,
      to: idB,
      kind: 'tension',
      strength: 2,
    });
    expect(added.status).toBe(201);
    const funding = { from: idB, to: idA, kind: 'funding', strength: 3, note: 'Miete' };
    expect((await network.addRelation(boardId, facilitator.token, funding)).status).toBe(201);
    const removed = await network.removeRelation(boardId, partnerA.token, (added.body as { id: string }).id);
    expect(removed.status).toBe(204);
    return { board, goalId: goal };
  } finally {
    pool.destroyAll();
    await server.close({ keepData: true });
  }
}

/**
 * Unloading snapshotted every document; an update logged after that leaves a tail behind the snapshot, so the
 * copy has to map the snapshot's seq into the new per-document numbering.
 */
async function addTail(dataDir: string, { board, goalId }: BuiltBoard): Promise<void> {
  const storage = openSqliteStorage(dataDir);
  try {
    const doc = await documentOf(storage, board.boardId);
    const before = Y.encodeStateVector(doc);
    editGoalText(doc, goalId, 'description', { index: 0, deleteCount: 0, insert: 'Nach der Pause: ' });
    const update = Y.encodeStateAsUpdate(doc, before);
    await storage.log.appendUpdates(board.boardId, [
      { participantId: board.partnerA.participantId, update, at: 1 },
    ]);
  } finally {
    await storage.close();
  }
}

async function documentOf(storage: Storage, docKey: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const loaded = await storage.log.loadDocument(docKey);
  if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
  for (const { update } of loaded.updates) Y.applyUpdate(doc, update);
  return doc;
}

describe.skipIf(!databaseUrl)(
  `migrating SQLite to PostgreSQL${databaseUrl ? '' : ` (${NO_DATABASE_REASON})`}`,
  () => {
    let dataDir: string;
    let board: SeededBoard;
    const databases: TestDatabase[] = [];
    const freshDatabase = async () => {
      const database = await createTestDatabase();
      databases.push(database);
      return database;
    };

    beforeAll(async () => {
      dataDir = await makeDataDir();
      const built = await buildBoard(dataDir);
      await addTail(dataDir, built);
      board = built.board;
    });
    afterAll(async () => {
      for (const database of databases) await database.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    });

    it('copies every table and document, numbered per document, and verifies the copy', async () => {
      const target = await freshDatabase();
      const report = await migrateSqliteToPostgres({ dataDir, databaseUrl: target.url });
      expect(report.problems).toEqual([]);
      expect(report.documentsVerified).toBe(2);
      const counts = Object.fromEntries(report.tables.map((t) => [t.table, t.postgres]));
      expect(counts).toMatchObject({
        boards: 1,
        partners: 2,
        participants: 4,
        rounds: 2,
        round_closures: 1,
        stances: 4,
        partner_profiles: 1,
        partner_relations: 2,
        board_settings: 1,
        doc_snapshots: 2,
      });
      for (const t of report.tables) expect(t.postgres, t.table).toBe(t.sqlite);

      const sqlite = openSqliteStorage(dataDir);
      const postgres = await openPostgresStorage(target.url);
      try {
        const { boardId } = board;
        expect(await postgres.accounts.getBoard(boardId)).toMatchObject({
          id: boardId,
          title: 'Runder Tisch Südstadt',
        });
        expect(await postgres.accounts.getBoard(boardId)).toEqual(await sqlite.accounts.getBoard(boardId));
        expect(await postgres.partners.listPartners(boardId)).toEqual(
          await sqlite.partners.listPartners(boardId),
        );
        const participants = await sqlite.accounts.listParticipants(boardId);
        expect(await postgres.accounts.listParticipants(boardId)).toEqual(participants);
        expect(await postgres.people.findParticipantByTokenHash('no-such-hash')).toBeNull();
        for (const { id } of participants)
          expect(await postgres.people.getLastVisit(id)).toBe(await sqlite.people.getLastVisit(id));
        expect(await postgres.rounds.listRounds(boardId)).toEqual(await sqlite.rounds.listRounds(boardId));
        expect(await postgres.rounds.getDecisionRule(boardId)).toEqual(
          await sqlite.rounds.getDecisionRule(boardId),
        );
        expect(await postgres.network.listProfiles(boardId)).toEqual(
          await sqlite.network.listProfiles(boardId),
        );
        expect(await postgres.network.listRelations(boardId, { includeRemoved: true })).toEqual(
          await sqlite.network.listRelations(boardId, { includeRemoved: true }),
        );

        for (const docKey of [boardId, recordDocKey(boardId)]) {
          const logged = await postgres.log.listUpdates(docKey, 0);
          expect(logged.map((u) => u.seq)).toEqual(logged.map((_, i) => i + 1));
          expect(logged).toHaveLength(await sqlite.log.countUpdates(docKey));
          const loaded = await postgres.log.loadDocument(docKey);
          const original = await sqlite.log.loadDocument(docKey);
          expect(loaded.snapshot).toEqual(original.snapshot);
          expect(loaded.snapshotSeq).toBe(logged.length - original.updates.length);
          expect(loaded.updates.map((u) => [u.participantId, u.update, u.at])).toEqual(
            original.updates.map((u) => [u.participantId, u.update, u.at]),
          );
          const [fromSqlite, fromPostgres] = [
            await documentOf(sqlite, docKey),
            await documentOf(postgres, docKey),
          ];
          expect(Y.equalSnapshots(Y.snapshot(fromPostgres), Y.snapshot(fromSqlite))).toBe(true);
          expect(readGoals(fromPostgres)).toEqual(readGoals(fromSqlite));
          expect(readRounds(fromPostgres)).toEqual(readRounds(fromSqlite));
          expect([...readProfiles(fromPostgres)]).toEqual([...readProfiles(fromSqlite)]);
          expect(readRelations(fromPostgres)).toEqual(readRelations(fromSqlite));
        }
        expect((await postgres.log.loadDocument(boardId)).updates).toHaveLength(1);
        const boardDoc = await documentOf(postgres, boardId);
        expect(readGoals(boardDoc).map((g) => [g.title, g.description])).toContainEqual([
          'Den Spielplatz sanieren',
          'Nach der Pause: Spätestens Ende 2027',
        ]);
        const record = await documentOf(postgres, recordDocKey(boardId));
        expect(readRounds(record).map((r) => r.status)).toEqual(['closed', 'open']);

        // Stance ids continue after the copied ones.
        const open = (await postgres.rounds.listOpenRounds(boardId))[0];
        const partnerId = open?.eligiblePartnerIds[0] ?? '';
        const next = await postgres.rounds.appendStance({
          roundId: open?.id ?? '',
          partnerId,
          stance: 'agree',
          reason: null,
          provisionalUntil: null,
          recordedBy: board.facilitator.participantId,
          byFacilitator: true,
          at: Date.now(),
        });
        const copiedIds = (await sqlite.rounds.listRounds(boardId)).flatMap((r) =>
          r.stances.map((s) => s.id),
        );
        expect(next?.id).toBeGreaterThan(Math.max(...copiedIds));
      } finally {
        await sqlite.close();
        await postgres.close();
      }
    });

    it('runs as a command, prints the summary and refuses a database that already holds boards', async () => {
      const target = await freshDatabase();
      const cli = [
        '--import',
        'tsx',
        'server/src/migrate/cli.ts',
        '--data-dir',
        dataDir,
        '--database-url',
        target.url,
      ];
      const { stdout } = await run(process.execPath, cli, { cwd: repoRoot });
      expect(stdout).toMatch(/^doc_updates\s+\d+\s+\d+$/m);
      expect(stdout).toContain('documents copied: 2, verified: 2');
      expect(stdout).toContain('migration verified');

      await expect(migrateSqliteToPostgres({ dataDir, databaseUrl: target.url })).rejects.toBeInstanceOf(
        TargetNotEmptyError,
      );
      const again = run(process.execPath, cli, { cwd: repoRoot });
      await expect(again).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('already holds boards'),
      });
    });

    it('reports every difference between the copy and its source', async () => {
      const target = await freshDatabase();
      expect((await migrateSqliteToPostgres({ dataDir, databaseUrl: target.url })).problems).toEqual([]);
      const pool = createPool(target.url);
      const source = new SqliteSource(dataDir);
      try {
        const { boardId } = board;
        await pool.query("UPDATE partners SET name = 'Falsch' WHERE id = (SELECT min(id) FROM partners)");
        await pool.query('UPDATE doc_snapshots SET seq = seq - 1 WHERE doc_key = $1', [boardId]);
        await pool.query(
          `INSERT INTO doc_updates (doc_key, seq, data, at)
           SELECT doc_key, last_seq + 1, '\\x00', 0 FROM doc_seqs WHERE doc_key = $1`,
          [recordDocKey(boardId)],
        );
        const verification = await verifyCopy(pool, source);
        const { problems, documentsVerified } = verification;
        const record = recordDocKey(boardId);
        expect(problems).toEqual([
          expect.stringMatching(/^doc_updates: \d+ rows in SQLite, \d+ in PostgreSQL$/),
          'partners: row 1 differs in name',
          expect.stringMatching(new RegExp(`^document ${boardId}: snapshot at seq \\d+, expected \\d+$`)),
          expect.stringMatching(
            new RegExp(`^document ${record}: more updates than in SQLite after seq \\d+$`),
          ),
          expect.stringMatching(new RegExp(`^document ${record}: could not be loaded`)),
        ]);
        const { sqlite, postgres } = verification.tables.find((t) => t.table === 'doc_updates') ?? {};
        expect(postgres).toBe((sqlite ?? 0) + 1);
        expect(documentsVerified).toBe(0);
      } finally {
        source.close();
        await pool.end();
      }
    });

    it('copies quarantined entries renumbered, loads without them and reports a difference in them', async () => {
      const quarantineDir = await makeDataDir();
      const record = recordDocKey(board.boardId);
      try {
        await fs.cp(dataDir, quarantineDir, { recursive: true });
        const sqlite = openSqliteStorage(quarantineDir);
        try {
          // Applying it throws (Unexpected end of array): without the quarantine no state could be verified.
          const [bad = 0] = await sqlite.log.appendUpdates(record, [
            { participantId: null, update: new Uint8Array([0xff, 0xff, 0xff]), at: 2 },
          ]);
          await sqlite.log.quarantineUpdates(record, [{ seq: bad, reason: 'Unexpected end of array' }], 3);
        } finally {
          await sqlite.close();
        }
        const target = await freshDatabase();
        const report = await migrateSqliteToPostgres({ dataDir: quarantineDir, databaseUrl: target.url });
        expect(report.problems).toEqual([]);
        expect(report.documentsVerified).toBe(2);
        expect(report.tables).toContainEqual({ table: 'quarantined_updates', sqlite: 1, postgres: 1 });

        const postgres = await openPostgresStorage(target.url);
        try {
          const logged = await postgres.log.countUpdates(record);
          expect(await postgres.log.listQuarantined()).toEqual([
            { docKey: record, seq: logged, reason: 'Unexpected end of array', at: 3 },
          ]);
          expect((await postgres.log.listUpdates(record, 0)).map((u) => u.seq)).toEqual(
            Array.from({ length: logged - 1 }, (_, i) => i + 1),
          );
        } finally {
          await postgres.close();
        }

        const pool = createPool(target.url);
        const source = new SqliteSource(quarantineDir);
        try {
          await pool.query("UPDATE quarantined_updates SET reason = 'anders'");
          expect((await verifyCopy(pool, source)).problems).toEqual([
            expect.stringMatching(new RegExp(`^document ${record}: quarantined entry \\d+ differs$`)),
          ]);
        } finally {
          source.close();
          await pool.end();
        }
      } finally {
        await fs.rm(quarantineDir, { recursive: true, force: true });
      }
    });

    it('serves the migrated board from PostgreSQL: same goals, rounds and tokens', async () => {
      const target = await freshDatabase();
      await migrateSqliteToPostgres({ dataDir, databaseUrl: target.url });
      const before = await startTestServer({ dataDir });
      const expected = await before.server.storage.rounds.listRounds(board.boardId);
      const expectedGoals = await before.server.rooms.read(board.boardId, (doc) => readGoals(doc));
      await before.close({ keepData: true });

      const emptyDir = await makeDataDir();
      const server = await startTestServer({ dataDir: emptyDir, config: { databaseUrl: target.url } });
      const pool = createClientPool();
      try {
        // The old tokens still work: the same participant, now answered from PostgreSQL.
        const me = await api(server.url).request('GET', `/api/boards/${board.boardId}`, {
          token: board.partnerA.token,
        });
        expect(me.status).toBe(200);
        expect((me.body as { me: { id: string } }).me.id).toBe(board.partnerA.participantId);
        const client = pool.connect(server.url, board.boardId, board.partnerB.token);
        const record = pool.connect(server.url, board.boardId, board.partnerB.token, { record: true });
        await Promise.all([client.synced, record.synced]);
        expect(readGoals(client.doc)).toEqual(expectedGoals);
        expect(readRounds(record.doc).map((r) => r.id)).toEqual(expected.map((r) => r.id));
        expect(await server.server.storage.rounds.listRounds(board.boardId)).toEqual(expected);
      } finally {
        pool.destroyAll();
        await server.close();
      }
    });
  },
);
