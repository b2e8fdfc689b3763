import { RoundsResponse } from '@common-ground/shared/api';
import { readRounds } from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import { type SeededBoard, seedBoard } from '../helpers/clients';
import { addGoal, roundOf, roundsApi } from '../helpers/roundsApi';
import { type TestServer, useClockedServers } from '../helpers/server';
import { waitFor } from '../helpers/wait';

const MINUTE = 60_000;

describe('consensus rounds: time and restarts', () => {
  const { pool, clock, start, tempDataDir } = useClockedServers();

  async function setUp() {
    const dataDir = await tempDataDir();
    const server = await start({ dataDir });
    const board = await seedBoard(server.url);
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const goalId = await addGoal(server.server, board.boardId, a, 'Grünfläche', 'Hinter dem Bürgerhaus');
    return { dataDir, server, board, goalId };
  }

  const listRounds = async (server: TestServer, board: SeededBoard) =>
    RoundsResponse.parse((await roundsApi(server.url).list(board.boardId, board.observer.token)).body).rounds;

  it('closes a round at its deadline when the clock passes it, seen live in the record', async () => {
    const { server, board, goalId } = await setUp();
    const rounds = roundsApi(server.url);
    const record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    const deadline = clock.now + 10 * MINUTE;
    const round = roundOf(
      await rounds.open(board.boardId, board.facilitator.token, { goalId, deadline }),
      201,
    );
    await rounds.stance(board.boardId, round.id, board.partnerA.token, { stance: 'agree' });
    await rounds.stance(board.boardId, round.id, board.partnerB.token, { stance: 'agree' });
    await waitFor(() => readRounds(record.doc)[0]?.tally.responded === 2, { message: 'both stances live' });

    clock.now += 11 * MINUTE;
    const closed = await waitFor(() => readRounds(record.doc).find((r) => r.status === 'closed'), {
      message: 'the deadline to close the round',
    });
    expect(closed).toMatchObject({ outcome: 'agreed', closedAt: deadline });
    const late = await rounds.stance(board.boardId, round.id, board.partnerB.token, {
      stance: 'object',
      reason: 'x',
    });
    expect(late.status).toBe(409);
  });

  it('closes at startup a round whose deadline passed while the server was down', async () => {
    const { dataDir, server, board, goalId } = await setUp();
    const deadline = clock.now + 5 * MINUTE;
    const rounds = roundsApi(server.url);
    const round = roundOf(
      await rounds.open(board.boardId, board.facilitator.token, { goalId, deadline }),
      201,
    );
    await rounds.stance(board.boardId, round.id, board.partnerA.token, {
      stance: 'object',
      reason: 'Die Fläche gehört der Stadt',
    });
    pool.destroyAll();
    await server.close({ keepData: true });

    clock.now += 60 * MINUTE;
    const restarted = await start({ dataDir });
    // Closed by the sweep at startup, before any request or timer tick.
    expect((await restarted.server.storage.rounds.getRound(round.id))?.closure).toMatchObject({
      outcome: 'objected',
      closedAt: deadline,
      closedBy: null,
    });
    const record = pool.connect(restarted.url, board.boardId, board.observer.token, { record: true });
    await record.synced;
    expect(readRounds(record.doc)[0]).toMatchObject({ status: 'closed', outcome: 'objected' });
  });

  it('keeps the stances of an open round across a restart', async () => {
    const { dataDir, server, board, goalId } = await setUp();
    const round = roundOf(
      await roundsApi(server.url).open(board.boardId, board.facilitator.token, { goalId }),
      201,
    );
    await roundsApi(server.url).stance(board.boardId, round.id, board.partnerA.token, {
      stance: 'concerns',
      reason: 'Pflege klären',
    });
    pool.destroyAll();
    await server.close({ keepData: true });

    const restarted = await start({ dataDir });
    const rounds = roundsApi(restarted.url);
    const [kept] = await listRounds(restarted, board);
    expect(kept).toMatchObject({ status: 'open', tally: { concerns: 1, responded: 1 } });
    expect(kept?.stances[0]?.reason).toBe('Pflege klären');
    await rounds.stance(board.boardId, round.id, board.partnerB.token, { stance: 'agree' });
    const closed = roundOf(await rounds.close(board.boardId, round.id, board.facilitator.token), 200);
    expect(closed).toMatchObject({ outcome: 'agreed', tally: { agree: 1, concerns: 1 } });
  });

  it('drops a provisional stance whose confirmation date passed before the round closed', async () => {
    const { server, board, goalId } = await setUp();
    const rounds = roundsApi(server.url);
    const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
    const provisional = roundOf(
      await rounds.stance(board.boardId, round.id, board.partnerA.token, {
        stance: 'agree',
        provisional: { until: clock.now + MINUTE },
      }),
      201,
    );
    expect(provisional.stances[0]?.provisional).toEqual({ until: clock.now + MINUTE });
    await rounds.stance(board.boardId, round.id, board.partnerB.token, { stance: 'agree' });
    clock.now += 2 * MINUTE;
    const closed = roundOf(await rounds.close(board.boardId, round.id, board.facilitator.token), 200);
    expect(closed).toMatchObject({ outcome: 'no_quorum', tally: { responded: 1, eligible: 2 } });
  });
});
