import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SequenceTracker } from './sequenceTracker';

describe('SequenceTracker', () => {
  it('starts applied through the loaded seq, without a gap', () => {
    const tracker = new SequenceTracker(7);
    expect(tracker.appliedThrough).toBe(7);
    expect(tracker.highestSeen).toBe(7);
    expect(tracker.hasGap).toBe(false);
    expect(tracker.missing()).toEqual([]);
  });

  it('takes the next seqs in order as new and advances', () => {
    const tracker = new SequenceTracker(0);
    expect(tracker.observe(1)).toBe('new');
    expect(tracker.observe(2)).toBe('new');
    expect(tracker.appliedThrough).toBe(2);
    expect(tracker.hasGap).toBe(false);
  });

  it('calls seqs at or below the start, and repeats, duplicates', () => {
    const tracker = new SequenceTracker(5);
    expect(tracker.observe(5)).toBe('duplicate');
    expect(tracker.observe(1)).toBe('duplicate');
    expect(tracker.observe(6)).toBe('new');
    expect(tracker.observe(6)).toBe('duplicate');
    expect(tracker.observe(9)).toBe('new');
    expect(tracker.observe(9)).toBe('duplicate');
  });

  it('reports a gap with its missing seqs until they arrive', () => {
    const tracker = new SequenceTracker(2);
    expect(tracker.observe(5)).toBe('new');
    expect(tracker.observe(7)).toBe('new');
    expect(tracker.appliedThrough).toBe(2);
    expect(tracker.highestSeen).toBe(7);
    expect(tracker.hasGap).toBe(true);
    expect(tracker.missing()).toEqual([3, 4, 6]);

    expect(tracker.observe(3)).toBe('new');
    expect(tracker.appliedThrough).toBe(3);
    expect(tracker.missing()).toEqual([4, 6]);

    expect(tracker.observe(4)).toBe('new');
    expect(tracker.appliedThrough).toBe(5);
    expect(tracker.missing()).toEqual([6]);

    expect(tracker.observe(6)).toBe('new');
    expect(tracker.appliedThrough).toBe(7);
    expect(tracker.hasGap).toBe(false);
    expect(tracker.missing()).toEqual([]);
  });

  it('refuses seqs that are not positive integers, and a negative start', () => {
    const tracker = new SequenceTracker(0);
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => tracker.observe(bad)).toThrow(RangeError);
    }
    expect(() => new SequenceTracker(-1)).toThrow(RangeError);
    expect(tracker.appliedThrough).toBe(0);
  });

  it('in any order and with repeats: each seq is new once, and the state matches the seen set', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 80 }),
        (start, seqs) => {
          const tracker = new SequenceTracker(start);
          const seen = new Set<number>();
          for (const seq of seqs) {
            const expected = seq <= start || seen.has(seq) ? 'duplicate' : 'new';
            expect(tracker.observe(seq)).toBe(expected);
            if (seq > start) seen.add(seq);
          }
          let through = start;
          while (seen.has(through + 1)) through += 1;
          const highest = Math.max(start, ...seen);
          const missing: number[] = [];
          for (let seq = through + 1; seq < highest; seq++) if (!seen.has(seq)) missing.push(seq);

          expect(tracker.appliedThrough).toBe(through);
          expect(tracker.highestSeen).toBe(highest);
          expect(tracker.hasGap).toBe(highest > through);
          expect(tracker.missing()).toEqual(missing);
        },
      ),
    );
  });

  it('ends without a gap after every seq of a range arrived, in any order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }).chain((n) =>
          fc.shuffledSubarray(
            Array.from({ length: n }, (_, i) => i + 1),
            { minLength: n },
          ),
        ),
        (order) => {
          const tracker = new SequenceTracker(0);
          for (const seq of order) tracker.observe(seq);
          expect(tracker.appliedThrough).toBe(order.length);
          expect(tracker.hasGap).toBe(false);
        },
      ),
    );
  });
});
