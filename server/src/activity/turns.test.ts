import { describe, expect, it } from 'vitest';
import { ReplayStats, SLICE_ITEMS, Turns } from './turns';

describe('Turns', () => {
  it('takes one slice of SLICE_ITEMS at most at a time, the waiting replays in turn', async () => {
    const turns = new Turns(new ReplayStats());
    const trace: string[] = [];
    const items = Array.from({ length: SLICE_ITEMS * 3 }, (_, i) => i);
    const job = (name: string) => turns.sliced(items, () => trace.push(name));
    await Promise.all([job('a'), job('b')]);
    // Runs of one replay's items: each at most a slice, the two replays alternating.
    const runs: { name: string; length: number }[] = [];
    for (const name of trace) {
      const last = runs.at(-1);
      if (last?.name === name) last.length++;
      else runs.push({ name, length: 1 });
    }
    expect(trace).toHaveLength(items.length * 2);
    expect(runs.every((run) => run.length <= SLICE_ITEMS)).toBe(true);
    expect(runs.map((run) => run.name).join('')).toMatch(/^(ab)+$/);
    expect(turns.stats.slices).toBe(runs.length);
  });
});
