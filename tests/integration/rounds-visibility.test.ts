import { type Round, RoundsResponse } from '@common-ground/shared';
import { beforeEach, describe, expect, it } from 'vitest';
import { api } from '../helpers/clients';
import { addGoal, liveRound, roundOf, useSeededBoard } from '../helpers/roundsApi';

const SECRET = 'Unser Vorstand sieht das anders';

/** The parts of a round that could tell who said what. */
const attribution = (round: Round) => JSON.stringify({ stances: round.stances, history: round.history });

describe('consensus rounds: hidden and anonymous visibility', () => {
  const seeded = useSeededBoard();
  let goalId: string;
  let partnerA: string;

  beforeEach(async () => {
    const { server, board, pool } = seeded;
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    goalId = await addGoal(server.server, board.boardId, a, 'Quartiersbüro', 'Zwei Tage pro Woche');
    const info = await api(server.url).request('GET', `/api/boards/${board.boardId}`, {
      token: board.partnerA.token,
    });
    partnerA = (info.body as { me: { partnerId: string } }).me.partnerId;
  });

  const viewOf = async (token: string) => {
    const { board, rounds } = seeded;
    const [round] = RoundsResponse.parse((await rounds.list(board.boardId, token)).body).rounds;
    if (!round) throw new Error('no round');
    return round;
  };

  it('hidden: counts while open, names and reasons once closed; a partner sees its own stance', async () => {
    const { server, board, rounds, pool } = seeded;
    const record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    const round = roundOf(
      await rounds.open(board.boardId, board.facilitator.token, { goalId, visibility: 'hidden' }),
      201,
    );
    const own = roundOf(
      await rounds.stance(board.boardId, round.id, board.partnerA.token, {
        stance: 'object',
        reason: SECRET,
      }),
      201,
    );
    expect(own.stances[0]).toMatchObject({ partnerId: partnerA, reason: SECRET });

    for (const token of [board.partnerB.token, board.observer.token, board.facilitator.token]) {
      const view = await viewOf(token);
      expect(view.tally).toMatchObject({ object: 1, responded: 1 });
      expect(view.stances).toEqual([expect.objectContaining({ partnerId: null, recordedBy: null })]);
      expect(attribution(view)).not.toContain(SECRET);
      expect(attribution(view)).not.toContain(partnerA);
    }
    const live = await liveRound(record.doc, (r) => r.tally.responded === 1, 'the hidden tally live');
    expect(attribution(live)).not.toContain(SECRET);
    expect(attribution(live)).not.toContain(partnerA);
    expect(attribution(live)).not.toContain(board.partnerA.participantId);

    await rounds.close(board.boardId, round.id, board.facilitator.token);
    const closed = await liveRound(record.doc, (r) => r.status === 'closed', 'the closed round live');
    expect(closed.stances).toEqual([expect.objectContaining({ partnerId: partnerA, reason: SECRET })]);
    expect((await viewOf(board.partnerB.token)).stances[0]?.partnerId).toBe(partnerA);
  });

  it('anonymous: reasons but never who, also after closing; one voice per partner still holds', async () => {
    const { server, board, rounds, pool } = seeded;
    const record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    const round = roundOf(
      await rounds.open(board.boardId, board.facilitator.token, { goalId, visibility: 'anonymous' }),
      201,
    );
    await rounds.stance(board.boardId, round.id, board.partnerA.token, { stance: 'object', reason: SECRET });
    await rounds.stance(board.boardId, round.id, board.partnerA.token, {
      stance: 'concerns',
      reason: SECRET,
    });
    await rounds.stance(board.boardId, round.id, board.partnerB.token, { stance: 'agree' });
    const closed = roundOf(await rounds.close(board.boardId, round.id, board.facilitator.token), 200);
    expect(closed).toMatchObject({ outcome: 'agreed', tally: { concerns: 1, agree: 1, responded: 2 } });

    const others = await viewOf(board.observer.token);
    expect(others.stances.map((s) => s.partnerId)).toEqual([null, null]);
    const partnerB = await viewOf(board.partnerB.token);
    expect(partnerB.stances.filter((s) => s.partnerId !== null)).toEqual([
      expect.objectContaining({ stance: 'agree', recordedBy: board.partnerB.participantId }),
    ]);
    expect(attribution(partnerB)).not.toContain(partnerA);
    expect(others.stances.find((s) => s.stance === 'concerns')?.reason).toBe(SECRET);
    expect(attribution(others)).not.toContain(partnerA);
    expect(attribution(others)).not.toContain(board.partnerA.participantId);
    expect((await viewOf(board.partnerA.token)).stances).toContainEqual(
      expect.objectContaining({ partnerId: partnerA, stance: 'concerns' }),
    );

    const live = await liveRound(record.doc, (r) => r.status === 'closed', 'the anonymous round live');
    expect(live.history).toHaveLength(3);
    for (const id of [partnerA, board.partnerA.participantId, board.partnerB.participantId]) {
      expect(attribution(live)).not.toContain(id);
    }
  });
});
