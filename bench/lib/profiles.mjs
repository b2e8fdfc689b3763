// Load sizes per mode. `full` is the shapes scaled to a 2-core machine; `quick` validates the harness in
// a few minutes; `smoke` is the 2-second run of the test suite (our server only, one tiny fan-out).
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
    idle: { boards: 200, sockets: 2000, entries: 50, holdMs: 31_000 },
    join: { joiners: 100, sizesMb: [1, 5] },
    cold: { updates: 20_000, laterLoads: 3 },
    durability: { trials: 20, rate: 50, killAfterMs: [2000, 14_000] },
    hostile: HOSTILE,
  },
  quick: {
    rounds: 1,
    fanout: { sizes: [10, 50, 200, 500], rate: 20, warmupMs: 1000, measureMs: 5000 },
    mixed: { boards: 100, editors: 5, rate: 2, awarenessHz: 1, warmupMs: 1000, measureMs: 8000 },
    idle: { boards: 200, sockets: 2000, entries: 50, holdMs: 16_000 },
    join: { joiners: 100, sizesMb: [1, 5] },
    cold: { updates: 20_000, laterLoads: 1 },
    durability: { trials: 4, rate: 50, killAfterMs: [1500, 4000] },
    hostile: { ...HOSTILE, phaseMs: 10_000 },
  },
  smoke: {
    rounds: 1,
    fanout: { sizes: [5], rate: 20, warmupMs: 200, measureMs: 2000 },
  },
};

export const SHAPES = ['fanout', 'mixed', 'idle', 'join', 'cold', 'durability', 'hostile', 'client'];
