import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { proposeGoal, readGoals, readLifecycle } from '@common-ground/shared/schema';
import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { api, createClientPool, editUpdate, frames, isSyncStep2, seedBoard } from '../helpers/clients';
import { createTestDatabase, databaseUrl, type TestDatabase } from '../helpers/postgres';
import { makeDataDir, type SpawnedServer, spawnServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

const redisUrl = process.env.REDIS_URL;
const reason =
  databaseUrl && redisUrl
    ? 'PostgreSQL and Redis'
    : 'skipped: DATABASE_URL and REDIS_URL must both be set, these tests need PostgreSQL and Redis';

/** The goals' titles in the document a sync step 2 frame carries (the server room's whole state). */
function goalsInStep2(frame: Uint8Array): string[] {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
  const titles = readGoals(doc).map((goal) => goal.id);
  doc.destroy();
  return titles;
}

describe.skipIf(!databaseUrl || !redisUrl)(`archiving with several instances (${reason})`, () => {
  const pool = createClientPool();
  let database: TestDatabase;
  let dataDir: string;
  const instances: SpawnedServer[] = [];

  beforeEach(async () => {
    database = await createTestDatabase();
    dataDir = await makeDataDir();
  });
  afterEach(async () => {
    pool.destroyAll();
    await Promise.all(instances.splice(0).map((instance) => instance.kill('SIGTERM')));
    await database.drop();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('a board archived through one instance refuses writes on the other instance’s open sockets', async () => {
    const prefix = `cg-test-${randomBytes(6).toString('hex')}`;
    const start = async () => {
      const instance = await spawnServer({
        dataDir,
        env: {
          DATABASE_URL: database.url,
          REDIS_URL: redisUrl ?? '',
          REDIS_PREFIX: prefix,
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
    const [one, two] = [await start(), await start()];
    const board = await seedBoard(one.url);
    // On instance two: a writer's board socket (its room loaded there) and a record socket that hears the news.
    const writer = pool.connect(two.url, board.boardId, board.partnerA.token);
    const record = pool.connect(two.url, board.boardId, board.partnerB.token, { record: true });
    await Promise.all([writer.synced, record.synced]);
    const goalId = proposeGoal(writer.doc, { title: 'Vorher', description: '', createdBy: 'a', now: 1 });

    const res = await api(one.url).request('POST', `/api/boards/${board.boardId}/archive`, {
      token: board.facilitator.token,
    });
    expect(res.status).toBe(200);
    await waitFor(() => readLifecycle(record.doc)?.archivedAt !== undefined, {
      message: 'the archive on the other instance’s record',
      timeout: 10_000,
    });

    // A raw update frame on instance two, then a step 1: the answer is the room's state after the frame.
    const raw = pool.raw(two.url, `/ws/${board.boardId}?token=${board.partnerB.token}`);
    await raw.opened;
    let forgedId = '';
    raw.ws.send(
      frames.update(
        editUpdate((doc) => {
          forgedId = proposeGoal(doc, { title: 'Forged', description: '', createdBy: 'x', now: 1 });
        }),
      ),
    );
    raw.ws.send(frames.syncStep1());
    const answer = await waitFor(() => raw.received.find(isSyncStep2), { message: 'the answer to step 1' });
    if (!answer) throw new Error('no answer');
    const ids = goalsInStep2(answer);
    expect(ids).toContain(goalId);
    expect(ids).not.toContain(forgedId);
  });
});
