import v8 from 'node:v8';

/** What one process's memory did while watched, in MiB (one decimal). */
export interface MemoryFigures {
  /**
   * Highest V8 heap in use, garbage included: the heap just before each collection (the moment it is fullest,
   * exact from V8's GC profiler) and sampled between collections.
   */
  readonly heapPeakMiB: number;
  /**
   * Highest heap left after a full (mark-compact) collection: what the process really held at its fullest. The
   * difference to `heapPeakMiB` is garbage V8 had not collected yet.
   */
  readonly heapLivePeakMiB: number;
  /** Highest heap V8 had reserved (committed) from the system, in use or not. */
  readonly heapCommittedPeakMiB: number;
  /** Highest memory outside the V8 heap held by ArrayBuffers and Buffers (updates, socket frames), sampled. */
  readonly arrayBuffersPeakMiB: number;
  /** The process's resident set high-water mark, as the kernel counts it (getrusage: exact, not sampled). */
  readonly rssPeakMiB: number;
  /** Collections seen, by kind (Scavenge, MarkSweepCompact, …). */
  readonly collections: Readonly<Record<string, number>>;
}

export interface MemoryWatch {
  read(): MemoryFigures;
  stop(): MemoryFigures;
}

const MIB = 1024 * 1024;
const mib = (bytes: number): number => Math.round((bytes / MIB) * 10) / 10;

/**
 * Watches this process's memory until stopped. V8's GCProfiler hands over the heap before and after every
 * collection, so the peak is exact, not a sample that may fall after a collection; it keeps what it saw until
 * stopped, so it is restarted every `everyMs` to stay small (a few KB per collection).
 */
export function watchMemory(everyMs = 250): MemoryWatch {
  let heapPeak = 0;
  let heapLivePeak = 0;
  let committedPeak = 0;
  let arrayBuffersPeak = 0;
  const collections: Record<string, number> = {};
  let profiler = new v8.GCProfiler();
  profiler.start();

  const drain = (): void => {
    for (const gc of profiler.stop().statistics) {
      collections[gc.gcType] = (collections[gc.gcType] ?? 0) + 1;
      heapPeak = Math.max(heapPeak, gc.beforeGC.heapStatistics.usedHeapSize);
      committedPeak = Math.max(committedPeak, gc.beforeGC.heapStatistics.totalHeapSize);
      if (gc.gcType === 'MarkSweepCompact')
        heapLivePeak = Math.max(heapLivePeak, gc.afterGC.heapStatistics.usedHeapSize);
    }
  };
  const sample = (): void => {
    const memory = process.memoryUsage();
    heapPeak = Math.max(heapPeak, memory.heapUsed);
    committedPeak = Math.max(committedPeak, memory.heapTotal);
    arrayBuffersPeak = Math.max(arrayBuffersPeak, memory.arrayBuffers);
  };
  const tick = (): void => {
    sample();
    drain();
    profiler = new v8.GCProfiler();
    profiler.start();
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();

  const figures = (): MemoryFigures => ({
    heapPeakMiB: mib(heapPeak),
    heapLivePeakMiB: mib(heapLivePeak),
    heapCommittedPeakMiB: mib(committedPeak),
    arrayBuffersPeakMiB: mib(arrayBuffersPeak),
    // maxRSS is in KiB on every platform Node supports.
    rssPeakMiB: mib(process.resourceUsage().maxRSS * 1024),
    collections: { ...collections },
  });
  return {
    read: () => {
      tick();
      return figures();
    },
    stop: () => {
      clearInterval(timer);
      sample();
      drain();
      return figures();
    },
  };
}
