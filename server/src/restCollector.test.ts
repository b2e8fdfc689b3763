import { describe, expect, it } from 'vitest';
import { restDecider, v8HeapAccess } from './restCollector';

const MB = 1024 * 1024;
const options = { checkMs: 1, quietChecks: 3, quietBytes: 64 * 1024, youngBytes: 2 * MB };

/** The decider's answers for a series of readings of the used heap, the young generation at `young`. */
function decisions(used: readonly number[], young = 8 * MB): boolean[] {
  const decide = restDecider(options);
  return used.map((u) => decide({ used: u, young }));
}

describe('restDecider', () => {
  it('collects once the heap has barely grown for the given number of checks in a row', () => {
    expect(decisions([10 * MB, 10 * MB + 1000, 10 * MB + 2000, 10 * MB + 3000])).toEqual([
      false,
      false,
      false,
      true,
    ]);
  });

  it('counts growth above the threshold as work, and starts counting again', () => {
    const busy = 10 * MB + 200 * 1024;
    expect(decisions([10 * MB, 10 * MB, 10 * MB, busy, busy, busy, busy])).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
  });

  it('counts a shrinking heap (a collection ran, so something allocated) as work', () => {
    expect(decisions([10 * MB, 10 * MB, 10 * MB, 9 * MB, 9 * MB, 9 * MB])).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('leaves a small young generation alone: an idle server is collected once, not at every check', () => {
    expect(decisions([10 * MB, 10 * MB, 10 * MB, 10 * MB, 10 * MB], 1 * MB)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('after collecting, waits for a new quiet spell before collecting again', () => {
    expect(decisions(Array.from({ length: 8 }, () => 10 * MB))).toEqual([
      false,
      false,
      false,
      true,
      false,
      false,
      false,
      true,
    ]);
  });
});

describe('v8HeapAccess', () => {
  it('reads the heap and collects without exposing gc to the global scope', () => {
    const heap = v8HeapAccess();
    const { used, young } = heap.read();
    expect(used).toBeGreaterThan(0);
    expect(young).toBeGreaterThan(0);
    heap.collect();
    expect(typeof (globalThis as { gc?: unknown }).gc === 'function').toBe(
      process.execArgv.includes('--expose-gc'),
    );
  });
});
