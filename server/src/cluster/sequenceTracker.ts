export type Observation = 'new' | 'duplicate';

/**
 * Which of a document's sequence numbers an instance has applied. Updates may arrive out of order (two
 * instances' stream writes interleave) and twice (from the bus and from a catch-up read); Yjs applies them in
 * any order, so the tracker only has to say which ones are new and whether any lower one is still missing.
 */
export class SequenceTracker {
  private through: number;
  /** Seen seqs above `through`; never contains `through + 1` (it would have been absorbed). */
  private readonly ahead = new Set<number>();
  private highest: number;

  /** `start`: the seq the room loaded through (everything up to it is applied). */
  constructor(start: number) {
    assertSeq(start, 0);
    this.through = start;
    this.highest = start;
  }

  observe(seq: number): Observation {
    assertSeq(seq, 1);
    if (seq <= this.through || this.ahead.has(seq)) return 'duplicate';
    this.ahead.add(seq);
    if (seq > this.highest) this.highest = seq;
    while (this.ahead.delete(this.through + 1)) this.through += 1;
    return 'new';
  }

  /** Highest seq with every lower one seen: the point to catch up from. */
  get appliedThrough(): number {
    return this.through;
  }

  /** Highest seq seen at all. */
  get highestSeen(): number {
    return this.highest;
  }

  get hasGap(): boolean {
    return this.ahead.size > 0;
  }

  /** The seqs between `appliedThrough` and `highestSeen` not seen yet, ascending. */
  missing(): number[] {
    const result: number[] = [];
    for (let seq = this.through + 1; seq < this.highest; seq++) {
      if (!this.ahead.has(seq)) result.push(seq);
    }
    return result;
  }
}

/** Seqs come from the database through validated bus messages; anything else is a programming error. */
function assertSeq(seq: number, min: number): void {
  if (!Number.isSafeInteger(seq) || seq < min) throw new RangeError(`Invalid sequence number: ${seq}`);
}
