import {
  addComment,
  editGoalText,
  goalText,
  proposeGoal,
  readComments,
  readGoals,
  setGoalStage,
} from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import { activityApi } from '../helpers/activityApi';
import { api, seedBoard } from '../helpers/clients';
import { addGoal, roundOf, roundsApi, serverSees } from '../helpers/roundsApi';
import { useClockedServers } from '../helpers/server';
import { waitFor } from '../helpers/wait';

const MINUTE = 60_000;

describe('activity: attribution from the update log', () => {
  // The injected clock: every logged update, visit and round is dated by it.
  const { pool, clock, start, tempDataDir } = useClockedServers();

  it('names the true sender when a client claims another author for a goal or a comment', async () => {
    const server = await start();
    const board = await seedBoard(server.url);
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const b = pool.connect(server.url, board.boardId, board.partnerB.token);
    await Promise.all([a.synced, b.synced]);

    // B forges A as the author of both.
    const goalId = proposeGoal(b.doc, {
      title: 'Mehr Bänke',
      description: 'Am Spielplatz',
      createdBy: board.partnerA.participantId,
      now: 1,
    });
    addComment(b.doc, goalId, { authorId: board.partnerA.participantId, text: 'Von Ayşe', now: 1 });
    await waitFor(() => readComments(a.doc, goalId).length === 1, { message: 'A to see the forged comment' });
    await serverSees(server.server, board.boardId, (doc) => readComments(doc, goalId).length === 1);

    const client = activityApi(server.url);
    const { events } = await client.activity(board.boardId, board.partnerA.token);
    const proposed = events.find((e) => e.type === 'goal_proposed');
    const comment = events.find((e) => e.type === 'comment_added');
    for (const event of [proposed, comment]) {
      expect(event).toMatchObject({
        goalId,
        goalTitle: 'Mehr Bänke',
        participantId: board.partnerB.participantId,
        participantName: 'Bernd',
        partnerId: expect.any(String),
        partnerName: 'Wohnbau GmbH',
      });
    }

    const asOf = await client.asOf(board.boardId, board.observer.token, clock.now);
    expect(asOf.goals[0]).toMatchObject({ id: goalId, proposedBy: board.partnerB.participantId });
    expect(asOf.goals[0]?.comments[0]).toMatchObject({ text: 'Von Ayşe', by: board.partnerB.participantId });

    const network = await client.network(board.boardId, board.observer.token);
    const byName = new Map(network.partners.map((p) => [p.name, p.position.proposedGoalIds]));
    expect(byName.get('Wohnbau GmbH')).toEqual([goalId]);
    expect(byName.get('Mieterverein Südstadt')).toEqual([]);
  });

  it('shows the board as of time T exactly as a client saw it at T, rounds included', async () => {
    const server = await start();
    const board = await seedBoard(server.url);
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const b = pool.connect(server.url, board.boardId, board.partnerB.token);
    const first = await addGoal(server.server, board.boardId, a, 'Grünfläche', 'Hinter dem Bürgerhaus');
    const rounds = roundsApi(server.url);
    const round = roundOf(await rounds.open(board.boardId, board.facilitator.token, { goalId: first }), 201);
    await b.synced;
    await waitFor(() => readGoals(b.doc).length === 1, { message: 'B to see the goal' });

    const seenAtT = readGoals(b.doc);
    const t = clock.now;
    clock.now += 10 * MINUTE;
    // The wording is locked while the round is open: the facilitator cancels it to change the wording.
    const cancelled = await api(server.url).request(
      'POST',
      `/api/boards/${board.boardId}/rounds/${round.id}/cancel`,
      { token: board.facilitator.token },
    );
    expect(cancelled.status).toBe(200);
    editGoalText(a.doc, first, 'description', { index: 0, deleteCount: 6, insert: 'Vor' });
    setGoalStage(a.doc, first, 'discussing');
    const second = await addGoal(server.server, board.boardId, a, 'Nachbarschaftsfest', 'Im Juni');
    await serverSees(server.server, board.boardId, (doc) =>
      Boolean(goalText(doc, first, 'description')?.toString().startsWith('Vor')),
    );

    const client = activityApi(server.url);
    const then = await client.asOf(board.boardId, board.observer.token, t);
    expect(then.title).toBe('Runder Tisch Südstadt');
    expect(
      then.goals.map(({ id, title, description, stage, rank }) => ({ id, title, description, stage, rank })),
    ).toEqual(
      seenAtT.map(({ id, title, description, stage, rank }) => ({ id, title, description, stage, rank })),
    );
    expect(then.rounds).toMatchObject([{ id: round.id, status: 'open' }]);

    const later = await client.asOf(board.boardId, board.observer.token, clock.now);
    expect(later.goals.map((g) => g.id).sort()).toEqual([first, second].sort());
    expect(later.goals.find((g) => g.id === first)).toMatchObject({ stage: 'discussing' });
    expect(later.rounds).toMatchObject([{ id: round.id, status: 'closed', outcome: 'invalidated' }]);
    expect((await client.asOf(board.boardId, board.observer.token, 0)).goals).toEqual([]);
  });

  it('lists since the last visit exactly the goals changed after the participant last disconnected', async () => {
    const server = await start();
    const board = await seedBoard(server.url);
    const client = activityApi(server.url);
    const b = pool.connect(server.url, board.boardId, board.partnerB.token);
    const [changed, untouched, removed] = [
      await addGoal(server.server, board.boardId, b, 'Spielplatz', 'Neue Geräte'),
      await addGoal(server.server, board.boardId, b, 'Beleuchtung', 'Im Park'),
      await addGoal(server.server, board.boardId, b, 'Parkplätze', 'Weniger'),
    ];
    expect((await client.sinceLastVisit(board.boardId, board.partnerA.token)).lastVisitAt).toBeNull();

    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    await a.synced;
    clock.now += MINUTE;
    const left = clock.now;
    a.destroy();
    await waitFor(
      async () => (await server.server.storage.people.getLastVisit(board.partnerA.participantId)) === left,
      {
        message: "A's visit to end",
      },
    );

    clock.now += MINUTE;
    editGoalText(b.doc, changed, 'description', { index: 0, deleteCount: 4, insert: 'Alte' });
    b.doc.getMap('goals').delete(removed);
    const added = await addGoal(server.server, board.boardId, b, 'Fest', 'Im Juni');
    const round = roundOf(
      await roundsApi(server.url).open(board.boardId, board.facilitator.token, { goalId: untouched }),
      201,
    );

    const since = await client.sinceLastVisit(board.boardId, board.partnerA.token);
    expect(since.lastVisitAt).toBe(left);
    expect(since.changedGoals.map((g) => g.goalId).sort()).toEqual([changed, removed, added].sort());
    expect(since.changedGoals.find((g) => g.goalId === changed)?.changes).toMatchObject([
      { type: 'wording_changed', field: 'description', before: 'Neue Geräte', after: 'Alte Geräte' },
    ]);
    expect(since.changedGoals.find((g) => g.goalId === removed)).toMatchObject({
      removed: true,
      title: 'Parkplätze',
    });
    expect(since.roundsOpened.map((r) => r.id)).toEqual([round.id]);
    expect(since.roundsClosed).toEqual([]);
  });

  it('keeps every wording change with its author after the log was compacted into snapshots', async () => {
    const dataDir = await tempDataDir();
    const server = await start({ dataDir, config: { snapshotEvery: 3 } });
    const board = await seedBoard(server.url);
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const b = pool.connect(server.url, board.boardId, board.partnerB.token);
    const goalId = await addGoal(server.server, board.boardId, a, 'Grünfläche', 'Wiese');
    await b.synced;
    const edits: [typeof a, string][] = [
      [b, 'Wiese mit Bänken'],
      [a, 'Wiese mit Bänken und Bäumen'],
      [b, 'Wiese mit Bäumen'],
    ];
    for (const [who, text] of edits) {
      clock.now += 10 * MINUTE;
      const field = goalText(who.doc, goalId, 'description');
      if (!field) throw new Error('goal missing');
      await waitFor(() => field.toString() !== text);
      editGoalText(who.doc, goalId, 'description', { index: 0, deleteCount: field.length, insert: text });
      await serverSees(
        server.server,
        board.boardId,
        (doc) => goalText(doc, goalId, 'description')?.toString() === text,
      );
    }
    pool.destroyAll();
    await server.close({ keepData: true });

    const restarted = await start({ dataDir, config: { snapshotEvery: 3 } });
    expect((await restarted.server.storage.log.loadDocument(board.boardId)).snapshotSeq).toBeGreaterThan(0);
    const history = await activityApi(restarted.url).history(board.boardId, board.observer.token, goalId);
    expect(
      history.events.map((e) => [
        e.type,
        e.participantId,
        e.type === 'wording_changed' ? e.after : e.goalTitle,
      ]),
    ).toEqual([
      ['goal_proposed', board.partnerA.participantId, 'Grünfläche'],
      ['wording_changed', board.partnerB.participantId, 'Wiese mit Bänken'],
      ['wording_changed', board.partnerA.participantId, 'Wiese mit Bänken und Bäumen'],
      ['wording_changed', board.partnerB.participantId, 'Wiese mit Bäumen'],
    ]);
    const unknown = await activityApi(restarted.url).request(
      'GET',
      `/api/boards/${board.boardId}/goals/nope/history`,
      { token: board.observer.token },
    );
    expect(unknown.status).toBe(404);
  });

  it('answers the feed newest first, since a time, limited, and refuses bad queries and strangers', async () => {
    const server = await start();
    const board = await seedBoard(server.url);
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const goalId = await addGoal(server.server, board.boardId, a, 'Grünfläche', 'Wiese');
    const t = clock.now;
    clock.now += MINUTE;
    setGoalStage(a.doc, goalId, 'ready');
    await serverSees(server.server, board.boardId, (doc) => readGoals(doc)[0]?.stage === 'ready');
    const client = activityApi(server.url);

    const all = await client.activity(board.boardId, board.observer.token);
    expect(all.events.map((e) => e.type)).toEqual(['stage_changed', 'goal_proposed']);
    expect(all.events[0]).toMatchObject({ from: 'proposed', to: 'ready', participantName: 'Ayşe' });
    const since = await client.activity(board.boardId, board.observer.token, `?since=${t}`);
    expect(since.events.map((e) => e.type)).toEqual(['stage_changed']);
    expect(await client.activity(board.boardId, board.observer.token, '?limit=1')).toMatchObject({
      truncated: true,
      events: [{ type: 'stage_changed' }],
    });

    const bad = await client.request('GET', `/api/boards/${board.boardId}/activity?limit=0`, {
      token: board.observer.token,
    });
    expect(bad.status).toBe(400);
    const badAt = await client.request('GET', `/api/boards/${board.boardId}/as-of?at=yesterday`, {
      token: board.observer.token,
    });
    expect(badAt.status).toBe(400);
    const other = await seedBoard(server.url);
    const stranger = await client.request('GET', `/api/boards/${board.boardId}/activity`, {
      token: other.partnerA.token,
    });
    expect(stranger.status).toBe(403);
    expect((await client.request('GET', `/api/boards/${board.boardId}/activity`)).status).toBe(401);
  });
});
