import { ErrorResponse, RoundsResponse } from '@common-ground/shared/api';
import { beforeEach, describe, expect, it } from 'vitest';
import { type ApiResult, api } from '../helpers/clients';
import { addGoal, roundOf, useSeededBoard } from '../helpers/roundsApi';

const UNKNOWN_ID = 'AAAAAAAAAAAAAAAA';

describe('consensus rounds: bad input and abuse', () => {
  const seeded = useSeededBoard();
  let goalId: string;

  beforeEach(async () => {
    const { server, board, pool } = seeded;
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    goalId = await addGoal(server.server, board.boardId, a, 'Stadtteilzeitung', 'Viermal im Jahr');
  });

  const expectError = (result: ApiResult, status: number, code: string) => {
    expect(result.status).toBe(status);
    expect(ErrorResponse.parse(result.body).error.code).toBe(code);
  };
  const open = async (body: object = {}) =>
    roundOf(
      await seeded.rounds.open(seeded.board.boardId, seeded.board.facilitator.token, { goalId, ...body }),
      201,
    );
  const storedStances = async (roundId: string) =>
    (await seeded.server.server.storage.rounds.getRound(roundId))?.stances ?? [];

  it('refuses a stance of concerns or object without a reason (400), and stores nothing', async () => {
    const { board, rounds } = seeded;
    const round = await open();
    expectError(
      await rounds.stance(board.boardId, round.id, board.partnerA.token, { stance: 'concerns' }),
      400,
      'invalid_input',
    );
    expectError(
      await rounds.stance(board.boardId, round.id, board.partnerA.token, { stance: 'object', reason: '   ' }),
      400,
      'invalid_input',
    );
    expectError(
      await rounds.stance(board.boardId, round.id, board.partnerA.token, { stance: 'maybe' }),
      400,
      'invalid_input',
    );
    expectError(
      await rounds.stance(board.boardId, round.id, board.partnerA.token, {
        stance: 'agree',
        provisional: { until: 1 },
      }),
      400,
      'invalid_input',
    );
    expect(await storedStances(round.id)).toEqual([]);
  });

  it('refuses stances by observers (403), in closed rounds (409) and in unknown rounds (404)', async () => {
    const { board, rounds } = seeded;
    const round = await open();
    expectError(
      await rounds.stance(board.boardId, round.id, board.observer.token, { stance: 'agree' }),
      403,
      'forbidden',
    );
    roundOf(await rounds.close(board.boardId, round.id, board.facilitator.token), 200);
    expectError(
      await rounds.stance(board.boardId, round.id, board.partnerA.token, { stance: 'agree' }),
      409,
      'conflict',
    );
    expectError(await rounds.close(board.boardId, round.id, board.facilitator.token), 409, 'conflict');
    expectError(
      await rounds.stance(board.boardId, UNKNOWN_ID, board.partnerA.token, { stance: 'agree' }),
      404,
      'not_found',
    );
    expectError(
      await rounds.close(board.boardId, 'not%20an%20id', board.facilitator.token),
      404,
      'not_found',
    );
    expect(await storedStances(round.id)).toEqual([]);
  });

  it('ignores a body naming another partner: the stance is the caller’s partner’s', async () => {
    const { server, board, rounds } = seeded;
    const round = await open();
    const info = await api(server.url).request('GET', `/api/boards/${board.boardId}`, {
      token: board.facilitator.token,
    });
    const partners = (info.body as { partners: { id: string; name: string }[] }).partners;
    const a = partners.find((p) => p.name === 'Mieterverein Südstadt')?.id;
    const b = partners.find((p) => p.name === 'Wohnbau GmbH')?.id;
    const result = roundOf(
      await rounds.stance(board.boardId, round.id, board.partnerA.token, {
        stance: 'object',
        reason: 'Zu teuer',
        partnerId: b,
        onBehalfOfPartnerId: b,
      }),
      201,
    );
    expect(result.stances).toEqual([expect.objectContaining({ partnerId: a, recordedByFacilitator: false })]);
    expect((await storedStances(round.id)).map((s) => s.partnerId)).toEqual([a]);
  });

  it('refuses a second open round on a goal (409) and a goal that is not on the board (404)', async () => {
    const { server, board, rounds } = seeded;
    await open();
    expectError(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 409, 'conflict');
    expectError(
      await rounds.open(board.boardId, board.facilitator.token, { goalId: UNKNOWN_ID }),
      404,
      'not_found',
    );
    expect(await server.server.storage.rounds.listRounds(board.boardId)).toHaveLength(1);
  });

  it('lets only the facilitator open, close and set the rule (403)', async () => {
    const { server, board, rounds } = seeded;
    for (const token of [board.partnerA.token, board.observer.token]) {
      expectError(await rounds.open(board.boardId, token, { goalId }), 403, 'forbidden');
      expectError(
        await rounds.setRule(board.boardId, token, { rule: { kind: 'consent' } }),
        403,
        'forbidden',
      );
    }
    const round = await open();
    expectError(await rounds.close(board.boardId, round.id, board.partnerB.token), 403, 'forbidden');
    expect((await server.server.storage.rounds.getRound(round.id))?.closure).toBeNull();
    expect(await server.server.storage.rounds.getDecisionRule(board.boardId)).toBeNull();
  });

  it('validates the open request and the rule', async () => {
    const { server, board, rounds } = seeded;
    const facilitator = board.facilitator.token;
    const now = Date.now();
    expectError(
      await rounds.open(board.boardId, facilitator, { goalId, deadline: now - 1000 }),
      400,
      'invalid_input',
    );
    expectError(
      await rounds.open(board.boardId, facilitator, { goalId, visibility: 'secret' }),
      400,
      'invalid_input',
    );
    expectError(await rounds.open(board.boardId, facilitator, { goalId, extra: 1 }), 400, 'invalid_input');
    expectError(await rounds.open(board.boardId, facilitator, {}), 400, 'invalid_input');
    expectError(
      await api(server.url).request('POST', `/api/boards/${board.boardId}/rounds`, {
        rawBody: '{',
        token: facilitator,
      }),
      400,
      'invalid_json',
    );
    expectError(
      await rounds.setRule(board.boardId, facilitator, { rule: { kind: 'consent', quorum: 0 } }),
      400,
      'invalid_input',
    );
    expectError(
      await rounds.setRule(board.boardId, facilitator, { rule: { kind: 'dice' } }),
      400,
      'invalid_input',
    );
    expect(await server.server.storage.rounds.listRounds(board.boardId)).toEqual([]);
  });

  it('refuses a partner that joined after the round opened (403) and a token of another board (403)', async () => {
    const { server, board, rounds } = seeded;
    const round = await open();
    const invite = await api(server.url).createInvite(board.boardId, board.facilitator.token, {
      role: 'partner',
    });
    const late = await api(server.url).join({
      code: invite.code,
      name: 'Can',
      partner: { name: 'Grundschule Süd', kind: 'school' },
    });
    expectError(
      await rounds.stance(board.boardId, round.id, late.token, { stance: 'agree' }),
      403,
      'forbidden',
    );
    const other = await api(server.url).createBoard('Anderer Tisch');
    expectError(await rounds.list(board.boardId, other.token), 403, 'forbidden');
    expectError(await rounds.open(board.boardId, other.token, { goalId }), 403, 'forbidden');
    expectError(await rounds.list(board.boardId, ''), 401, 'unauthorized');
  });

  it('refuses a round on a board without partners (409) with a clear message', async () => {
    const { server, rounds, pool } = seeded;
    const lonely = await api(server.url).createBoard('Noch leer');
    const facilitatorClient = pool.connect(server.url, lonely.boardId, lonely.token);
    const lonelyGoal = await addGoal(server.server, lonely.boardId, facilitatorClient, 'Ziel', 'Text');
    const result = await rounds.open(lonely.boardId, lonely.token, { goalId: lonelyGoal });
    expectError(result, 409, 'conflict');
    expect(ErrorResponse.parse(result.body).error.message).toMatch(/no partners/);
    expect(RoundsResponse.parse((await rounds.list(lonely.boardId, lonely.token)).body).rounds).toEqual([]);
  });

  it('refuses an unknown export format (400)', async () => {
    const { board, rounds } = seeded;
    expectError(
      await rounds.exportAgreement(board.boardId, board.partnerA.token, 'pdf'),
      400,
      'invalid_input',
    );
  });
});
