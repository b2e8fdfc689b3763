import { describe, expect, it } from 'vitest';
import { runCrashCycles } from '../reliability/lib/crash';
import { seedFromEnv } from '../reliability/lib/random';

/** The fast subset of crash durability: 3 seeded SIGKILLs (tests/reliability runs 50). */
describe('crash durability (fast subset)', () => {
  it('keeps every received edit and accepted stance over 3 SIGKILLs; clients converge', async () => {
    const report = await runCrashCycles({ kills: 3, seed: seedFromEnv('CRASH_SEED', 8) });
    expect(report.kills).toBe(3);
    expect(report.editsVerified).toBeGreaterThan(0);
    expect(report.stancesVerified).toBeGreaterThan(0);
  }, 90_000);
});
