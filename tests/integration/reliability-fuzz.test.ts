import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config';
import { type SeededBoard, seedBoard } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';
import { FUZZ_REGRESSIONS, PINNED_UPDATES } from '../reliability/lib/fuzzRegressions';
import { runFuzz } from '../reliability/lib/fuzzRunner';
import { seedFromEnv } from '../reliability/lib/random';

const NO_RATE_LIMITS = { apiPerIp: 0, apiPerToken: 0, wsPerIp: 0, wsPerToken: 0, trustedProxies: [] };

/** The fast subset: the regression seeds and a few hundred fresh ones (tests/reliability runs thousands). */
describe('protocol fuzzing (fast subset)', () => {
  let server: TestServer;
  let board: SeededBoard;

  beforeAll(async () => {
    // Refused frames come one after another from the same writer: no pause after repeated refusals.
    server = await startTestServer({
      config: {
        rateLimits: NO_RATE_LIMITS,
        socketLimits: { ...loadConfig({}).socketLimits, refusalsBeforePause: 0 },
      },
    });
    board = await seedBoard(server.url);
  });
  afterAll(() => server.close());

  it('replays every kept regression seed and pinned update without a failure', async () => {
    const report = await runFuzz(
      server,
      board,
      FUZZ_REGRESSIONS.map((r) => r.seed),
      { pinned: true },
    );
    expect(report.failures).toEqual([]);
    expect(report.outcomes['4400']).toBeGreaterThanOrEqual(2 * PINNED_UPDATES.length);
  });

  it('survives 300 seeded frames: never crashes, refused frames change nothing', async () => {
    const start = seedFromEnv('FUZZ_SEED', 1);
    const seeds = Array.from({ length: 300 }, (_, i) => start + i);
    const report = await runFuzz(server, board, seeds);
    expect(report.failures).toEqual([]);
    expect(report.frames).toBe(300);
  });
});
