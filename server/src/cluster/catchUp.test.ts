import { describe, expect, it } from 'vitest';
import type { Logger } from '../log';
import type { DocUpdateEntry } from './bus';
import { type CatchUpDeps, DocCatchUp, type Schedule } from './catchUp';

/** A manual clock: timers run only when the test advances it. */
function manualClock() {
  let now = 0;
  const timers = new Set<{ at: number; fn: () => void }>();
  const schedule: Schedule = (fn, ms) => {
    const timer = { at: now + ms, fn };
    timers.add(timer);
    return () => timers.delete(timer);
  };
  const advance = (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = [...timers].filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      timers.delete(due);
      now = due.at;
      due.fn();
    }
    now = end;
  };
  return { schedule, advance, pending: () => timers.size };
}

interface Read {
  readonly afterSeq: number;
  resolve(entries: readonly DocUpdateEntry[]): void;
  reject(error: Error): void;
}

const entry = (seq: number): DocUpdateEntry => ({ seq, update: new Uint8Array([seq]) });
const entries = (...seqs: number[]) => seqs.map(entry);
const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup(start = 0, options: Partial<CatchUpDeps> = {}) {
  const clock = manualClock();
  const reads: Read[] = [];
  const applied: number[][] = [];
  const logged: { level: string; msg: string }[] = [];
  const record =
    (level: string) =>
    (msg: string): void => {
      logged.push({ level, msg });
    };
  const log: Logger = {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
  const catchUp = new DocCatchUp(start, {
    docKey: 'board-1',
    listUpdates: (afterSeq) =>
      new Promise((resolve, reject) => {
        reads.push({ afterSeq, resolve, reject });
      }),
    apply: (batch) => {
      applied.push(batch.map((e) => e.seq));
    },
    log,
    schedule: clock.schedule,
    gapWaitMs: 200,
    maxRetryMs: 1000,
    ...options,
  });
  /** The database holds 1..`through`: answers the read `index` with what lies after its seq. */
  const answer = async (index: number, through: number) => {
    const read = reads[index];
    if (!read) throw new Error(`no read #${index}`);
    const seqs: number[] = [];
    for (let seq = read.afterSeq + 1; seq <= through; seq++) seqs.push(seq);
    read.resolve(entries(...seqs));
    await settle();
  };
  return { catchUp, clock, reads, applied, logged, answer };
}

describe('DocCatchUp', () => {
  it('applies new entries at once and drops duplicates', () => {
    const { catchUp, applied, clock } = setup(3);
    catchUp.receive(entries(2, 3, 4, 5));
    catchUp.receive(entries(5));
    expect(applied).toEqual([[4, 5]]);
    expect(catchUp.appliedThrough).toBe(5);
    expect(clock.pending()).toBe(0);
  });

  it('does not read when the missing entry arrives late, within the wait', () => {
    const { catchUp, applied, clock, reads } = setup(0);
    catchUp.receive(entries(1, 3));
    clock.advance(150);
    catchUp.receive(entries(2));
    clock.advance(1000);
    expect(reads).toHaveLength(0);
    expect(applied).toEqual([[1, 3], [2]]);
    expect(catchUp.appliedThrough).toBe(3);
  });

  it('reads once from the last contiguous seq when a gap stays open, applying only what is new', async () => {
    const { catchUp, applied, clock, reads, answer } = setup(0);
    catchUp.receive(entries(1, 2, 5));
    clock.advance(199);
    expect(reads).toHaveLength(0);
    clock.advance(1);
    expect(reads.map((r) => r.afterSeq)).toEqual([2]);
    await answer(0, 5);
    expect(applied).toEqual([
      [1, 2, 5],
      [3, 4],
    ]);
    expect(catchUp.appliedThrough).toBe(5);
    clock.advance(10_000);
    expect(reads).toHaveLength(1);
  });

  it('counts quarantined entries as seen, so a skipped seq does not stay a gap', async () => {
    const { catchUp, applied, clock, reads, logged } = setup(2, {
      quarantined: async (afterSeq) => [3, 4].filter((seq) => seq > afterSeq),
    });
    catchUp.receive(entries(5));
    clock.advance(200);
    reads[0]?.resolve(entries(5));
    await settle();
    expect(catchUp.appliedThrough).toBe(5);
    expect(applied).toEqual([[5]]);
    clock.advance(10_000);
    expect(reads).toHaveLength(1);
    expect(logged.filter((l) => l.level === 'warn')).toEqual([]);
  });

  it('asks for quarantined entries only when the log read leaves a gap', async () => {
    const asked: number[] = [];
    const { catchUp, clock, reads } = setup(0, {
      quarantined: async (afterSeq) => {
        asked.push(afterSeq);
        return [];
      },
    });
    catchUp.receive(entries(2));
    clock.advance(200);
    reads[0]?.resolve(entries(1, 2));
    await settle();
    expect(catchUp.appliedThrough).toBe(2);
    expect(asked).toEqual([]);
  });

  it('closes a gap with its own writes without reading', () => {
    const { catchUp, clock, reads, applied } = setup(0);
    catchUp.receive(entries(2));
    catchUp.noteOwn([1]);
    clock.advance(1000);
    expect(reads).toHaveLength(0);
    expect(applied).toEqual([[2]]);
    expect(catchUp.appliedThrough).toBe(2);
  });

  it('gives a gap that opens while an earlier one is awaited at least its own full wait', () => {
    const { catchUp, clock, reads } = setup(0);
    catchUp.receive(entries(2));
    clock.advance(150);
    catchUp.receive(entries(1));
    clock.advance(40);
    catchUp.receive(entries(4));
    // The first wait ends at 200 with its gap closed; the gap at 3 (open since 190) waits from there.
    clock.advance(10);
    expect(reads).toHaveLength(0);
    clock.advance(199);
    expect(reads).toHaveLength(0);
    clock.advance(1);
    expect(reads.map((r) => r.afterSeq)).toEqual([2]);
  });

  it('never runs two reads at once: a gap opening during a read waits for it', async () => {
    const { catchUp, clock, reads, answer, applied } = setup(0);
    catchUp.receive(entries(2));
    clock.advance(200);
    expect(reads).toHaveLength(1);
    catchUp.receive(entries(6));
    clock.advance(5000);
    expect(reads).toHaveLength(1);

    // The database had 1..2 when it was read; 6 is still not contiguous.
    await answer(0, 2);
    expect(catchUp.appliedThrough).toBe(2);
    clock.advance(200);
    expect(reads.map((r) => r.afterSeq)).toEqual([0, 2]);
    await answer(1, 6);
    expect(catchUp.appliedThrough).toBe(6);
    expect(applied).toEqual([[2], [6], [1], [3, 4, 5]]);
    clock.advance(10_000);
    expect(reads).toHaveLength(2);
  });

  it('retries a failed read with back-off, and logs it', async () => {
    const { catchUp, clock, reads, answer, logged } = setup(0);
    catchUp.receive(entries(2));
    clock.advance(200);
    reads[0]?.reject(new Error('database down'));
    await settle();
    expect(logged).toContainEqual({ level: 'warn', msg: 'cluster catch-up: reading updates failed' });
    clock.advance(399);
    expect(reads).toHaveLength(1);
    clock.advance(1);
    expect(reads).toHaveLength(2);
    await answer(1, 2);
    expect(catchUp.appliedThrough).toBe(2);
  });

  it('backs off up to the bound while the database lacks an announced update', async () => {
    const { catchUp, clock, reads, answer, logged } = setup(0);
    catchUp.receive(entries(3));
    const times: number[] = [];
    let elapsed = 0;
    for (let i = 0; i < 5; i++) {
      while (reads.length === i) {
        clock.advance(100);
        elapsed += 100;
      }
      times.push(elapsed);
      await answer(i, 0);
    }
    expect(times).toEqual([200, 600, 1400, 2400, 3400]);
    expect(logged.filter((l) => l.msg.includes('lacks updates'))).toHaveLength(5);
    expect(catchUp.appliedThrough).toBe(0);
  });

  it('reads on check() without a gap, and a check during a read reads once more after it', async () => {
    const { catchUp, reads, answer } = setup(4);
    const first = catchUp.check();
    expect(reads.map((r) => r.afterSeq)).toEqual([4]);
    const second = catchUp.check();
    const third = catchUp.check();
    await answer(0, 6);
    await first;
    expect(reads.map((r) => r.afterSeq)).toEqual([4, 6]);
    await answer(1, 7);
    await Promise.all([second, third]);
    expect(reads).toHaveLength(2);
    expect(catchUp.appliedThrough).toBe(7);
  });

  it('a timer read and a check share one read at a time', async () => {
    const { catchUp, clock, reads, answer } = setup(0);
    catchUp.receive(entries(2));
    const checked = catchUp.check();
    expect(reads).toHaveLength(1);
    clock.advance(1000);
    expect(reads).toHaveLength(1);
    await answer(0, 2);
    await checked;
    expect(catchUp.appliedThrough).toBe(2);
    clock.advance(1000);
    expect(reads).toHaveLength(1);
  });

  it('logs an apply that throws instead of throwing at the caller', () => {
    const { catchUp, logged } = setup(0, {
      apply: () => {
        throw new Error('broken document');
      },
    });
    expect(() => catchUp.receive(entries(1))).not.toThrow();
    expect(logged).toContainEqual({ level: 'error', msg: 'cluster catch-up: applying updates failed' });
  });

  it('after close(): no timers, no reads, and a running read applies nothing', async () => {
    const { catchUp, clock, reads, applied, answer } = setup(0);
    catchUp.receive(entries(2));
    clock.advance(200);
    expect(reads).toHaveLength(1);
    catchUp.close();
    await answer(0, 2);
    catchUp.receive(entries(5));
    await catchUp.check();
    clock.advance(10_000);
    expect(reads).toHaveLength(1);
    expect(applied).toEqual([[2]]);
    expect(clock.pending()).toBe(0);
  });
});
