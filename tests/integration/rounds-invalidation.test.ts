import { editGoalText, goalText, proposeGoal, removeGoal } from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import { addGoal, liveRound, roundOf, serverSees, useSeededBoard } from '../helpers/roundsApi';
import { waitFor } from '../helpers/wait';

describe('consensus rounds: the wording changes while a round is open', () => {
  const seeded = useSeededBoard();

  it('an edit of the title or description is set back and the round stays open', async () => {
    const { server, board, rounds, pool } = seeded;
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const goalId = await addGoal(server.server, board.boardId, a, 'Fahrradwerkstatt', 'Samstags');
    const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
    await rounds.stance(board.boardId, round.id, board.partnerA.token, { stance: 'agree' });

    editGoalText(a.doc, goalId, 'description', { index: 8, deleteCount: 0, insert: ' ' });
    editGoalText(a.doc, goalId, 'title', { index: 0, deleteCount: 0, insert: 'Offene ' });
    await waitFor(() => goalText(a.doc, goalId, 'title')?.toString() === 'Fahrradwerkstatt', {
      message: 'the edit to be set back',
    });
    expect(goalText(a.doc, goalId, 'description')?.toString()).toBe('Samstags');
    const stance = await rounds.stance(board.boardId, round.id, board.partnerB.token, { stance: 'agree' });
    expect(stance.status).toBe(201);
    expect((await server.server.storage.rounds.getRound(round.id))?.closure).toBeNull();
  });

  it('a wording change the lock did not see still invalidates the open round, seen live in the record', async () => {
    const { server, board, rounds, pool } = seeded;
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    const goalId = await addGoal(server.server, board.boardId, a, 'Fahrradwerkstatt', 'Samstags');
    const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);

    // A server write is not a client's update: no lock sets it back, so the safety net has to close the round.
    await server.server.rooms.mutate(board.boardId, (doc) =>
      goalText(doc, goalId, 'title')?.insert(0, 'Offene '),
    );

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
    const { server, board, rounds, pool } = seeded;
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const goalId = await addGoal(server.server, board.boardId, a, 'Hofflohmarkt', 'Im Mai');
    const other = await addGoal(server.server, board.boardId, a, 'Bücherschrank', 'Am Platz');
    const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);

    editGoalText(a.doc, other, 'title', { index: 0, deleteCount: 0, insert: 'Offener ' });
    proposeGoal(a.doc, { title: 'Noch eins', description: '', createdBy: 'a', now: 2 });
    await serverSees(server.server, board.boardId, (doc) => doc.getMap('goals').size === 3);
    expect((await server.server.storage.rounds.getRound(round.id))?.closure).toBeNull();

    removeGoal(a.doc, goalId);
    await waitFor(
      async () => (await server.server.storage.rounds.getRound(round.id))?.closure?.outcome === 'invalidated',
      {
        message: 'the round of the removed goal to be invalidated',
      },
    );
  });
});
