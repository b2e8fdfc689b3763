import { FacilitationResponse } from '@common-ground/shared/api';
import { readFacilitation } from '@common-ground/shared/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiResult, api, createClientPool, type SeededBoard, seedBoard } from '../helpers/clients';
import { addGoal } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

const state = (result: ApiResult, status = 200): FacilitationResponse => {
  if (result.status !== status)
    throw new Error(`Expected ${status}, got ${result.status}: ${JSON.stringify(result.body)}`);
  return FacilitationResponse.parse(result.body);
};

describe('facilitation: focus, timer and agenda are the facilitator’s, enforced by the server', () => {
  let server: TestServer;
  let seeded: SeededBoard;
  let goalId: string;
  let clock: number;
  const pool = createClientPool();
  const put = (token: string, body: unknown) =>
    api(server.url).request('PUT', `/api/boards/${seeded.boardId}/facilitation`, { body, token });
  const get = (token: string) =>
    api(server.url).request('GET', `/api/boards/${seeded.boardId}/facilitation`, { token });

  beforeEach(async () => {
    clock = 1_000_000;
    server = await startTestServer({ config: { now: () => clock } });
    seeded = await seedBoard(server.url);
    const writer = pool.connect(server.url, seeded.boardId, seeded.facilitator.token);
    goalId = await addGoal(server.server, seeded.boardId, writer, 'Spielplatz', 'Neue Geräte');
  });

  afterEach(async () => {
    pool.destroyAll();
    await server.close();
  });

  it('refuses partners and observers (403) and writes nothing; everyone may read', async () => {
    const bodies = [
      { focus: goalId },
      { timer: { action: 'start', durationMs: 60_000 } },
      { agenda: [goalId] },
      { agendaDone: { goalId, done: true } },
    ];
    for (const token of [seeded.partnerA.token, seeded.observer.token]) {
      for (const body of bodies) expect((await put(token, body)).status).toBe(403);
      expect(state(await get(token))).toMatchObject({ focus: null, timer: null, agenda: [] });
    }
    const record = pool.connect(server.url, seeded.boardId, seeded.observer.token, { record: true });
    await record.synced;
    expect(readFacilitation(record.doc)).toEqual({ focus: null, timer: null, agenda: [] });
  });

  it('validates input (400), unknown goals (404), tokens of other boards (403) and impossible timer steps (409)', async () => {
    const f = seeded.facilitator.token;
    expect((await put(f, { focus: goalId, timer: { action: 'reset' } })).status).toBe(400);
    expect((await put(f, { timer: { action: 'start', durationMs: -5 } })).status).toBe(400);
    expect((await put(f, { agenda: [goalId, goalId] })).status).toBe(400);
    expect((await put(f, { focus: 'no-such-goal' })).status).toBe(404);
    expect((await put(f, { agenda: [goalId, 'missing'] })).status).toBe(404);
    expect((await put(f, { timer: { action: 'pause' } })).status).toBe(409);
    expect((await put(f, { agendaDone: { goalId, done: true } })).status).toBe(409);
    const other = await api(server.url).createBoard('Anderes Board');
    expect((await put(other.token, { focus: goalId })).status).toBe(403);
    expect((await put('', { focus: goalId })).status).toBe(401);
  });

  it('counts the timer down in server time, pauses, adds a minute, and shows it live in the record', async () => {
    const f = seeded.facilitator.token;
    const record = pool.connect(server.url, seeded.boardId, seeded.partnerB.token, { record: true });
    await record.synced;
    expect(state(await put(f, { focus: goalId })).focus).toBe(goalId);
    const started = state(await put(f, { timer: { action: 'start', durationMs: 300_000 } }));
    expect(started.timer).toEqual({ startedAt: clock, durationMs: 300_000, pausedRemainingMs: null });
    clock += 100_000;
    expect(state(await put(f, { timer: { action: 'pause' } })).timer?.pausedRemainingMs).toBe(200_000);
    expect(state(await put(f, { timer: { action: 'addMinute' } })).timer?.pausedRemainingMs).toBe(260_000);
    clock += 50_000;
    const resumed = state(await put(f, { timer: { action: 'resume' } }));
    expect(resumed.timer).toEqual({ startedAt: clock, durationMs: 260_000, pausedRemainingMs: null });
    expect(state(await put(f, { agenda: [goalId] })).agenda).toEqual([{ goalId, done: false }]);
    expect(state(await put(f, { agendaDone: { goalId, done: true } })).agenda).toEqual([
      { goalId, done: true },
    ]);
    // Reordering keeps the tick.
    expect(state(await put(f, { agenda: [goalId] })).agenda).toEqual([{ goalId, done: true }]);
    await waitFor(() => readFacilitation(record.doc).agenda[0]?.done === true, { message: 'live agenda' });
    expect(readFacilitation(record.doc)).toEqual({
      focus: goalId,
      timer: resumed.timer,
      agenda: [{ goalId, done: true }],
    });
  });

  it('keeps the timer through a facilitator reload and a server restart', async () => {
    const f = seeded.facilitator.token;
    const started = state(await put(f, { timer: { action: 'start', durationMs: 600_000 } }));
    await put(f, { focus: goalId });
    // A reload is a new connection and a fresh GET: the state comes from the server, not from the tab.
    const facilitatorTab = pool.connect(server.url, seeded.boardId, f, { record: true });
    await facilitatorTab.synced;
    expect(readFacilitation(facilitatorTab.doc).timer).toEqual(started.timer);
    pool.destroyAll();

    const { port, dataDir } = server;
    await server.close({ keepData: true });
    server = await startTestServer({ dataDir, config: { port, now: () => clock } });
    const afterRestart = state(await get(f));
    expect(afterRestart.timer).toEqual(started.timer);
    expect(afterRestart.focus).toBe(goalId);
    const reloaded = pool.connect(server.url, seeded.boardId, f, { record: true });
    await reloaded.synced;
    expect(readFacilitation(reloaded.doc).timer).toEqual(started.timer);
  });
});
