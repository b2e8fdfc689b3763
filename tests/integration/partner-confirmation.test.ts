import { InviteInfoResponse, type JoinResponse, RoundsResponse } from '@common-ground/shared/api';
import { readParticipants, readPartners, readProposedPartners } from '@common-ground/shared/schema';
import { beforeEach, describe, expect, it } from 'vitest';
import { type ApiResult, api } from '../helpers/clients';
import { addGoal, roundOf, useSeededBoard } from '../helpers/roundsApi';
import { waitFor } from '../helpers/wait';

/** The error code and message of a refusal, for assertions on both. */
const refusal = (result: ApiResult) => (result.body as { error: { code: string; message: string } }).error;

describe('one voice per partner: only confirmed organisations and members speak', () => {
  const seeded = useSeededBoard();
  let goalId: string;
  let partnerA: string;
  let partnerInvite: string;

  const client = () => api(seeded.server.url);
  const partnerIdOf = async (token: string) => {
    const info = await client().request('GET', `/api/boards/${seeded.board.boardId}`, { token });
    return (info.body as { me: { partnerId: string } }).me.partnerId;
  };
  const post = (path: string, token?: string, body?: unknown) =>
    client().request('POST', `/api/boards/${seeded.board.boardId}${path}`, {
      ...(token ? { token } : {}),
      ...(body !== undefined ? { body } : {}),
    });

  beforeEach(async () => {
    const { server, board, pool } = seeded;
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    goalId = await addGoal(server.server, board.boardId, a, 'Quartiersbüro', 'Zwei Tage pro Woche');
    partnerA = await partnerIdOf(board.partnerA.token);
    partnerInvite = (await client().createInvite(board.boardId, board.facilitator.token, { role: 'partner' }))
      .code;
  });

  it('an impostor naming a partnerId neither gives nor sees its stances until a member or the facilitator confirms', async () => {
    const { board, rounds } = seeded;
    const round = roundOf(
      await rounds.open(board.boardId, board.facilitator.token, { goalId, visibility: 'hidden' }),
      201,
    );
    const secret = 'Unser Vorstand trägt das nicht mit';
    expect(
      (
        await rounds.stance(board.boardId, round.id, board.partnerA.token, {
          stance: 'object',
          reason: secret,
        })
      ).status,
    ).toBe(201);
    const impostor = await client().joinUnconfirmed({
      code: partnerInvite,
      name: 'Mallory',
      partnerId: partnerA,
    });
    expect(impostor).toMatchObject({ partnerId: null, pendingPartnerId: partnerA });

    const refused = await rounds.stance(board.boardId, round.id, impostor.token, { stance: 'agree' });
    expect(refused.status).toBe(403);
    expect(refusal(refused).message).toMatch(/awaits confirmation/);
    const seen = RoundsResponse.parse((await rounds.list(board.boardId, impostor.token)).body).rounds[0];
    expect(JSON.stringify(seen)).not.toContain(secret);
    expect(seen?.stances).toEqual([]);
    // Partner A's objection stands: nothing the impostor sent replaced it.
    const own = RoundsResponse.parse((await rounds.list(board.boardId, board.partnerA.token)).body).rounds[0];
    expect(own?.stances).toMatchObject([{ partnerId: partnerA, stance: 'object' }]);

    // Vouched for by a confirmed member of the same partner, the colleague speaks for it and sees its stance.
    const path = `/partners/${partnerA}/members/${impostor.participantId}/confirm`;
    const confirmed = await post(path, board.partnerA.token);
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      participant: { id: impostor.participantId, partnerId: partnerA },
    });
    const after = RoundsResponse.parse((await rounds.list(board.boardId, impostor.token)).body).rounds[0];
    expect(after?.stances).toMatchObject([{ partnerId: partnerA, reason: secret }]);
    expect((await rounds.stance(board.boardId, round.id, impostor.token, { stance: 'agree' })).status).toBe(
      201,
    );

    // The facilitator may vouch too.
    const second = await client().joinUnconfirmed({ code: partnerInvite, name: 'Nora', partnerId: partnerA });
    expect((await rounds.stance(board.boardId, round.id, second.token, { stance: 'agree' })).status).toBe(
      403,
    );
    const byFacilitator = await post(
      `/partners/${partnerA}/members/${second.participantId}/confirm`,
      board.facilitator.token,
    );
    expect(byFacilitator.status).toBe(200);
    expect((await rounds.stance(board.boardId, round.id, second.token, { stance: 'agree' })).status).toBe(
      201,
    );
  });

  it('sock-puppet organisations get no voice: 3 real partners object, 4 invented ones agree → objected', async () => {
    const { board, rounds } = seeded;
    const c = client();
    const third = await c.joinUnconfirmed({
      code: partnerInvite,
      name: 'Carla',
      partner: { name: 'Schule am Park', kind: 'school' },
    });
    expect((await post(`/partners/${third.pendingPartnerId}/confirm`, board.facilitator.token)).status).toBe(
      200,
    );
    // Nobody confirms these.
    const puppets: JoinResponse[] = [];
    for (const name of ['Verein A', 'Verein B', 'Verein C', 'Verein D']) {
      puppets.push(
        await c.joinUnconfirmed({
          code: partnerInvite,
          name: `Puppe ${name}`,
          partner: { name, kind: 'other' },
        }),
      );
    }
    // A majority rule is where extra voices would tip the outcome.
    expect(
      (await rounds.setRule(board.boardId, board.facilitator.token, { rule: { kind: 'majority' } })).status,
    ).toBe(200);
    const round = roundOf(
      await rounds.open(board.boardId, board.facilitator.token, { goalId, visibility: 'anonymous' }),
      201,
    );
    expect(round.eligiblePartnerIds).toHaveLength(3);
    for (const token of [board.partnerA.token, board.partnerB.token, third.token]) {
      const given = await rounds.stance(board.boardId, round.id, token, {
        stance: 'object',
        reason: 'Zu teuer',
      });
      expect(given.status).toBe(201);
    }
    for (const puppet of puppets) {
      expect((await rounds.stance(board.boardId, round.id, puppet.token, { stance: 'agree' })).status).toBe(
        403,
      );
    }
    const closed = roundOf(await rounds.close(board.boardId, round.id, board.facilitator.token), 200);
    expect(closed.outcome).toBe('objected');
    expect(closed.tally.responded).toBe(3);
  });

  it('observers never belong to an organisation: partnerId or partner with an observer invite → 400', async () => {
    const { board } = seeded;
    const c = client();
    const observerInvite = await c.createInvite(board.boardId, board.facilitator.token, { role: 'observer' });
    const before = InviteInfoResponse.parse((await c.request('GET', `/api/invites/${partnerInvite}`)).body);
    for (const extra of [{ partnerId: partnerA }, { partner: { name: 'Gast e.V.', kind: 'other' } }]) {
      const result = await c.request('POST', '/api/join', {
        body: { code: observerInvite.code, name: 'Gast', ...extra },
      });
      expect(result.status).toBe(400);
      expect(refusal(result).message).toMatch(/observers do not belong/);
    }
    const after = InviteInfoResponse.parse((await c.request('GET', `/api/invites/${partnerInvite}`)).body);
    expect(after.partners).toEqual(before.partners);
    expect((await c.joinUnconfirmed({ code: observerInvite.code, name: 'Gast' })).partnerId).toBeNull();
  });

  it('an invite for one organisation: its people are confirmed at once and name no other', async () => {
    const { board, rounds } = seeded;
    const c = client();
    const invite = await c.createInvite(board.boardId, board.facilitator.token, {
      role: 'partner',
      partnerId: partnerA,
    });
    expect(invite.partnerId).toBe(partnerA);
    const info = InviteInfoResponse.parse((await c.request('GET', `/api/invites/${invite.code}`)).body);
    expect(info.partner).toMatchObject({ id: partnerA });
    const colleague = await c.joinUnconfirmed({ code: invite.code, name: 'Emre' });
    expect(colleague).toMatchObject({ partnerId: partnerA, pendingPartnerId: null });
    const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
    expect((await rounds.stance(board.boardId, round.id, colleague.token, { stance: 'agree' })).status).toBe(
      201,
    );
    for (const extra of [
      { partner: { name: 'Anders e.V.', kind: 'other' } },
      { partnerId: await partnerIdOf(board.partnerB.token) },
    ]) {
      const result = await c.request('POST', '/api/join', {
        body: { code: invite.code, name: 'X', ...extra },
      });
      expect(result.status).toBe(400);
    }
    const forObserver = await post('/invites', board.facilitator.token, {
      role: 'observer',
      partnerId: partnerA,
    });
    expect(forObserver.status).toBe(400);
    const proposal = await c.joinUnconfirmed({
      code: partnerInvite,
      name: 'P',
      partner: { name: 'Neu e.V.', kind: 'other' },
    });
    for (const partnerId of [proposal.pendingPartnerId, 'unknown-partner']) {
      expect((await post('/invites', board.facilitator.token, { role: 'partner', partnerId })).status).toBe(
        404,
      );
    }
  });

  it('the record document shows a proposal and a waiting person, and their confirmation, live', async () => {
    const { board, server, pool } = seeded;
    const record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    await record.synced;
    const proposal = await client().joinUnconfirmed({
      code: partnerInvite,
      name: 'Rosa',
      partner: { name: 'Hofgemeinschaft', kind: 'residents' },
    });
    const org = proposal.pendingPartnerId ?? '';
    const rosa = () => readParticipants(record.doc).find((p) => p.id === proposal.participantId);
    await waitFor(
      () =>
        readProposedPartners(record.doc).some((p) => p.id === org && p.proposedBy === proposal.participantId),
      {
        message: 'the proposal in the record',
      },
    );
    expect(readPartners(record.doc).some((p) => p.id === org)).toBe(false);
    await waitFor(() => rosa()?.pendingPartnerId === org, { message: 'the waiting person in the record' });

    expect((await post(`/partners/${org}/confirm`, board.facilitator.token)).status).toBe(200);
    await waitFor(() => readPartners(record.doc).some((p) => p.id === org), {
      message: 'the confirmed partner',
    });
    await waitFor(() => rosa()?.partnerId === org && rosa()?.pendingPartnerId === undefined, {
      message: 'the confirmed person',
    });
    expect(readProposedPartners(record.doc)).toEqual([]);
  });

  it('the facilitator declines a proposal: it disappears, its proposer stays without organisation', async () => {
    const { board, rounds } = seeded;
    const c = client();
    const proposal = await c.joinUnconfirmed({
      code: partnerInvite,
      name: 'Pia',
      partner: { name: 'Schein e.V.', kind: 'other' },
    });
    const declined = await post(`/partners/${proposal.pendingPartnerId}/decline`, board.facilitator.token);
    expect(declined.status).toBe(200);
    expect(
      (await post(`/partners/${proposal.pendingPartnerId}/confirm`, board.facilitator.token)).status,
    ).toBe(404);
    expect((await post(`/partners/${partnerA}/decline`, board.facilitator.token)).status).toBe(409);
    const me = await c.request('GET', `/api/boards/${board.boardId}`, { token: proposal.token });
    expect((me.body as { me: unknown }).me).toMatchObject({ id: proposal.participantId, partnerId: null });
    expect((me.body as { me: { pendingPartnerId?: unknown } }).me.pendingPartnerId ?? null).toBeNull();
    const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
    expect(round.eligiblePartnerIds).toHaveLength(2);
  });
});

