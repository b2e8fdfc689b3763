import { type BoardInfoResponse, PartnerProfileSchema, RelationSchema } from '@common-ground/shared/api';
import { readProfiles, readRelations, setCommitment, setGoalLead } from '@common-ground/shared/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activityApi, bodyOf } from '../helpers/activityApi';
import { api, createClientPool, type SeededBoard, seedBoard } from '../helpers/clients';
import { addGoal, serverSees } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

const profile = {
  description: 'Mieterinnen und Mieter der Südstadt',
  offers: ['rooms', 'contacts', 'rooms'],
  offersNote: 'Gemeinschaftsraum, dienstags',
  interests: 'Bezahlbare Mieten, mehr Grün',
  contact: 'Ayşe Yilmaz, 0170 1234567',
};

describe('network: partner profiles and relations', () => {
  const pool = createClientPool();
  let server: TestServer;
  let board: SeededBoard;
  let partnerIds: { a: string; b: string; c: string };
  let partnerC: { token: string; participantId: string };

  beforeEach(async () => {
    server = await startTestServer();
    board = await seedBoard(server.url);
    const client = api(server.url);
    const invite = await client.createInvite(board.boardId, board.facilitator.token, { role: 'partner' });
    partnerC = await client.join({
      code: invite.code,
      name: 'Clara',
      partner: { name: 'Stadt', kind: 'municipality' },
    });
    const info = (
      await client.request('GET', `/api/boards/${board.boardId}`, { token: board.observer.token })
    ).body as BoardInfoResponse;
    const idOf = (name: string) => info.partners.find((p) => p.name === name)?.id ?? '';
    partnerIds = { a: idOf('Mieterverein Südstadt'), b: idOf('Wohnbau GmbH'), c: idOf('Stadt') };
  });

  afterEach(async () => {
    pool.destroyAll();
    await server.close();
  });

  it("lets a partner's people and the facilitator edit its profile, seen live by everyone", async () => {
    const client = activityApi(server.url);
    const record = pool.connect(server.url, board.boardId, board.partnerB.token, { record: true });
    await record.synced;

    const own = bodyOf(
      PartnerProfileSchema,
      await client.putProfile(board.boardId, board.partnerA.token, partnerIds.a, profile),
    );
    expect(own).toMatchObject({
      partnerId: partnerIds.a,
      offers: ['rooms', 'contacts'],
      updatedBy: board.partnerA.participantId,
    });
    const live = await waitFor(() => readProfiles(record.doc).get(partnerIds.a), {
      message: 'the profile live',
    });
    expect(live).toEqual(own);

    const other = await client.putProfile(board.boardId, board.partnerA.token, partnerIds.b, profile);
    expect(other.status).toBe(403);
    const observer = await client.putProfile(board.boardId, board.observer.token, partnerIds.a, profile);
    expect(observer.status).toBe(403);
    const facilitator = await client.putProfile(board.boardId, board.facilitator.token, partnerIds.b, {
      description: 'Kommunale Wohnungsgesellschaft',
    });
    expect(facilitator.status).toBe(200);
    expect(facilitator.body).toMatchObject({
      offers: [],
      contact: '',
      updatedBy: board.facilitator.participantId,
    });
    const unknown = await client.putProfile(board.boardId, board.facilitator.token, 'nobody', profile);
    expect(unknown.status).toBe(404);

    const network = await client.network(board.boardId, board.observer.token);
    expect(network.partners.find((p) => p.id === partnerIds.a)?.profile).toEqual(own);
    expect(network.partners.find((p) => p.id === partnerIds.c)?.profile).toBeNull();
  });

  it('refuses invalid and oversized profiles without storing anything', async () => {
    const client = activityApi(server.url);
    const put = (body: unknown) => client.putProfile(board.boardId, board.partnerA.token, partnerIds.a, body);
    for (const body of [
      { ...profile, offers: ['weapons'] },
      { ...profile, description: 'x'.repeat(1001) },
      { ...profile, contact: 'x'.repeat(201) },
      { ...profile, partnerId: partnerIds.b },
      { ...profile, offers: 'rooms' },
      [],
    ]) {
      const result = await put(body);
      expect(result.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect((await put({ description: 'x'.repeat(70_000) })).status).toBe(413);
    expect(await server.server.storage.network.listProfiles(board.boardId)).toEqual([]);
  });

  it('adds and removes relations by an involved partner or the facilitator, seen live', async () => {
    const client = activityApi(server.url);
    const record = pool.connect(server.url, board.boardId, board.observer.token, { record: true });
    await record.synced;
    const add = (token: string, body: object) => client.addRelation(board.boardId, token, body);

    const coop = bodyOf(
      RelationSchema,
      await add(board.partnerA.token, {
        from: partnerIds.a,
        to: partnerIds.b,
        kind: 'cooperation',
        strength: 2,
      }),
      201,
    );
    expect(coop).toMatchObject({ note: '', createdBy: board.partnerA.participantId });
    await waitFor(() => readRelations(record.doc).length === 1, { message: 'the relation live' });

    // Undirected kinds are one relation per pair; funding has a direction.
    const reversed = await add(board.partnerB.token, {
      from: partnerIds.b,
      to: partnerIds.a,
      kind: 'cooperation',
      strength: 3,
    });
    expect(reversed.status).toBe(409);
    const funding = {
      from: partnerIds.c,
      to: partnerIds.a,
      kind: 'funding',
      strength: 3,
      note: 'Quartiersfonds',
    };
    expect((await add(partnerC.token, funding)).status).toBe(201);
    expect(
      (await add(board.partnerA.token, { ...funding, from: partnerIds.a, to: partnerIds.c })).status,
    ).toBe(201);

    // Not involved, observers, bad input.
    const tension = { from: partnerIds.b, to: partnerIds.c, kind: 'tension', strength: 1 };
    expect((await add(board.partnerA.token, tension)).status).toBe(403);
    expect((await add(board.observer.token, tension)).status).toBe(403);
    expect((await add(board.partnerB.token, { ...tension, to: partnerIds.b })).status).toBe(400);
    expect((await add(board.partnerB.token, { ...tension, strength: 4 })).status).toBe(400);
    expect((await add(board.partnerB.token, { ...tension, kind: 'rivalry' })).status).toBe(400);
    expect((await add(board.partnerB.token, { ...tension, note: 'x'.repeat(501) })).status).toBe(400);
    expect((await add(board.partnerB.token, { ...tension, to: 'unknownPartner' })).status).toBe(404);
    const byFacilitator = bodyOf(RelationSchema, await add(board.facilitator.token, tension), 201);
    await waitFor(() => readRelations(record.doc).length === 4, { message: 'four relations live' });

    const remove = (token: string, id: string) => client.removeRelation(board.boardId, token, id);
    expect((await remove(board.partnerA.token, byFacilitator.id)).status).toBe(403);
    expect((await remove(board.observer.token, byFacilitator.id)).status).toBe(403);
    expect((await remove(partnerC.token, byFacilitator.id)).status).toBe(204);
    expect((await remove(partnerC.token, byFacilitator.id)).status).toBe(404);
    expect((await remove(board.facilitator.token, coop.id)).status).toBe(204);
    await waitFor(() => readRelations(record.doc).length === 2, { message: 'removals live' });
    expect(readRelations(record.doc).every((r) => r.kind === 'funding')).toBe(true);
    // A removed relation can be added again.
    expect((await add(board.partnerB.token, tension)).status).toBe(201);
    // The removed rows stay on record.
    expect(
      await server.server.storage.network.listRelations(board.boardId, { includeRemoved: true }),
    ).toHaveLength(5);
  });

  it("answers each partner's position: relations, goals proposed, led and supported", async () => {
    const client = activityApi(server.url);
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const goalId = await addGoal(server.server, board.boardId, a, 'Grünfläche', 'Wiese');
    // Only the facilitator may set the lead and another partner's commitment.
    const facilitator = pool.connect(server.url, board.boardId, board.facilitator.token);
    await waitFor(() => facilitator.doc.getMap('goals').has(goalId), {
      message: 'the goal at the facilitator',
    });
    setGoalLead(facilitator.doc, goalId, partnerIds.c);
    setCommitment(facilitator.doc, goalId, partnerIds.b, 'Pflege der Fläche');
    await serverSees(
      server.server,
      board.boardId,
      (doc) => doc.getMap('goals').toJSON()[goalId]?.lead === partnerIds.c,
    );
    await serverSees(server.server, board.boardId, (doc) =>
      Boolean(doc.getMap('goals').toJSON()[goalId]?.commitments?.[partnerIds.b]),
    );
    const relation = bodyOf(
      RelationSchema,
      await client.addRelation(board.boardId, board.partnerA.token, {
        from: partnerIds.a,
        to: partnerIds.c,
        kind: 'informal',
        strength: 1,
      }),
      201,
    );

    const network = await client.network(board.boardId, board.partnerB.token);
    const position = (id: string) => network.partners.find((p) => p.id === id)?.position;
    expect(position(partnerIds.a)).toEqual({
      relationIds: [relation.id],
      proposedGoalIds: [goalId],
      leadGoalIds: [],
      supportedGoals: [],
    });
    expect(position(partnerIds.b)).toEqual({
      relationIds: [],
      proposedGoalIds: [],
      leadGoalIds: [],
      supportedGoals: [{ goalId, commitment: 'Pflege der Fläche' }],
    });
    expect(position(partnerIds.c)).toMatchObject({ relationIds: [relation.id], leadGoalIds: [goalId] });
    expect(network.goals).toEqual([{ id: goalId, title: 'Grünfläche', stage: 'proposed' }]);
    expect(network.relations).toEqual([relation]);
  });
});
