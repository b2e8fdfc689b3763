import { RoundsResponse } from '@common-ground/shared/api';
import { diffWording } from '@common-ground/shared/rules';
import { editGoalText, goalText, readDecisionRule, readRounds } from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import { api } from '../helpers/clients';
import { addGoal, liveRound, roundOf, serverSees, useSeededBoard } from '../helpers/roundsApi';
import { waitFor } from '../helpers/wait';

describe('consensus rounds: the cycle', () => {
  const seeded = useSeededBoard();

  const partnerIdOf = async (token: string) => {
    const { server, board } = seeded;
    const info = await api(server.url).request('GET', `/api/boards/${board.boardId}`, { token });
    return (info.body as { me: { partnerId: string } }).me.partnerId;
  };

  it('open → two stances → close → agreed, seen live by a third client through the record document', async () => {
    const { server, board, rounds, pool } = seeded;
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    await record.synced;
    const goalId = await addGoal(server.server, board.boardId, a, 'Spielplatz sanieren', 'Bis Ende 2027');

    const opened = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
    expect(opened).toMatchObject({ goalId, number: 1, status: 'open', visibility: 'open', autoClose: false });
    expect(opened.wording).toMatchObject({ title: 'Spielplatz sanieren', description: 'Bis Ende 2027' });
    expect(opened.eligiblePartnerIds).toHaveLength(2);
    expect(opened.rule).toEqual(readDecisionRule(record.doc));
    await waitFor(() => readRounds(record.doc)[0]?.status === 'open', { message: 'the open round live' });

    roundOf(await rounds.stance(board.boardId, opened.id, board.partnerA.token, { stance: 'agree' }), 201);
    roundOf(
      await rounds.stance(board.boardId, opened.id, board.partnerB.token, {
        stance: 'concerns',
        reason: 'Die Finanzierung ist offen',
      }),
      201,
    );
    await waitFor(() => readRounds(record.doc)[0]?.tally.responded === 2, { message: 'the live tally' });

    const closed = roundOf(await rounds.close(board.boardId, opened.id, board.facilitator.token), 200);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'agreed', outcomeReasons: [] });
    expect(closed.tally).toMatchObject({ agree: 1, concerns: 1, responded: 2, eligible: 2 });
    const live = await liveRound(record.doc, (r) => r.outcome === 'agreed', 'the outcome live');
    const partnerB = await partnerIdOf(board.partnerB.token);
    expect(live.stances).toContainEqual(
      expect.objectContaining({
        partnerId: partnerB,
        stance: 'concerns',
        reason: 'Die Finanzierung ist offen',
      }),
    );
    expect(live.closedAt).toBe(closed.closedAt);
  });

  it('objection → amended wording → second round → agreed, with the history of both rounds', async () => {
    const { server, board, rounds, pool } = seeded;
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const goalId = await addGoal(server.server, board.boardId, a, 'Nachbarschaftsfest', 'Im Juni');
    const first = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
    await rounds.stance(board.boardId, first.id, board.partnerA.token, { stance: 'agree' });
    await rounds.stance(board.boardId, first.id, board.partnerB.token, {
      stance: 'object',
      reason: 'Im Juni sind Ferien',
    });
    const objected = roundOf(await rounds.close(board.boardId, first.id, board.facilitator.token), 200);
    expect(objected).toMatchObject({ outcome: 'objected', outcomeReasons: ['objection'] });

    // The amendment comes from a real client edit after the objected round closed.
    const description = goalText(a.doc, goalId, 'description');
    editGoalText(a.doc, goalId, 'description', {
      index: 0,
      deleteCount: description?.length ?? 0,
      insert: 'Im September',
    });
    await serverSees(
      server.server,
      board.boardId,
      (doc) => goalText(doc, goalId, 'description')?.toString() === 'Im September',
    );
    const second = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
    expect(second.number).toBe(2);
    expect(second.wording.hash).not.toBe(first.wording.hash);
    await rounds.stance(board.boardId, second.id, board.partnerA.token, { stance: 'agree' });
    await rounds.stance(board.boardId, second.id, board.partnerB.token, { stance: 'agree' });
    roundOf(await rounds.close(board.boardId, second.id, board.facilitator.token), 200);

    const { rounds: history } = RoundsResponse.parse(
      (await rounds.list(board.boardId, board.observer.token)).body,
    );
    expect(history.map((r) => [r.number, r.outcome])).toEqual([
      [1, 'objected'],
      [2, 'agreed'],
    ]);
    const [r1, r2] = history;
    const diff = diffWording(r1?.wording.description ?? '', r2?.wording.description ?? '');
    expect(diff.filter((d) => d.kind !== 'same').map((d) => d.text)).toEqual(['Juni', 'September']);
    expect(r1?.stances.find((s) => s.stance === 'object')?.reason).toBe('Im Juni sind Ferien');
  });

  it('closes by itself when every eligible partner responded, if asked to', async () => {
    const { server, board, rounds, pool } = seeded;
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const goalId = await addGoal(server.server, board.boardId, a, 'Lesepaten', 'An der Grundschule');
    const round = roundOf(
      await rounds.open(board.boardId, board.facilitator.token, { goalId, autoClose: true }),
      201,
    );
    const afterA = roundOf(
      await rounds.stance(board.boardId, round.id, board.partnerA.token, { stance: 'agree' }),
      201,
    );
    expect(afterA.status).toBe('open');
    const afterB = roundOf(
      await rounds.stance(board.boardId, round.id, board.partnerB.token, { stance: 'stand_aside' }),
      201,
    );
    expect(afterB).toMatchObject({ status: 'closed', outcome: 'agreed' });
    expect((await server.server.storage.rounds.getRound(round.id))?.closure?.closedBy).toBeNull();
  });

  it('two stances of one partner at once: one current stance, both in the history', async () => {
    const { server, board, rounds, pool } = seeded;
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const goalId = await addGoal(server.server, board.boardId, a, 'Mietertreff', 'Ein Raum im Erdgeschoss');
    const partnerA = await partnerIdOf(board.partnerA.token);
    const invite = await api(server.url).createInvite(board.boardId, board.facilitator.token, {
      role: 'partner',
    });
    const colleague = await api(server.url).join({ code: invite.code, name: 'Emre', partnerId: partnerA });
    // A claimed membership speaks only once someone vouches for it: here a confirmed member of the same partner.
    const confirmed = await api(server.url).request(
      'POST',
      `/api/boards/${board.boardId}/partners/${partnerA}/members/${colleague.participantId}/confirm`,
      { token: board.partnerA.token },
    );
    expect(confirmed.status).toBe(200);
    const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);

    const results = await Promise.all([
      rounds.stance(board.boardId, round.id, board.partnerA.token, { stance: 'agree' }),
      rounds.stance(board.boardId, round.id, colleague.token, { stance: 'concerns', reason: 'Miete klären' }),
    ]);
    expect(results.map((r) => r.status)).toEqual([201, 201]);
    const [current] = RoundsResponse.parse(
      (await rounds.list(board.boardId, board.partnerB.token)).body,
    ).rounds;
    expect(current?.stances.filter((s) => s.partnerId === partnerA)).toHaveLength(1);
    expect(current?.history.filter((s) => s.partnerId === partnerA)).toHaveLength(2);
    expect(current?.history.map((s) => s.superseded)).toEqual([true, false]);
    expect(current?.tally.responded).toBe(1);
  });

  it('lets the facilitator record a stance for a partner; the rule applies to rounds opened later', async () => {
    const { server, board, rounds, pool } = seeded;
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    const goalId = await addGoal(server.server, board.boardId, a, 'Sprachcafé', 'Jeden Dienstag');
    const partnerB = await partnerIdOf(board.partnerB.token);
    const before = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);

    const rule = { kind: 'majority', quorum: 0.5, threshold: 0.5 };
    const set = await rounds.setRule(board.boardId, board.facilitator.token, { rule });
    expect(set).toMatchObject({ status: 200, body: { rule } });
    await waitFor(() => readDecisionRule(record.doc).kind === 'majority', { message: 'the rule live' });

    const recorded = roundOf(
      await rounds.stance(board.boardId, before.id, board.facilitator.token, {
        stance: 'agree',
        onBehalfOfPartnerId: partnerB,
      }),
      201,
    );
    expect(recorded.stances[0]).toMatchObject({
      partnerId: partnerB,
      recordedBy: board.facilitator.participantId,
      recordedByFacilitator: true,
    });
    const closed = roundOf(await rounds.close(board.boardId, before.id, board.facilitator.token), 200);
    expect(closed.rule.kind).toBe('consent');
    expect(closed.outcome).toBe('no_quorum');
    const after = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
    expect(after.rule).toEqual(rule);
  });
});
