import { RestoreResponse } from '@common-ground/shared/api';
import {
  editGoalText,
  goalText,
  readGoalStructure,
  readGoals,
  setCommitment,
  setGoalLead,
} from '@common-ground/shared/schema';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { activityApi, bodyOf } from '../helpers/activityApi';
import { api, type SeededBoard, seedBoard } from '../helpers/clients';
import { addGoal, roundOf, roundsApi, serverSees } from '../helpers/roundsApi';
import { type TestServer, useClockedServers } from '../helpers/server';
import { waitFor } from '../helpers/wait';

const MINUTE = 60_000;

/** What a restore must bring back: every restored field, in board order. */
const shape = (doc: Y.Doc) =>
  readGoals(doc).map(({ id, title, description, stage, rank }) => ({
    id,
    title,
    description,
    stage,
    rank,
    ...readGoalStructure(doc, id),
  }));

function restore(server: TestServer, boardId: string, token: string | undefined, body: unknown) {
  return api(server.url).request('POST', `/api/boards/${boardId}/restore`, {
    body,
    ...(token ? { token } : {}),
  });
}

const logOf = (server: TestServer, boardId: string) => server.server.storage.log.listUpdates(boardId, 0);

describe('restore: the facilitator sets the board back as a new, attributed change', () => {
  const { pool, clock, start } = useClockedServers();

  /** A board with two goals (one with lead, commitment and review date) written by A, then the moment `t`. */
  async function boardBeforeVandalism() {
    const server = await start();
    const board = await seedBoard(server.url);
    const a = pool.connect(server.url, board.boardId, board.partnerA.token);
    const vandal = pool.connect(server.url, board.boardId, board.partnerB.token);
    const facilitator = pool.connect(server.url, board.boardId, board.facilitator.token);
    const kept = await addGoal(
      server.server,
      board.boardId,
      a,
      'Grünfläche',
      'Hinter dem Bürgerhaus 🌳👨‍👩‍👧',
    );
    const rewritten = await addGoal(server.server, board.boardId, a, 'Spielplatz', 'Neue Geräte 🛝 bis Mai');
    const partnerA = board.partnerA.partnerId ?? '';
    await Promise.all([vandal.synced, facilitator.synced]);
    // Only the facilitator sets the lead; a partner's own people write its commitment.
    await waitFor(() => readGoals(facilitator.doc).length === 2, {
      message: 'the facilitator to see both goals',
    });
    setGoalLead(facilitator.doc, rewritten, partnerA);
    setCommitment(a.doc, rewritten, partnerA, 'Zwei Stunden pro Woche');
    await serverSees(server.server, board.boardId, (doc) => {
      const structure = readGoalStructure(doc, rewritten);
      return structure.leadPartnerId === partnerA && structure.commitments.length === 1;
    });
    await waitFor(() => readGoalStructure(a.doc, rewritten).leadPartnerId === partnerA, {
      message: 'A to see the lead',
    });
    await waitFor(() => readGoals(vandal.doc).length === 2, { message: 'the vandal to see both goals' });
    const t = clock.now;
    const before = shape(a.doc);
    clock.now += 10 * MINUTE;
    return { server, board, a, vandal, facilitator, kept, rewritten, t, before };
  }

  /** The vandal removes one goal, rewrites another's description (splitting an emoji), drops its lead, adds one. */
  async function vandalise(ctx: Awaited<ReturnType<typeof boardBeforeVandalism>>) {
    const { server, board, vandal, kept, rewritten } = ctx;
    vandal.doc.getMap('goals').delete(kept);
    const field = goalText(vandal.doc, rewritten, 'description');
    if (!field) throw new Error('goal missing');
    editGoalText(vandal.doc, rewritten, 'description', {
      index: 13,
      deleteCount: field.length - 13,
      insert: 'NIE',
    });
    // Refused by the server (only the facilitator sets the lead): put back in the vandal's own batch.
    setGoalLead(vandal.doc, rewritten, null);
    const added = await addGoal(server.server, board.boardId, vandal, 'Spam', 'Kauft hier');
    await serverSees(server.server, board.boardId, (doc) => readGoals(doc).length === 2);
    return added;
  }

  it('restores the whole board: every replica converges, the log keeps the vandal and names the facilitator', async () => {
    const ctx = await boardBeforeVandalism();
    const { server, board, a, vandal, facilitator, t, before } = ctx;
    await vandalise(ctx);
    clock.now += MINUTE;
    const entriesBefore = (await logOf(server, board.boardId)).length;

    const result = await restore(server, board.boardId, board.facilitator.token, { at: t });
    // Removed spam, re-created goal, rewritten goal.
    expect(bodyOf(RestoreResponse, result)).toEqual({ restoredGoals: 3 });

    for (const [name, replica] of [
      ['A', a],
      ['the vandal', vandal],
      ['the facilitator', facilitator],
    ] as const) {
      await waitFor(() => JSON.stringify(shape(replica.doc)) === JSON.stringify(before), {
        message: `${name} to converge on the old board`,
      });
    }
    const room = server.server.rooms.get(board.boardId);
    expect(room && shape(room.doc)).toEqual(before);

    const log = await logOf(server, board.boardId);
    expect(log.length).toBe(entriesBefore + 1);
    expect(log.at(-1)?.participantId).toBe(board.facilitator.participantId);
    const { events } = await activityApi(server.url).activity(board.boardId, board.observer.token);
    const byVandal = events
      .filter((e) => e.participantId === board.partnerB.participantId)
      .map((e) => e.type);
    expect(byVandal).toEqual(expect.arrayContaining(['goal_removed', 'wording_changed', 'goal_proposed']));
    expect(
      events.some((e) => e.participantId === board.facilitator.participantId && e.type === 'wording_changed'),
    ).toBe(true);

    // Restoring again changes nothing and writes nothing.
    expect(
      bodyOf(RestoreResponse, await restore(server, board.boardId, board.facilitator.token, { at: t })),
    ).toEqual({
      restoredGoals: 0,
    });
    expect((await logOf(server, board.boardId)).length).toBe(entriesBefore + 1);
  });

  it('restores one goal only: re-created with its id, others (even newer ones) untouched', async () => {
    const ctx = await boardBeforeVandalism();
    const { server, board, a, kept, rewritten, t, before } = ctx;
    const added = await vandalise(ctx);
    const token = board.facilitator.token;

    expect(
      bodyOf(RestoreResponse, await restore(server, board.boardId, token, { at: t, goalId: kept })),
    ).toEqual({
      restoredGoals: 1,
    });
    await waitFor(() => readGoals(a.doc).length === 3, { message: 'A to see the re-created goal' });
    expect(shape(a.doc).find((g) => g.id === kept)).toEqual(before.find((g) => g.id === kept));
    expect(goalText(a.doc, rewritten, 'description')?.toString()).toMatch(/NIE$/);
    expect(readGoals(a.doc).some((g) => g.id === added)).toBe(true);

    expect(
      bodyOf(RestoreResponse, await restore(server, board.boardId, token, { at: t, goalId: rewritten })),
    ).toEqual({
      restoredGoals: 1,
    });
    await waitFor(() => goalText(a.doc, rewritten, 'description')?.toString() === 'Neue Geräte 🛝 bis Mai', {
      message: 'A to see the old description',
    });
    expect(shape(a.doc).find((g) => g.id === rewritten)).toEqual(before.find((g) => g.id === rewritten));

    // A goal that did not exist then, and one that never existed.
    for (const goalId of [added, 'neverOnThisBoard']) {
      const missing = await restore(server, board.boardId, token, { at: t, goalId });
      expect(missing.status).toBe(404);
    }
  });

  it('refuses with 409 and writes nothing while a round locks the wording it would change', async () => {
    const ctx = await boardBeforeVandalism();
    const { server, board, rewritten, t } = ctx;
    await vandalise(ctx);
    roundOf(
      await roundsApi(server.url).open(board.boardId, board.facilitator.token, { goalId: rewritten }),
      201,
    );
    const entries = (await logOf(server, board.boardId)).length;

    for (const body of [{ at: t }, { at: t, goalId: rewritten }]) {
      const refused = await restore(server, board.boardId, board.facilitator.token, body);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        error: { code: 'conflict', message: expect.stringMatching(/round/) },
      });
    }
    expect((await logOf(server, board.boardId)).length).toBe(entries);
  });

  it('lets only the facilitator of this board restore', async () => {
    const { server, board, t } = await boardBeforeVandalism();
    const other: SeededBoard = await seedBoard(server.url);
    const entries = (await logOf(server, board.boardId)).length;
    const cases: [string | undefined, number][] = [
      [board.partnerA.token, 403],
      [board.partnerB.token, 403],
      [board.observer.token, 403],
      [other.facilitator.token, 403],
      [undefined, 401],
      ['not-a-token', 401],
    ];
    for (const [token, status] of cases) {
      // A refused caller gets the same answer with a malformed body: the role is checked first.
      for (const body of [{ at: t }, { at: -1 }]) {
        expect((await restore(server, board.boardId, token, body)).status).toBe(status);
      }
    }
    expect((await logOf(server, board.boardId)).length).toBe(entries);
    expect((await restore(server, board.boardId, board.facilitator.token, { at: t })).status).toBe(200);
  });

  it('refuses hostile input with 400 and writes nothing', async () => {
    const { server, board, kept, t } = await boardBeforeVandalism();
    const token = board.facilitator.token;
    const entries = (await logOf(server, board.boardId)).length;
    const bodies: unknown[] = [
      {},
      { at: -1 },
      { at: clock.now + 1 },
      { at: Number.NaN },
      { at: '1' },
      { at: 1.5 },
      { at: null },
      { at: Number.MAX_SAFE_INTEGER + 2 },
      { at: t, goalId: '' },
      { at: t, goalId: '../x' },
      { at: t, goalId: 'a'.repeat(65) },
      { at: t, goalId: 42 },
      { at: t, goalId: kept, extra: true },
      [t],
      'at',
      null,
    ];
    for (const body of bodies) {
      const refused = await restore(server, board.boardId, token, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
    }
    for (const rawBody of ['{"at":', `{"at":${t},"__proto__":{"goalId":"${kept}"}}`, `{"at":${t}e999}`]) {
      const raw = await api(server.url).request('POST', `/api/boards/${board.boardId}/restore`, {
        token,
        rawBody,
      });
      expect(raw.status, rawBody).toBe(400);
    }
    const unknownBoard = await restore(server, 'nope!', token, { at: t });
    expect(unknownBoard.status).toBe(404);
    expect((await logOf(server, board.boardId)).length).toBe(entries);
  });
});
