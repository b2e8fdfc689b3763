import { addComment, editGoalText, readComments, readGoals, setGoalStage } from '@common-ground/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { activityApi } from '../helpers/activityApi';
import { api, createClientPool, seedBoard } from '../helpers/clients';
import { addGoal, roundOf, roundsApi, serverSees } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';

const MINUTE = 60_000;

describe('voice balance', () => {
  const pool = createClientPool();
  let server: TestServer | null = null;
  let now = 1_800_000_000_000;

  afterEach(async () => {
    pool.destroyAll();
    await server?.close();
  });

  it('gives each partner and partner kind its share of a scripted session, hidden stances unattributed', async () => {
    server = await startTestServer({ config: { now: () => now } });
    const s = server.server;
    const board = await seedBoard(server.url);
    const invite = await api(server.url).createInvite(board.boardId, board.facilitator.token, {
      role: 'partner',
    });
    await api(server.url).join({
      code: invite.code,
      name: 'Clara',
      partner: { name: 'Stadt', kind: 'municipality' },
    });
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const b = pool.connect(server.url, board.boardId, board.partnerB.token);
    const f = pool.connect(server.url, board.boardId, board.facilitator.token);

    // Proposals: A two, B one.
    const g1 = await addGoal(s, board.boardId, a, 'Grünfläche', 'Wiese');
    const g2 = await addGoal(s, board.boardId, a, 'Fest', 'Im Juni');
    const g3 = await addGoal(s, board.boardId, b, 'Sanierung', 'Block 4');
    now += 10 * MINUTE;
    const afterProposals = now;
    // Edits: A one (a move), the facilitator one (no partner). Comment: B one.
    setGoalStage(a.doc, g1, 'discussing');
    await f.synced;
    editGoalText(f.doc, g1, 'title', { index: 0, deleteCount: 0, insert: 'Neue ' });
    await b.synced;
    addComment(b.doc, g1, { authorId: board.partnerA.participantId, text: 'Einverstanden', now: 1 });
    await serverSees(s, board.boardId, (doc) => readComments(doc, g1).length === 1);
    await serverSees(s, board.boardId, (doc) => readGoals(doc).some((g) => g.title === 'Neue Grünfläche'));
    // Stances: one each in an open round; in an anonymous round nobody else learns who responded.
    const rounds = roundsApi(server.url);
    const open = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId: g3 }), 201);
    const anonymous = roundOf(
      await rounds.open(board.boardId, board.facilitator.token, { goalId: g2, visibility: 'anonymous' }),
      201,
    );
    for (const round of [open, anonymous]) {
      await rounds.stance(board.boardId, round.id, board.partnerA.token, { stance: 'agree' });
      await rounds.stance(board.boardId, round.id, board.partnerB.token, { stance: 'stand_aside' });
    }

    const client = activityApi(server.url);
    const balance = await client.voiceBalance(board.boardId, board.observer.token);
    const counts = Object.fromEntries(balance.partners.map((p) => [p.name, p.counts]));
    expect(counts).toEqual({
      'Mieterverein Südstadt': { proposal: 2, edit: 1, comment: 0, stance: 1, total: 4 },
      'Wohnbau GmbH': { proposal: 1, edit: 0, comment: 1, stance: 1, total: 3 },
      Stadt: { proposal: 0, edit: 0, comment: 0, stance: 0, total: 0 },
    });
    expect(balance.totals).toEqual({ proposal: 3, edit: 1, comment: 1, stance: 2, total: 7 });
    expect(balance.unattributed).toEqual({ proposal: 0, edit: 1, comment: 0, stance: 2, total: 3 });
    expect(balance.partners.find((p) => p.name === 'Mieterverein Südstadt')?.shares).toEqual({
      proposal: 2 / 3,
      edit: 1,
      comment: 0,
      stance: 1 / 2,
      total: 4 / 7,
    });
    expect(balance.kinds.map((k) => [k.kind, k.shares.total])).toEqual([
      ['residents', 4 / 7],
      ['housing', 3 / 7],
      ['municipality', 0],
    ]);
    expect(balance.silentPartnerIds).toHaveLength(1);
    expect(balance.equalShare).toBe(1 / 3);

    // A's people see their own anonymous stance as theirs; still nobody else's.
    const forA = await client.voiceBalance(board.boardId, board.partnerA.token);
    expect(forA.partners.find((p) => p.name === 'Mieterverein Südstadt')?.counts.stance).toBe(2);
    expect(forA.partners.find((p) => p.name === 'Wohnbau GmbH')?.counts.stance).toBe(1);

    // A period: only what happened after the proposals.
    const later = await client.voiceBalance(board.boardId, board.observer.token, `?from=${afterProposals}`);
    expect(later.totals).toEqual({ proposal: 0, edit: 1, comment: 1, stance: 2, total: 4 });
    expect(later).toMatchObject({ from: afterProposals, to: null });
  });
});
