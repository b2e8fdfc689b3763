import type { Amendment } from '@common-ground/shared/api';
import { editGoalText, goalText, readAmendments } from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { api, seedBoard } from '../helpers/clients';
import { addGoal, liveRound, roundOf, serverSees, useSeededBoard } from '../helpers/roundsApi';
import { waitFor } from '../helpers/wait';

const textOf = (doc: Y.Doc, goalId: string, field: 'title' | 'description') =>
  goalText(doc, goalId, field)?.toString();

/** Resolves with the first amendment of a record document that satisfies `check`, as pushed by the server. */
async function liveAmendment(record: Y.Doc, check: (a: Amendment) => boolean, message: string) {
  const amendment = await waitFor(() => readAmendments(record).find(check), { message });
  if (!amendment) throw new Error(`no amendment for ${message}`);
  return amendment;
}

describe('consensus rounds: the wording is locked while a round is open', () => {
  const seeded = useSeededBoard();

  const amendmentsApi = (boardId: string) => {
    const { request } = api(seeded.server.url);
    const path = (id: string, action: string) => `/api/boards/${boardId}/amendments/${id}/${action}`;
    return {
      list: (token: string) => request('GET', `/api/boards/${boardId}/amendments`, { token }),
      adopt: (id: string, token: string) => request('POST', path(id, 'adopt'), { token }),
      dismiss: (id: string, token: string) => request('POST', path(id, 'dismiss'), { token }),
      cancel: (roundId: string, token: string) =>
        request('POST', `/api/boards/${boardId}/rounds/${roundId}/cancel`, { token }),
    };
  };

  it('typing into the locked title is set back on every replica and kept as an amendment', async () => {
    const { server, board, rounds, pool } = seeded;
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const b = pool.connect(server.url, board.boardId, board.partnerB.token);
    const record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    const goalId = await addGoal(server.server, board.boardId, a, 'Fahrradwerkstatt 🚲', 'Samstags');
    await b.synced;
    const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);

    // In the middle, between two letters: the set-back must not move or split the rest.
    editGoalText(a.doc, goalId, 'title', { index: 7, deleteCount: 0, insert: 'Offene ' });

    const amendment = await liveAmendment(record.doc, (x) => x.goalId === goalId, 'the amendment live');
    expect(amendment).toMatchObject({
      roundId: round.id,
      authorId: board.partnerA.participantId,
      title: 'FahrradOffene werkstatt 🚲',
      description: null,
      status: 'proposed',
    });
    for (const [who, doc] of [
      ['the typist', a.doc],
      ['the other partner', b.doc],
    ] as const) {
      await waitFor(() => textOf(doc, goalId, 'title') === 'Fahrradwerkstatt 🚲', {
        message: `${who} to converge on the frozen wording`,
      });
    }
    expect(textOf(server.server.rooms.get(board.boardId)?.doc as Y.Doc, goalId, 'title')).toBe(
      'Fahrradwerkstatt 🚲',
    );
    expect((await server.server.storage.rounds.getRound(round.id))?.closure).toBeNull();
    const listed = await amendmentsApi(board.boardId).list(board.observer.token);
    expect(listed.status).toBe(200);
    expect((listed.body as { amendments: Amendment[] }).amendments).toEqual([amendment]);
  });

  it('an offline edit synced after the round opened becomes an amendment, adopted after the round', async () => {
    const { server, board, rounds, pool } = seeded;
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    const goalId = await addGoal(server.server, board.boardId, a, 'Hofflohmarkt', 'Im Mai');
    const offline = pool.connect(server.url, board.boardId, board.partnerB.token);
    await offline.synced;
    offline.provider.disconnect();
    // Typed offline before anyone opened the round.
    editGoalText(offline.doc, goalId, 'description', { index: 6, deleteCount: 0, insert: ' und Juni' });
    const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
    await rounds.stance(board.boardId, round.id, board.partnerA.token, { stance: 'agree' });

    offline.provider.connect();
    const amendment = await liveAmendment(
      record.doc,
      (x) => x.goalId === goalId,
      'the offline edit as an amendment',
    );
    expect(amendment).toMatchObject({
      roundId: round.id,
      authorId: board.partnerB.participantId,
      title: null,
      description: 'Im Mai und Juni',
    });
    await waitFor(() => textOf(offline.doc, goalId, 'description') === 'Im Mai', {
      message: 'the offline client to converge on the frozen wording',
    });
    expect(textOf(a.doc, goalId, 'description')).toBe('Im Mai');
    const stored = await server.server.storage.rounds.getRound(round.id);
    expect(stored?.closure).toBeNull();

    const calls = amendmentsApi(board.boardId);
    expect((await calls.adopt(amendment.id, board.facilitator.token)).status).toBe(409);
    roundOf(await rounds.close(board.boardId, round.id, board.facilitator.token), 200);
    const adopted = await calls.adopt(amendment.id, board.facilitator.token);
    expect(adopted.status).toBe(200);
    expect(adopted.body).toMatchObject({ status: 'adopted', resolvedBy: board.facilitator.participantId });
    await serverSees(
      server.server,
      board.boardId,
      (doc) => textOf(doc, goalId, 'description') === 'Im Mai und Juni',
      'the adopted text in the goal',
    );
    await waitFor(() => textOf(a.doc, goalId, 'description') === 'Im Mai und Juni', {
      message: 'the partner to see the adopted text',
    });
    expect(textOf(a.doc, goalId, 'title')).toBe('Hofflohmarkt');
    const log = await server.server.storage.log.listUpdates(board.boardId, 0);
    expect(log.at(-1)?.participantId).toBe(board.facilitator.participantId);
    await liveAmendment(record.doc, (x) => x.id === amendment.id && x.status === 'adopted', 'adopted live');
    expect((await calls.adopt(amendment.id, board.facilitator.token)).status).toBe(409);
    const closed = await liveRound(record.doc, (r) => r.id === round.id && r.status === 'closed', 'closed');
    expect(closed.outcome).not.toBe('invalidated');
  });

  it('only the facilitator of the board cancels rounds and adopts or dismisses amendments', async () => {
    const { server, board, rounds, pool } = seeded;
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    const goalId = await addGoal(server.server, board.boardId, a, 'Bücherschrank', 'Am Platz');
    const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
    editGoalText(a.doc, goalId, 'title', { index: 0, deleteCount: 3, insert: 'Tausch' });
    const amendment = await liveAmendment(record.doc, (x) => x.goalId === goalId, 'the amendment');
    const other = await seedBoard(server.url);
    const calls = amendmentsApi(board.boardId);
    const otherCalls = amendmentsApi(other.boardId);

    for (const token of [board.partnerA.token, board.observer.token]) {
      expect((await calls.adopt(amendment.id, token)).status).toBe(403);
      expect((await calls.dismiss(amendment.id, token)).status).toBe(403);
      expect((await calls.cancel(round.id, token)).status).toBe(403);
    }
    // Another board's facilitator: not on this board, and this board's ids are unknown on theirs.
    expect((await calls.adopt(amendment.id, other.facilitator.token)).status).toBe(403);
    expect((await calls.cancel(round.id, other.facilitator.token)).status).toBe(403);
    expect((await otherCalls.adopt(amendment.id, other.facilitator.token)).status).toBe(404);
    expect((await otherCalls.dismiss(amendment.id, other.facilitator.token)).status).toBe(404);
    expect((await otherCalls.cancel(round.id, other.facilitator.token)).status).toBe(404);
    // Hostile ids are unknown, never parsed into anything.
    expect((await calls.adopt('..%2F..%2Fx', board.facilitator.token)).status).toBe(404);
    expect((await calls.adopt("x' OR '1'='1", board.facilitator.token)).status).toBe(404);
    expect((await server.server.storage.amendments.getAmendment(amendment.id))?.status).toBe('proposed');
    expect((await server.server.storage.rounds.getRound(round.id))?.closure).toBeNull();

    // Cancelling is the one way a round ends as invalidated now, named after the facilitator.
    const cancelled = roundOf(await calls.cancel(round.id, board.facilitator.token), 200);
    expect(cancelled).toMatchObject({ status: 'closed', outcome: 'invalidated' });
    expect((await server.server.storage.rounds.getRound(round.id))?.closure?.closedBy).toBe(
      board.facilitator.participantId,
    );
    expect((await calls.cancel(round.id, board.facilitator.token)).status).toBe(409);
    const dismissed = await calls.dismiss(amendment.id, board.facilitator.token);
    expect(dismissed.body).toMatchObject({ status: 'dismissed' });
    expect((await calls.adopt(amendment.id, board.facilitator.token)).status).toBe(409);
    // The lock ended with the round: the partner's next edit stays.
    editGoalText(a.doc, goalId, 'title', { index: 0, deleteCount: 0, insert: 'Offener ' });
    await serverSees(
      server.server,
      board.boardId,
      (doc) => textOf(doc, goalId, 'title') === 'Offener Bücherschrank',
    );
  });
});
