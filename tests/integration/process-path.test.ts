import { HealthResponse, ProcessReportResponse, ProcessResponse } from '@common-ground/shared/api';
import { PROCESS_PHASES, readProcess } from '@common-ground/shared/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ApiResult, api, createClientPool, type SeededBoard, seedBoard } from '../helpers/clients';
import { addGoal, roundOf, roundsApi } from '../helpers/roundsApi';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

const ok = (result: ApiResult, status = 200) => {
  if (result.status !== status) {
    throw new Error(`Expected ${status}, got ${result.status}: ${JSON.stringify(result.body)}`);
  }
  return result.body;
};

describe('process path: the facilitator moves the board, everyone sees where it stands', () => {
  let server: TestServer;
  let seeded: SeededBoard;
  let clock: number;
  const pool = createClientPool();
  const call = (method: string, path: string, token: string, body?: unknown) =>
    api(server.url).request(method, `/api/boards/${seeded.boardId}${path}`, { token, body });

  beforeEach(async () => {
    clock = Date.UTC(2027, 2, 10, 9, 0);
    server = await startTestServer({ config: { now: () => clock } });
    seeded = await seedBoard(server.url);
  });

  afterEach(async () => {
    pool.destroyAll();
    await server.close();
  });

  it('moves through every phase and back; partners and observers are refused and see it live', async () => {
    const f = seeded.facilitator.token;
    const others = [seeded.partnerA.token, seeded.observer.token];
    const records = [seeded.partnerA, seeded.observer].map((who) =>
      pool.connect(server.url, seeded.boardId, who.token, { record: true }),
    );
    await Promise.all(records.map((r) => r.synced));
    for (const r of records) expect(readProcess(r.doc)).toEqual({ phase: 'inventory', history: [] });

    for (const phase of PROCESS_PHASES.slice(1)) {
      clock += 24 * 60 * 60 * 1000;
      for (const token of others) expect((await call('PUT', '/process', token, { phase })).status).toBe(403);
      const moved = ProcessResponse.parse(ok(await call('PUT', '/process', f, { phase })));
      expect(moved.phase).toBe(phase);
      expect(moved.history.at(-1)).toEqual({ phase, at: clock, by: seeded.facilitator.participantId });
      for (const r of records) {
        await waitFor(() => readProcess(r.doc).phase === phase, { message: `live phase ${phase}` });
      }
      for (const token of others) {
        expect(ProcessResponse.parse(ok(await call('GET', '/process', token))).phase).toBe(phase);
      }
    }

    // Back to negotiating: allowed, never blocked, and recorded with its date.
    clock += 1000;
    const back = ProcessResponse.parse(ok(await call('PUT', '/process', f, { phase: 'negotiate' })));
    expect(back.history.map((t) => t.phase)).toEqual([
      'collect',
      'negotiate',
      'agree',
      'review',
      'negotiate',
    ]);
    // The same phase again changes nothing.
    const same = ProcessResponse.parse(ok(await call('PUT', '/process', f, { phase: 'negotiate' })));
    expect(same.history).toHaveLength(5);
    for (const r of records) {
      await waitFor(() => readProcess(r.doc).phase === 'negotiate', { message: 'live move back' });
      expect(readProcess(r.doc).history).toEqual(back.history);
    }
  });

  it('refuses invalid input (400), a missing token (401) and another board’s token (403)', async () => {
    const f = seeded.facilitator.token;
    expect((await call('PUT', '/process', f, { phase: 'done' })).status).toBe(400);
    expect((await call('PUT', '/process', f, { phase: 'collect', extra: 1 })).status).toBe(400);
    expect((await call('PUT', '/process', f, {})).status).toBe(400);
    expect((await call('PUT', '/process', '', { phase: 'collect' })).status).toBe(401);
    const other = await api(server.url).createBoard('Anderes Board');
    expect((await call('PUT', '/process', other.token, { phase: 'collect' })).status).toBe(403);
    expect(ProcessResponse.parse(ok(await call('GET', '/process', f))).history).toEqual([]);
  });

  it('keeps the path through a server restart', async () => {
    ok(await call('PUT', '/process', seeded.facilitator.token, { phase: 'collect' }));
    const { dataDir } = server;
    await server.close({ keepData: true });
    // A new port: the client's kept-alive socket to the old server must not carry the next request.
    server = await startTestServer({ dataDir, config: { now: () => clock } });
    expect(ProcessResponse.parse(ok(await call('GET', '/process', seeded.partnerB.token))).phase).toBe(
      'collect',
    );
  });

  it('serves the same health check to every role, and the report only to the facilitator', async () => {
    const f = seeded.facilitator.token;
    const writer = pool.connect(server.url, seeded.boardId, seeded.partnerA.token);
    const goalId = await addGoal(server.server, seeded.boardId, writer, 'Spielplatz', 'Neue Geräte');
    const rounds = roundsApi(server.url);
    const round = roundOf(await rounds.open(seeded.boardId, f, { goalId }), 201);
    roundOf(await rounds.stance(seeded.boardId, round.id, seeded.partnerA.token, { stance: 'agree' }), 201);
    roundOf(await rounds.stance(seeded.boardId, round.id, seeded.partnerB.token, { stance: 'agree' }), 201);
    roundOf(await rounds.close(seeded.boardId, round.id, f), 200);

    const answers = [];
    for (const token of [f, seeded.partnerA.token, seeded.observer.token]) {
      answers.push(HealthResponse.parse(ok(await call('GET', '/health', token))));
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    const figures = new Map(answers[0]?.lines.flatMap((l) => l.figures.map((x) => [x.id, x])));
    expect(figures.get('agreed')).toMatchObject({ count: 1, of: 1 });
    expect(figures.get('residents')).toMatchObject({ count: 1, names: ['Mieterverein Südstadt'] });
    // A round opened and closed by the facilitator on one day is a meeting.
    expect(figures.get('meetings')).toMatchObject({ count: 1 });
    expect(figures.get('noStance')).toMatchObject({ count: 0, of: 2 });

    // Putting a goal in focus a week later is a second meeting (read from the record's update log).
    clock += 7 * 24 * 60 * 60 * 1000;
    ok(await call('PUT', '/facilitation', f, { focus: goalId }));
    const later = HealthResponse.parse(ok(await call('GET', '/health', seeded.partnerB.token)));
    const meetings = later.lines.flatMap((l) => l.figures).find((x) => x.id === 'meetings');
    expect(meetings).toMatchObject({ count: 2, at: clock });

    for (const token of [seeded.partnerA.token, seeded.observer.token]) {
      expect((await call('GET', '/process-report', token)).status).toBe(403);
    }
    const report = ProcessReportResponse.parse(ok(await call('GET', '/process-report?format=json', f)));
    expect(report.rounds).toEqual([
      expect.objectContaining({ goalTitle: 'Spielplatz', number: 1, outcome: 'agreed', responded: 2 }),
    ]);
    expect(report.phases).toEqual([{ phase: 'inventory', from: expect.any(Number), to: null }]);
    const md = await call('GET', '/process-report?format=md', f);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toContain('text/markdown');
    expect(String(md.body)).toContain('# Prozessbericht: Runder Tisch Südstadt');
    expect(String(md.body)).toContain('Spielplatz, Runde 1');
    expect(String(md.body)).toContain('1 von 1 Zielen vereinbart');
    expect((await call('GET', '/process-report?format=pdf', f)).status).toBe(400);
  });
});
