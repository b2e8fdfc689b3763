import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config';
import { type SeededBoard, seedBoard } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';
import { runFuzz } from './lib/fuzzRunner';
import { countFromEnv, seedFromEnv } from './lib/random';

describe('protocol fuzzing', () => {
  let server: TestServer;
  let board: SeededBoard;
  beforeAll(async () => {
    server = await startTestServer({
      config: {
        rateLimits: { apiPerIp: 0, apiPerToken: 0, wsPerIp: 0, wsPerToken: 0, trustedProxies: [] },
        // Thousands of frames on one socket at machine speed: the per-socket budgets would drop or close them.
        socketLimits: {
          ...loadConfig({}).socketLimits,
          updatesPerSecond: 0,
          presencePerSecond: 0,
          refusalsBeforePause: 0,
        },
      },
    });
    board = await seedBoard(server.url);
  });
  afterAll(() => server.close());

  it('survives FUZZ_FRAMES (default 5000) seeded frames; failing seeds go to lib/fuzzRegressions.ts', async () => {
    const frames = countFromEnv('FUZZ_FRAMES', 5000);
    const start = seedFromEnv('FUZZ_SEED', 100_000);
    const report = await runFuzz(
      server,
      board,
      Array.from({ length: frames }, (_, i) => start + i),
    );
    console.info(
      `[figures] fuzz: ${JSON.stringify({ start, frames: report.frames, outcomes: report.outcomes })}`,
    );
    expect(report.failures).toEqual([]);
    expect(report.frames).toBe(frames);
  });
});
