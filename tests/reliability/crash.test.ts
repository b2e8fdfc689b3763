import { describe, expect, it } from 'vitest';
import { runCrashCycles } from './lib/crash';
import { countFromEnv, seedFromEnv } from './lib/random';

describe('crash durability', () => {
  it('keeps every received edit and accepted stance over RELIABILITY_KILLS (default 50) SIGKILLs', async () => {
    const kills = countFromEnv('RELIABILITY_KILLS', 50);
    const seed = seedFromEnv('CRASH_SEED', 2027);
    const report = await runCrashCycles({ kills, seed });
    console.info(`[figures] crash: ${JSON.stringify({ seed, ...report })}`);
    expect(report.kills).toBe(kills);
    expect(report.editsVerified).toBeGreaterThan(0);
    expect(report.stancesVerified).toBeGreaterThan(0);
  });
});
