// Load sizes per mode. `full` is the shapes scaled to a 2-core machine; `quick` validates the harness in
// a few minutes; `smoke` is the 2-second run of the test suite (our server only, one tiny fan-out; with
// `--shapes capacity` one tiny capacity step).
/**
 * Round tables (sizes drawn from `sizes`) added `stepBoards` at a time, `fineStepBoards` once a step's delivery or
 * health p99 passed half its limit; each step held `holdMs` after `warmupMs`, until a limit fails, `maxBoards`,
 * `maxSteps` or `budgetMs` (checked before each step). Per person: typing bursts of `burst` updates `gapMs` apart,
 * then a pause of `pauseMs`; a move every `moveEveryMs`; presence at `presenceHz`. Per table: a round every
 * `roundPauseMs`, each organisation's stance `stanceAfterMs` after the opening. Health is probed every `probeMs` per
 * instance, memory sampled every `memoryEveryMs`.
 */
const CAPACITY_ACTIVITY = {
  burst: [3, 8],
  gapMs: [200, 400],
  pauseMs: [3000, 15_000],
  moveEveryMs: [20_000, 60_000],
  presenceHz: 1,
  roundPauseMs: [5000, 20_000],
  stanceAfterMs: [1000, 8000],
};
const CAPACITY = {
  sizes: [5, 30],
  startBoards: 5,
  stepBoards: 10,
  fineStepBoards: 5,
  maxBoards: 300,
  warmupMs: 3000,
  holdMs: 15_000,
  probeMs: 100,
  memoryEveryMs: 500,
  budgetMs: 540_000,
  limits: { deliveryP99Ms: 100, healthP99Ms: 200, deliveredPct: 99.9 },
  activity: CAPACITY_ACTIVITY,
};

/** One board: a writer at `rate`/s, `observers`, health probed every `probeMs`; three phases of `phaseMs`. */
const HOSTILE = {
  observers: 20,
  rate: 10,
  probeMs: 50,
  warmupMs: 3000,
  phaseMs: 30_000,
  presenceFrames: 3000,
  junkBytes: 4096,
};

export const PROFILES = {
  full: {
    rounds: 3,
    fanout: { sizes: [10, 50, 200, 500], rate: 20, warmupMs: 3000, measureMs: 15_000 },
    mixed: { boards: 100, editors: 5, rate: 2, awarenessHz: 1, warmupMs: 3000, measureMs: 20_000 },
    // 31 s: two keep-alive rounds of ours (15 s), one of the y-websocket server's pings (30 s, per socket).
    // restMs: each memory reading waits this long after the burst before it (shapes/idle.mjs says why).
    idle: { boards: 200, sockets: 2000, entries: 50, holdMs: 31_000, restMs: 15_000 },
    join: { joiners: 100, sizesMb: [1, 5] },
    cold: { updates: 20_000, laterLoads: 3 },
    durability: { trials: 20, rate: 50, killAfterMs: [2000, 14_000] },
    hostile: HOSTILE,
    capacity: CAPACITY,
  },
  quick: {
    rounds: 1,
    fanout: { sizes: [10, 50, 200, 500], rate: 20, warmupMs: 1000, measureMs: 5000 },
    mixed: { boards: 100, editors: 5, rate: 2, awarenessHz: 1, warmupMs: 1000, measureMs: 8000 },
    idle: { boards: 200, sockets: 2000, entries: 50, holdMs: 16_000, restMs: 15_000 },
    join: { joiners: 100, sizesMb: [1, 5] },
    cold: { updates: 20_000, laterLoads: 1 },
    durability: { trials: 4, rate: 50, killAfterMs: [1500, 4000] },
    hostile: { ...HOSTILE, phaseMs: 10_000 },
    capacity: { ...CAPACITY, warmupMs: 2000, holdMs: 6000, budgetMs: 180_000 },
  },
  smoke: {
    rounds: 1,
    fanout: { sizes: [5], rate: 20, warmupMs: 200, measureMs: 2000 },
    // One tiny step (one table of 5): the test checks counts, never a limit.
    capacity: {
      ...CAPACITY,
      sizes: [5, 5],
      startBoards: 1,
      maxSteps: 1,
      warmupMs: 300,
      holdMs: 1500,
      activity: {
        ...CAPACITY_ACTIVITY,
        pauseMs: [100, 300],
        roundPauseMs: [100, 300],
        stanceAfterMs: [50, 200],
      },
    },
  },
};

export const SHAPES = [
  'fanout',
  'mixed',
  'idle',
  'join',
  'cold',
  'durability',
  'hostile',
  'capacity',
  'client',
];
