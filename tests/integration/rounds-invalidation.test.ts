import { editGoalText, proposeGoal, removeGoal } from '@common-ground/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClientPool, type SeededBoard, seedBoard } from '../helpers/clients';
import { addGoal, liveRound, roundOf, roundsApi, serverSees } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

describe('consensus rounds: the wording changes while a round is open', () => {
  let server: TestServer;
  let board: SeededBoard;
  let rounds: ReturnType<typeof roundsApi>;
  const pool = createClientPool();

  beforeEach(async () => {
    server = await startTestServer();
    board = await seedBoard(server.url);
    rounds = roundsApi(server.url);
  });
  afterEach(async () => {
    pool.destroyAll();
    await server.close();
  });

  it('an edit of the title or description invalidates the open round, seen live in the record', async () => {
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    const goalId = await addGoal(server.server, board.boardId, a, 'Fahrradwerkstatt', 'Samstags');
    const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
    await rounds.stance(board.boardId, round.id, board.partnerA.token, { stance: 'agree' });

    // Whitespace at the end does not change the wording (the hash ignores it); a word does.
    editGoalText(a.doc, goalId, 'description', { index: 8, deleteCount: 0, insert: ' ' });
    await serverSees(server.server, board.boardId, (doc) => doc.getMap('goals').size === 1);
    editGoalText(a.doc, goalId, 'title', { index: 0, deleteCount: 0, insert: 'Offene ' });

    const invalidated = await liveRound(
      record.doc,
      (r) => r.status === 'closed',
      'the invalidated round live',
    );
    expect(invalidated.outcome).toBe('invalidated');
    expect(invalidated.outcomeReasons).toBeUndefined();
    expect(invalidated.wording.title).toBe('Fahrradwerkstatt');
    const refused = await rounds.stance(board.boardId, round.id, board.partnerB.token, { stance: 'agree' });
    expect(refused.status).toBe(409);
    const next = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
    expect(next).toMatchObject({ number: 2, wording: { title: 'Offene Fahrradwerkstatt' } });
  });

  it('removing the goal invalidates its round; edits of other goals do not', async () => {
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const goalId = await addGoal(server.server, board.boardId, a, 'Hofflohmarkt', 'Im Mai');
    const other = await addGoal(server.server, board.boardId, a, 'Bücherschrank', 'Am Platz');
    const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);

    editGoalText(a.doc, other, 'title', { index: 0, deleteCount: 0, insert: 'Offener ' });
    proposeGoal(a.doc, { title: 'Noch eins', description: '', createdBy: 'a', now: 2 });
    await serverSees(server.server, board.boardId, (doc) => doc.getMap('goals').size === 3);
    expect(server.server.storage.getRound(round.id)?.closure).toBeNull();

    removeGoal(a.doc, goalId);
    await waitFor(() => server.server.storage.getRound(round.id)?.closure?.outcome === 'invalidated', {
      message: 'the round of the removed goal to be invalidated',
    });
  });
});
