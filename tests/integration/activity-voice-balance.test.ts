import { HealthResponse } from '@common-ground/shared/api';
import {
  addComment,
  editGoalText,
  goalText,
  proposeGoal,
  readComments,
  readGoals,
  setGoalStage,
} from '@common-ground/shared/schema';
import { afterEach, describe, expect, it } from 'vitest';
import { activityApi } from '../helpers/activityApi';
import { api, createClientPool, seedBoard } from '../helpers/clients';
import { addGoal, roundOf, roundsApi, serverSees } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

const MINUTE = 60_000;

/** The legitimation line's voice-balance figure of the health check, as a partner sees it. */
async function kindBalanceOf(url: string, boardId: string, token: string) {
  const result = await api(url).request('GET', `/api/boards/${boardId}/health`, { token });
  expect(result.status).toBe(200);
  const line = HealthResponse.parse(result.body).lines.find((l) => l.principle === 'legitimation');
  const figure = line?.figures.find((f) => f.id === 'kindBalance');
  if (!line || !figure) throw new Error('no voice-balance figure in the health check');
  return { suggestion: line.suggestion, figure };
}

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

  it('counts two people typing into one description at once as one contribution each', async () => {
    server = await startTestServer({ config: { now: () => now } });
    const s = server.server;
    const board = await seedBoard(server.url);
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const b = pool.connect(server.url, board.boardId, board.partnerB.token);
    const f = pool.connect(server.url, board.boardId, board.facilitator.token);
    // The facilitator writes the goal down: no partner's proposal, so only the typing is counted.
    await f.synced;
    const written = 'Bänke am Spielplatz.';
    const goalId = proposeGoal(f.doc, { title: 'Spielplatz', description: written, createdBy: '', now: 1 });
    const typists = [a, f, b];
    const description = (doc: typeof a.doc) => goalText(doc, goalId, 'description')?.toString() ?? '';
    await waitFor(() => typists.every((t) => description(t.doc) === written), {
      message: 'everyone to have the goal',
    });

    // Ayşe types at the start, the facilitator in the middle, Bernd at the end, a key each per second, all at
    // once: the log interleaves their keystrokes (each keystroke is one update of its own). Bernd types fewer
    // keys: counted in keystrokes, the housing company would have "much less voice".
    const ayse = 'Wir wünschen uns mehr ';
    const facilitator = ' und Tische im Schatten';
    const bernd = ' Gern.';
    const keys = [ayse, facilitator, bernd];
    for (let i = 0; i < Math.max(...keys.map((k) => k.length)); i++) {
      now += 1000;
      const at = [i, description(f.doc).indexOf(' am Spielplatz'), description(b.doc).length];
      typists.forEach((typist, n) => {
        const key = keys[n]?.[i];
        const index = at[n] ?? 0;
        if (key) editGoalText(typist.doc, goalId, 'description', { index, deleteCount: 0, insert: key });
      });
      const typed = written.length + keys.reduce((sum, k) => sum + Math.min(i + 1, k.length), 0);
      await serverSees(s, board.boardId, (doc) => description(doc).length === typed);
      await waitFor(() => typists.every((t) => description(t.doc).length === typed), {
        message: 'every typist to see the others’ keys',
      });
    }
    const final = 'Wir wünschen uns mehr Bänke und Tische im Schatten am Spielplatz. Gern.';
    expect(description(a.doc)).toBe(final);

    const client = activityApi(server.url);
    const feed = await client.activity(board.boardId, board.observer.token);
    const edits = feed.events.flatMap((e) => (e.type === 'wording_changed' ? [e] : []));
    // One entry per contribution: per typist, not per keystroke.
    expect(edits.map((e) => e.participantName ?? 'Moderation').sort()).toEqual([
      'Ayşe',
      'Bernd',
      'Moderation',
    ]);
    // Each ends in the text as it stood after its author's last key.
    const ending = Object.fromEntries(edits.map((e) => [e.participantName, e.after]));
    expect(ending.Ayşe?.startsWith(ayse)).toBe(true);
    expect(ending.Bernd?.endsWith(bernd)).toBe(true);
    const byFacilitator = edits.find((e) => e.participantId === board.facilitator.participantId);
    expect(byFacilitator?.after).toBe(final);

    const balance = await client.voiceBalance(board.boardId, board.observer.token);
    const byName = [...balance.partners].sort((x, y) => x.name.localeCompare(y.name, 'de'));
    expect(byName.map((p) => [p.name, p.counts.edit, p.shares.total])).toEqual([
      ['Mieterverein Südstadt', 1, 1 / 2],
      ['Wohnbau GmbH', 1, 1 / 2],
    ]);
    expect(balance.totals.total).toBe(2);
    expect(balance.unattributed.edit).toBe(1);

    const health = await kindBalanceOf(server.url, board.boardId, board.partnerB.token);
    expect(health.figure.count).toBe(2);
    expect(health.figure.kinds.map((k) => [k.kind, k.count, k.quiet])).toEqual([
      ['residents', 1, false],
      ['housing', 1, false],
    ]);
    expect(health.suggestion).not.toBe('legitimation.quietKind');
  });

  it('says a kind of partner was heard less only when the counted contributions support it', async () => {
    server = await startTestServer({ config: { now: () => now } });
    const s = server.server;
    const board = await seedBoard(server.url);
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const f = pool.connect(server.url, board.boardId, board.facilitator.token);
    const goalId = await addGoal(s, board.boardId, f, 'Fest', 'Im Juni');
    await waitFor(() => goalText(a.doc, goalId, 'title') !== null, {
      message: 'the partner to have the goal',
    });
    const comment = async (count: number) => {
      for (let i = 0; i < count; i++) {
        now += 2 * MINUTE;
        const before = readComments(a.doc, goalId).length;
        addComment(a.doc, goalId, { authorId: board.partnerA.participantId, text: `Punkt ${before}`, now });
        await serverSees(s, board.boardId, (doc) => readComments(doc, goalId).length === before + 1);
      }
    };

    // Five comments by the residents and none by the housing company: too few to say anything about anyone.
    await comment(5);
    const early = await kindBalanceOf(server.url, board.boardId, board.partnerB.token);
    expect(early.figure.count).toBe(5);
    expect(early.figure.kinds.some((k) => k.quiet)).toBe(false);
    expect(early.suggestion).not.toBe('legitimation.quietKind');

    // Twelve against none: now the figures carry the finding, and it names them.
    await comment(7);
    const later = await kindBalanceOf(server.url, board.boardId, board.partnerB.token);
    expect(later.figure.count).toBe(12);
    expect(later.figure.kinds.map((k) => [k.kind, k.count, k.quiet])).toEqual([
      ['residents', 12, false],
      ['housing', 0, true],
    ]);
    expect(later.suggestion).toBe('legitimation.quietKind');
  });
});