describe('access to the confirmation endpoints', () => {
  const seeded = useSeededBoard();

  /** Everyone who might try: the tokens per actor, and the board each acts on. */
  let actors: Record<string, string | undefined>;
  let partnerA: string;
  let proposedIds: string[];
  let claimants: JoinResponse[];

  beforeEach(async () => {
    const { board, server } = seeded;
    const c = api(server.url);
    const invite = (await c.createInvite(board.boardId, board.facilitator.token, { role: 'partner' })).code;
    const info = await c.request('GET', `/api/boards/${board.boardId}`, { token: board.partnerA.token });
    partnerA = (info.body as { me: { partnerId: string } }).me.partnerId;
    const unconfirmed = await c.joinUnconfirmed({ code: invite, name: 'Ulla', partnerId: partnerA });
    const other = await c.createBoard('Anderer Tisch');
    actors = {
      facilitator: board.facilitator.token,
      'confirmed member': board.partnerA.token,
      'unconfirmed member': unconfirmed.token,
      'other partner': board.partnerB.token,
      observer: board.observer.token,
      'other board': other.token,
      'no token': undefined,
    };
    proposedIds = [];
    claimants = [];
    for (const name of ['Eins', 'Zwei', 'Drei', 'Vier', 'Fünf', 'Sechs', 'Sieben', 'Acht']) {
      const p = await c.joinUnconfirmed({
        code: invite,
        name,
        partner: { name: `Org ${name}`, kind: 'other' },
      });
      proposedIds.push(p.pendingPartnerId ?? '');
      claimants.push(await c.joinUnconfirmed({ code: invite, name: `Mit ${name}`, partnerId: partnerA }));
    }
  });

  const call = (path: string, token: string | undefined, body?: unknown) =>
    api(seeded.server.url).request('POST', `/api/boards/${seeded.board.boardId}${path}`, {
      ...(token ? { token } : {}),
      ...(body !== undefined ? { body } : {}),
    });

  /** Refused for everyone but the allowed actors: 401 without a token, 403 with any other. */
  const expected = (allowed: readonly string[], okStatus: number) => (actor: string) =>
    allowed.includes(actor) ? okStatus : actor === 'no token' ? 401 : 403;

  it.each([
    ['create partner', ['facilitator'], 201],
    ['confirm partner', ['facilitator'], 200],
    ['decline partner', ['facilitator'], 200],
    ['confirm member', ['facilitator', 'confirmed member'], 200],
    ['named-organisation invite', ['facilitator'], 201],
  ] as const)('%s: %j may, nobody else', async (endpoint, allowed, okStatus) => {
    const statuses: Record<string, number> = {};
    const want: Record<string, number> = {};
    let n = 0;
    for (const [actor, token] of Object.entries(actors)) {
      const i = n++;
      const path = {
        'create partner': '/partners',
        'confirm partner': `/partners/${proposedIds[i]}/confirm`,
        'decline partner': `/partners/${proposedIds[i]}/decline`,
        'confirm member': `/partners/${partnerA}/members/${claimants[i]?.participantId}/confirm`,
        'named-organisation invite': '/invites',
      }[endpoint];
      const body =
        endpoint === 'create partner'
          ? { name: `Neu ${i}`, kind: 'welfare' }
          : endpoint === 'named-organisation invite'
            ? { role: 'partner', partnerId: partnerA }
            : undefined;
      statuses[actor] = (await call(path, token, body)).status;
      want[actor] = expected(allowed, okStatus)(actor);
    }
    expect(statuses).toEqual(want);
  });

  it('a refused confirmation changes nothing: the proposal still waits and its proposer cannot speak', async () => {
    const target = proposedIds[0] ?? '';
    for (const token of Object.values(actors).filter((t) => t !== seeded.board.facilitator.token)) {
      await call(`/partners/${target}/confirm`, token);
    }
    const { board, rounds, pool, server } = seeded;
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const goalId = await addGoal(server.server, board.boardId, a, 'Spielplatz', 'Neue Geräte');
    const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId }), 201);
    expect(round.eligiblePartnerIds).not.toContain(target);
    expect(round.eligiblePartnerIds).toHaveLength(2);
  });

  it('hostile ids are refused as unknown, never as a server error', async () => {
    const f = seeded.board.facilitator.token;
    for (const id of ['..%2F..', 'x'.repeat(65), "a'b", '%00']) {
      expect((await call(`/partners/${id}/confirm`, f)).status).toBe(404);
      expect((await call(`/partners/${id}/decline`, f)).status).toBe(404);
      expect((await call(`/partners/${partnerA}/members/${id}/confirm`, f)).status).toBe(404);
    }
    expect((await call('/partners', f, { name: '', kind: 'residents' })).status).toBe(400);
    expect((await call('/partners', f, { name: 'X', kind: 'cartel' })).status).toBe(400);
    expect((await call('/partners', f, { name: 'X', kind: 'other', confirmed: false })).status).toBe(400);
    // A confirmed member cannot confirm someone for an organisation that is not theirs.
    const b = seeded.board.partnerB.token;
    expect(
      (await call(`/partners/${partnerA}/members/${claimants[0]?.participantId}/confirm`, b)).status,
    ).toBe(403);
  });
});
