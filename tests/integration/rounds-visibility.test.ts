import { type Round, RoundSchema, RoundsResponse } from '@common-ground/shared/api';
import { beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { api } from '../helpers/clients';
import { addGoal, liveRound, roundOf, useSeededBoard } from '../helpers/roundsApi';
import { waitFor } from '../helpers/wait';

const SECRET = 'Unser Vorstand sieht das anders';

/** The parts of a round that could tell who said what. */
const attribution = (round: Round) => JSON.stringify({ stances: round.stances, history: round.history });

/**
 * A round exactly as the server wrote it into the record document, not through the client's schema (which
 * would drop fields it does not know): what every connected participant receives.
 */
const rawRound = (record: Y.Doc, roundId: string): Record<string, unknown> | undefined =>
  record.getMap('rounds').toJSON()[roundId] as Record<string, unknown> | undefined;

/** Resolves once `check` finds what it waits for (waitFor's value, without the "not yet" in its type). */
async function when<T>(check: () => T | undefined, message: string): Promise<T> {
  const found = await waitFor(check, { message });
  if (found === undefined) throw new Error(`nothing for ${message}`);
  return found;
}

/** What a view says about the stances, without what tells two rounds apart (ids, goal, wording, times). */
const aboutStances = (round: Record<string, unknown>) => ({
  stances: round.stances,
  history: round.history,
  tally: round.tally,
  outcome: round.outcome,
  outcomeReasons: round.outcomeReasons,
});

describe('consensus rounds: hidden and anonymous visibility', () => {
  const seeded = useSeededBoard();
  let goalId: string;
  let partnerA: string;
  let partnerB: string;

  const partnerOf = async (token: string) => {
    const info = await api(seeded.server.url).request('GET', `/api/boards/${seeded.board.boardId}`, {
      token,
    });
    return (info.body as { me: { partnerId: string } }).me.partnerId;
  };

  beforeEach(async () => {
    const { server, board, pool } = seeded;
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    goalId = await addGoal(server.server, board.boardId, a, 'Quartiersbüro', 'Zwei Tage pro Woche');
    partnerA = await partnerOf(board.partnerA.token);
    partnerB = await partnerOf(board.partnerB.token);
  });

  const viewOf = async (token: string, roundId?: string) => {
    const { board, rounds } = seeded;
    const all = RoundsResponse.parse((await rounds.list(board.boardId, token)).body).rounds;
    const round = roundId ? all.find((r) => r.id === roundId) : all[0];
    if (!round) throw new Error('no round');
    return round;
  };

  it('hidden: before closing, another partner, the observer and the facilitator learn only the count', async () => {
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
    expect(own.stances).toEqual([expect.objectContaining({ partnerId: partnerA, reason: SECRET })]);
    expect(own.tally).toEqual({ responded: 1, eligible: 2 });

    // Partner B's own stance response: its own stance, and of A's only that someone answered.
    const bAnswered = roundOf(
      await rounds.stance(board.boardId, round.id, board.partnerB.token, { stance: 'agree' }),
      201,
    );
    expect(bAnswered.tally).toEqual({ responded: 2, eligible: 2 });
    expect(bAnswered.stances).toEqual([expect.objectContaining({ partnerId: partnerB, stance: 'agree' })]);
    expect(bAnswered.history.map((h) => h.partnerId)).toEqual([partnerB]);

    for (const token of [board.partnerB.token, board.observer.token, board.facilitator.token]) {
      const view = await viewOf(token);
      expect(view.tally).toEqual({ responded: 2, eligible: 2 });
      expect(view.stances.filter((s) => s.partnerId !== partnerB)).toEqual([]);
      expect(view.history.filter((h) => h.partnerId !== partnerB)).toEqual([]);
      for (const leak of [SECRET, partnerA, board.partnerA.participantId, 'object']) {
        expect(attribution(view)).not.toContain(leak);
      }
    }
    const live = await when(() => {
      const raw = rawRound(record.doc, round.id);
      return raw && RoundSchema.parse(raw).tally.responded === 2 ? raw : undefined;
    }, 'both answers counted in the record');
    expect(live).toMatchObject({ stances: [], history: [], tally: { responded: 2, eligible: 2 } });
    expect(Object.keys(live.tally as object).sort()).toEqual(['eligible', 'responded']);

    await rounds.close(board.boardId, round.id, board.facilitator.token);
    const closed = await liveRound(record.doc, (r) => r.status === 'closed', 'the closed round live');
    expect(closed.stances).toContainEqual(expect.objectContaining({ partnerId: partnerA, reason: SECRET }));
    expect(closed.tally).toMatchObject({ object: 1, agree: 1 });
    expect((await viewOf(board.partnerB.token)).stances.map((s) => s.partnerId)).toContain(partnerA);
  });

  it('anonymous: a partner that changed its stance cannot be told from one that did not', async () => {
    const { server, board, rounds, pool } = seeded;
    const record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const otherGoalId = await addGoal(server.server, board.boardId, a, 'Spielplatz', 'Neue Bänke');
    const open = async (goal: string) =>
      roundOf(
        await rounds.open(board.boardId, board.facilitator.token, { goalId: goal, visibility: 'anonymous' }),
        201,
      );
    const stance = (roundId: string, token: string, body: object) =>
      rounds.stance(board.boardId, roundId, token, body).then((result) => roundOf(result, 201));
    // In one round A objects first and then changes to concerns; in the other A answers once, after B.
    const changed = await open(goalId);
    const unchanged = await open(otherGoalId);
    await stance(changed.id, board.partnerA.token, { stance: 'object', reason: SECRET });
    await stance(changed.id, board.partnerB.token, { stance: 'agree' });
    await stance(changed.id, board.partnerA.token, { stance: 'concerns', reason: SECRET });
    await stance(unchanged.id, board.partnerB.token, { stance: 'agree' });
    const bSees = await stance(unchanged.id, board.partnerA.token, { stance: 'concerns', reason: SECRET });
    expect(bSees.history.map((h) => h.partnerId)).toEqual([partnerA]);

    const compare = async (phase: string) => {
      for (const token of [board.observer.token, board.facilitator.token]) {
        const [x, y] = [await viewOf(token, changed.id), await viewOf(token, unchanged.id)];
        expect(aboutStances(x), `${phase}: the API`).toEqual(aboutStances(y));
        expect(x.history).toEqual([]);
        expect(x.stances).toEqual([
          { partnerId: null, stance: 'agree', recordedBy: null, recordedByFacilitator: false },
          {
            partnerId: null,
            stance: 'concerns',
            reason: SECRET,
            recordedBy: null,
            recordedByFacilitator: false,
          },
        ]);
      }
      // Partner B sees its own stance in full; of A's, the same in both rounds.
      const [bx, by] = [
        await viewOf(board.partnerB.token, changed.id),
        await viewOf(board.partnerB.token, unchanged.id),
      ];
      const others = (r: Round) => r.stances.filter((s) => s.partnerId !== partnerB);
      expect(others(bx)).toEqual(others(by));
      expect([...bx.history, ...by.history].map((h) => h.partnerId)).toEqual([partnerB, partnerB]);
      for (const leak of [partnerA, board.partnerA.participantId, '"at"', '"object"']) {
        expect(JSON.stringify(others(bx))).not.toContain(leak);
      }
      // The record document, raw, as every participant receives it.
      const [rx, ry] = await when(() => {
        const both = [rawRound(record.doc, changed.id), rawRound(record.doc, unchanged.id)] as const;
        const settled = both.every(
          (r) =>
            r &&
            RoundSchema.parse(r).tally.responded === 2 &&
            r.status === (phase === 'closed' ? 'closed' : 'open'),
        );
        return settled ? both : undefined;
      }, `both anonymous rounds ${phase} in the record`);
      expect(aboutStances(rx ?? {}), `${phase}: the record`).toEqual(aboutStances(ry ?? {}));
      expect(JSON.stringify(rx)).not.toContain('superseded');
      expect(JSON.stringify(rx?.stances)).not.toContain('"at"');
    };

    await compare('open');
    for (const round of [changed, unchanged])
      await rounds.close(board.boardId, round.id, board.facilitator.token);
    await compare('closed');

    // The agreement export shows both rounds' stances alike: no times, no order of answering.
    const agreement = (await rounds.exportAgreement(board.boardId, board.observer.token)).body as {
      goals: { goalId: string; stances: unknown[] }[];
    };
    const exported = (goal: string) => agreement.goals.find((g) => g.goalId === goal)?.stances;
    expect(exported(goalId)).toHaveLength(2);
    expect(exported(goalId)).toEqual(exported(otherGoalId));
    expect(JSON.stringify(exported(goalId))).not.toContain('"at"');
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
    const bView = await viewOf(board.partnerB.token);
    expect(bView.stances.filter((s) => s.partnerId !== null)).toEqual([
      expect.objectContaining({ stance: 'agree', recordedBy: board.partnerB.participantId }),
    ]);
    expect(attribution(bView)).not.toContain(partnerA);
    expect(others.stances.find((s) => s.stance === 'concerns')?.reason).toBe(SECRET);
    expect(attribution(others)).not.toContain(partnerA);
    expect(attribution(others)).not.toContain(board.partnerA.participantId);
    const aView = await viewOf(board.partnerA.token);
    expect(aView.stances).toContainEqual(
      expect.objectContaining({ partnerId: partnerA, stance: 'concerns' }),
    );
    expect(aView.history.map((h) => [h.stance, h.superseded])).toEqual([
      ['object', true],
      ['concerns', false],
    ]);

    const live = await liveRound(record.doc, (r) => r.status === 'closed', 'the anonymous round live');
    expect(live.history).toEqual([]);
    for (const id of [partnerA, board.partnerA.participantId, board.partnerB.participantId]) {
      expect(attribution(live)).not.toContain(id);
    }
  });
});
