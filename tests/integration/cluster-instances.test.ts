import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import type { Round } from '@common-ground/shared/api';
import { editGoalText, goalText, proposeGoal, readGoals, readRounds } from '@common-ground/shared/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BoardClient, createClientPool, seedBoard } from '../helpers/clients';
import { createTestDatabase, databaseUrl, type TestDatabase } from '../helpers/postgres';
import { roundsApi } from '../helpers/roundsApi';
import { makeDataDir, type SpawnedServer, spawnServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

const redisUrl = process.env.REDIS_URL;
const reason =
  databaseUrl && redisUrl
    ? 'PostgreSQL and Redis'
    : 'skipped: DATABASE_URL and REDIS_URL must both be set, these tests need PostgreSQL and Redis';

/** Titles of the board's goals as a client sees them. */
const titles = (client: BoardClient): string[] =>
  readGoals(client.doc).map((goal) => goalText(client.doc, goal.id, 'title')?.toString() ?? '');

describe.skipIf(!databaseUrl || !redisUrl)(`several instances serve one board (${reason})`, () => {
  const pool = createClientPool();
  let database: TestDatabase;
  let dataDir: string;
  let prefix: string;
  const instances: SpawnedServer[] = [];

  const startInstance = async (busPrefix = prefix): Promise<SpawnedServer> => {
    const instance = await spawnServer({
      dataDir,
      env: {
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl ?? '',
        REDIS_PREFIX: busPrefix,
        CLUSTER_CHECK_MS: '500',
        RATE_LIMIT_API_PER_IP: '0',
        RATE_LIMIT_API_PER_TOKEN: '0',
        RATE_LIMIT_WS_PER_IP: '0',
        RATE_LIMIT_WS_PER_TOKEN: '0',
      },
    });
    instances.push(instance);
    return instance;
  };

  /** Two instances (the second on `secondPrefix`), a seeded board, partner A on one and partner B on two, synced. */
  const partnersOnTwoInstances = async (secondPrefix = prefix) => {
    const [one, two] = [await startInstance(), await startInstance(secondPrefix)];
    const board = await seedBoard(one.url);
    const a = pool.connect(one.url, board.boardId, board.partnerA.token);
    const b = pool.connect(two.url, board.boardId, board.partnerB.token);
    await Promise.all([a.synced, b.synced]);
    return { one, two, board, a, b };
  };

  beforeEach(async () => {
    database = await createTestDatabase();
    dataDir = await makeDataDir();
    prefix = `cg-test-${randomBytes(6).toString('hex')}`;
  });

  afterEach(async () => {
    pool.destroyAll();
    await Promise.all(instances.splice(0).map((instance) => instance.kill('SIGTERM')));
    await database.drop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('delivers edits both ways between clients on different instances, and they converge', async () => {
    const { two, board, a, b } = await partnersOnTwoInstances();

    const goalId = proposeGoal(a.doc, {
      title: 'Spielplatz',
      description: 'Im Hof.',
      createdBy: 'a',
      now: 1,
    });
    await waitFor(() => goalText(b.doc, goalId, 'title')?.toString() === 'Spielplatz', {
      message: 'the goal proposed on instance 1 to reach instance 2',
    });

    // Same tick on both sides: truly concurrent edits, stored by different instances.
    editGoalText(a.doc, goalId, 'description', { index: 0, deleteCount: 0, insert: 'Gemeinsam: ' });
    editGoalText(b.doc, goalId, 'description', { index: 6, deleteCount: 0, insert: ' mit Bänken' });
    const description = (client: BoardClient) => goalText(client.doc, goalId, 'description')?.toString();
    await waitFor(
      () => description(a) === 'Gemeinsam: Im Hof mit Bänken.' && description(b) === description(a),
      {
        message: 'both clients to converge',
      },
    );

    // A late joiner on either instance gets everything from the database.
    const late = pool.connect(two.url, board.boardId, board.facilitator.token);
    await late.synced;
    expect(description(late)).toBe('Gemeinsam: Im Hof mit Bänken.');
  });

  it('shows presence across instances, and its end when a client leaves', async () => {
    const [one, two] = [await startInstance(), await startInstance()];
    const board = await seedBoard(one.url);
    const a = pool.connect(one.url, board.boardId, board.partnerA.token, {
      participantId: board.partnerA.participantId,
    });
    await a.synced;
    // B's instance loads the room after A is present: it asks the others for their presence.
    const b = pool.connect(two.url, board.boardId, board.partnerB.token, {
      participantId: board.partnerB.participantId,
    });
    await b.synced;
    const sees = (client: BoardClient, participantId: string) =>
      [...client.provider.awareness.getStates().values()].some(
        (state) => (state as { participantId?: string }).participantId === participantId,
      );
    await waitFor(() => sees(b, board.partnerA.participantId) && sees(a, board.partnerB.participantId), {
      message: 'each client to see the other on the other instance',
    });
    a.destroy();
    await waitFor(() => !sees(b, board.partnerA.participantId), { message: 'A to disappear for B' });
  });

  it('shows a round opened on one instance and a stance given on the other, live, to both', async () => {
    const [one, two] = [await startInstance(), await startInstance()];
    const board = await seedBoard(one.url);
    const writer = pool.connect(one.url, board.boardId, board.facilitator.token);
    await writer.synced;
    const goalId = proposeGoal(writer.doc, { title: 'Ruhe', description: 'Nachts.', createdBy: 'f', now: 1 });
    const recordOn = (url: string) =>
      pool.connect(url, board.boardId, board.facilitator.token, { record: true });
    const [recordOne, recordTwo] = [recordOn(one.url), recordOn(two.url)];
    await Promise.all([recordOne.synced, recordTwo.synced]);
    // The goal reaches instance 2's database view before the round refers to it.
    await waitFor(
      async () => {
        const opened = await roundsApi(two.url).open(board.boardId, board.facilitator.token, { goalId });
        return opened.status === 201 ? (opened.body as Round) : null;
      },
      { message: 'instance 2 to open a round on the goal written through instance 1' },
    );

    const roundsIn = (client: BoardClient) => readRounds(client.doc);
    await waitFor(() => roundsIn(recordOne).length === 1, { message: 'the round to show on instance 1' });
    const [round] = roundsIn(recordOne);
    const stance = await roundsApi(one.url).stance(board.boardId, round?.id ?? '', board.partnerA.token, {
      stance: 'agree',
    });
    expect(stance.status).toBe(201);
    const answered = (client: BoardClient) => roundsIn(client)[0]?.tally.agree ?? 0;
    await waitFor(() => answered(recordOne) === 1 && answered(recordTwo) === 1, {
      message: 'the stance given through instance 1 to show on both',
    });
  });

  it('lets only one of two instances open a round on a goal at the same time (database constraint)', async () => {
    const [one, two] = [await startInstance(), await startInstance()];
    const board = await seedBoard(one.url);
    const writer = pool.connect(one.url, board.boardId, board.facilitator.token);
    await writer.synced;
    const goalId = proposeGoal(writer.doc, {
      title: 'Licht',
      description: 'Im Park.',
      createdBy: 'f',
      now: 1,
    });
    const reader = pool.connect(two.url, board.boardId, board.facilitator.token);
    await waitFor(() => goalText(reader.doc, goalId, 'title') !== null, {
      message: 'the goal on instance 2',
    });
    for (let attempt = 0; attempt < 5; attempt++) {
      const results = await Promise.all(
        [one, two].map((instance) =>
          roundsApi(instance.url).open(board.boardId, board.facilitator.token, { goalId }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      const open = results.find((r) => r.status === 201)?.body as Round;
      const closed = await roundsApi(one.url).close(board.boardId, open.id, board.facilitator.token);
      expect(closed.status).toBe(200);
    }
  });

  it('loses nothing acknowledged when one instance is killed under load; its clients converge on the other', async () => {
    const { one, two, board, a: writer, b: observer } = await partnersOnTwoInstances();
    const goal = proposeGoal(writer.doc, {
      title: 'Runde',
      description: 'Abstimmen.',
      createdBy: 'a',
      now: 1,
    });
    await waitFor(() => goalText(observer.doc, goal, 'title') !== null, {
      message: 'the goal on instance 2',
    });
    const round = (await roundsApi(one.url).open(board.boardId, board.facilitator.token, { goalId: goal }))
      .body as Round;

    // Numbered goals at ~50/s through instance 1; "acknowledged" = it reached the client on instance 2.
    let written = 0;
    const writing = setInterval(() => {
      written++;
      proposeGoal(writer.doc, { title: `#${written}`, description: '.', createdBy: 'a', now: written });
    }, 20);
    const numbered = (client: BoardClient) => titles(client).filter((title) => title.startsWith('#'));
    await waitFor(() => numbered(observer).length >= 40, {
      timeout: 15_000,
      message: 'instance 2 to receive a stream of goals',
    });
    const stance = await roundsApi(one.url).stance(board.boardId, round.id, board.partnerA.token, {
      stance: 'agree',
    });
    expect(stance.status, JSON.stringify(stance.body)).toBe(201);
    await one.kill('SIGKILL');
    const acknowledged = numbered(observer);
    clearInterval(writing);
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);

    // A fresh client on the surviving instance has every acknowledged goal, and the accepted stance.
    const fresh = pool.connect(two.url, board.boardId, board.facilitator.token);
    await fresh.synced;
    expect(titles(fresh)).toEqual(expect.arrayContaining(acknowledged));
    const rounds = await roundsApi(two.url).list(board.boardId, board.facilitator.token);
    const stored = (rounds.body as { rounds: Round[] }).rounds.find((r) => r.id === round.id);
    expect(stored?.tally.agree, 'the stance accepted before the kill').toBe(1);

    // The killed instance's client reconnects to the other one (as behind a load balancer) and sends what it
    // had not got stored: everyone converges on all it wrote.
    writer.provider.destroy();
    const moved = pool.connect(two.url, board.boardId, board.partnerA.token, { doc: writer.doc });
    await moved.synced;
    expect(numbered(moved).length).toBe(written);
    await waitFor(() => numbered(observer).length === written, {
      timeout: 15_000,
      message: 'the observer to converge on every goal the writer made',
    });
  }, 60_000);

  it('catches up from the database when the bus brings nothing (every message lost)', async () => {
    // Different prefixes: the instances share the database but never hear each other on Redis.
    const { a, b } = await partnersOnTwoInstances(`${prefix}-deaf`);
    const goalId = proposeGoal(a.doc, { title: 'Bank', description: 'Am Teich.', createdBy: 'a', now: 1 });
    await waitFor(() => goalText(b.doc, goalId, 'title')?.toString() === 'Bank', {
      timeout: 5000,
      message: "instance 2's periodic check (every 500 ms here) to bring the goal from the database",
    });
  });
});
