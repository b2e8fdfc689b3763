import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Gives the young generation back once the server has gone quiet (issue 28, memory at rest).
 *
 * A burst of work (start-up, a wave of requests or joins) makes V8 grow its young generation up to 2 × 16 MB, and V8
 * shrinks it only in a full collection that finds the allocation rate low. V8's memory reducer would run such
 * collections, but it takes a steady trickle of edits for idleness and collected in the middle of them, so the server
 * runs with `--no-memory-reducer` (docs/scaling.md). Without it nothing ever collects an idle server: it held 89 MB
 * 30 s after a burst, against 73 MB with the reducer. This collector does the reducer's job with a stricter test:
 * the heap must have grown by less than `quietBytes` in each of `quietChecks` checks in a row (no collection either:
 * a collection makes the used heap shrink). One writer at 20 updates/s with 10 observers allocates about 900 KB/s
 * and is never taken for rest; an idle server about 20–60 KB/s. And it collects only while the young generation
 * holds more than `youngBytes`: the collection shrinks it, so an idle server is collected once after a burst, not at
 * every check, and a trickle taken for rest costs at most that one collection (10–25 ms on this heap).
 */
export interface RestCollectorOptions {
  /** How often the heap is read; the timer does not keep the process alive. */
  readonly checkMs: number;
  /** Checks in a row with the heap growing by less than `quietBytes` before the server counts as at rest. */
  readonly quietChecks: number;
  readonly quietBytes: number;
  /** Young-generation pages in memory above which a collection at rest is worth its pause. */
  readonly youngBytes: number;
}

/** What the collector reads and does, apart from the clock: V8's own unless a test gives its own. */
export interface HeapAccess {
  /** Bytes in use on the heap, and bytes of the young generation's pages in memory. */
  read(): { readonly used: number; readonly young: number };
  /** A full collection, which shrinks the young generation when the allocation rate has been low. */
  collect(): void;
}

/** Every 2 s; 4 quiet checks = 8 s under 128 KB/s of allocation, longer than V8's 5 s allocation-rate window. */
export const REST_COLLECTOR_DEFAULTS: RestCollectorOptions = {
  checkMs: 2_000,
  quietChecks: 4,
  quietBytes: 256 * 1024,
  youngBytes: 2 * 1024 * 1024,
};

/** The decision alone, one call per check: true = collect now. */
export function restDecider(
  options: RestCollectorOptions,
): (heap: { used: number; young: number }) => boolean {
  let last: number | null = null;
  let quiet = 0;
  return ({ used, young }) => {
    const grown = last === null ? Number.POSITIVE_INFINITY : used - last;
    last = used;
    quiet = grown >= 0 && grown < options.quietBytes ? quiet + 1 : 0;
    if (quiet < options.quietChecks || young <= options.youngBytes) return false;
    quiet = 0;
    // The collection frees garbage: the next reading starts from the collected heap.
    last = null;
    return true;
  };
}

/** V8's heap, with a `gc` function from a fresh context: the server's own global scope never gets one. */
export function v8HeapAccess(): HeapAccess {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return {
    read: () => ({
      used: getHeapStatistics().used_heap_size,
      young:
        getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.physical_space_size ?? 0,
    }),
    collect: gc,
  };
}

export function startRestCollector(
  heap: HeapAccess = v8HeapAccess(),
  options: RestCollectorOptions = REST_COLLECTOR_DEFAULTS,
): { stop: () => void } {
  const decide = restDecider(options);
  const timer = setInterval(() => {
    if (decide(heap.read())) heap.collect();
  }, options.checkMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
