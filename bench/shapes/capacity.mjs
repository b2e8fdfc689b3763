// Capacity (our server only: the anchors have no rounds): how many concurrent round tables one server holds. Round
// tables (lib/roundTable.mjs, 5–30 people each, sizes from the seeded PRNG) are added step by step while the earlier
// ones keep working; each step is held after a warm-up, measuring delivery latency of the typed updates (stamps),
// GET /api/health on every instance, and the server's CPU and memory (servers/probe.mjs). The run stops at the first
// step that fails a limit; "round tables held" is the last step that passed. CPU and memory per round table are the
// least-squares slopes over the measured steps. At the end the server stops cleanly and the stored bytes are divided
// by the updates the clients sent: the disk a round table costs per hour of this activity.
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { cpuBetween } from '../lib/cluster.mjs';
import { cpuTimes, stealPct } from '../lib/machine.mjs';
import { stamp } from '../lib/marker.mjs';
import { setUpRoundTable, stopRoundTable } from '../lib/roundTable.mjs';
import { fit, projectTables } from '../lib/slopes.mjs';
import { rng, sleep, summarize } from '../lib/util.mjs';

const MB = 2 ** 20;
const GENERATOR_BOUND_PCT = 85;
const round1 = (x) => Math.round(x * 10) / 10;
const round3 = (x) => Math.round(x * 1000) / 1000;

export async function capacity(contender, env, cfg) {
  const dataDir = env.newDataDir();
  const server = await env.start(contender, dataDir);
  const emptyBytes = await storedBytes(contender, dataDir);
  const tables = [];
  let outcome;
  try {
    outcome = await measure(server, cfg, env.seed, tables, env.log);
  } finally {
    for (const table of tables) stopRoundTable(table);
    await server.stop('SIGTERM');
  }
  const stored = await storedBytes(contender, dataDir);
  const updates = outcome.counts.updates;
  const bytesPerUpdate = updates > 0 ? Math.round((stored - emptyBytes) / updates) : null;
  const updatesPerTableHour = outcome.tableSeconds > 0 ? (updates / outcome.tableSeconds) * 3600 : null;
  return {
    ...outcome,
    storedBytes: stored,
    emptyStoreBytes: emptyBytes,
    bytesPerUpdate,
    updatesPerTableHour: updatesPerTableHour === null ? null : Math.round(updatesPerTableHour),
    storedMbPerTableHour:
      bytesPerUpdate === null || updatesPerTableHour === null
        ? null
        : round3((bytesPerUpdate * updatesPerTableHour) / MB),
  };
}

async function measure(server, cfg, seed, tables, log = () => {}) {
  // Sizes from a PRNG of their own: every engine gets the same tables, however the activity draws interleave.
  const sizeRandom = rng(seed);
  const instances = server.ports?.length ?? 1;
  const ports = server.ports ?? [server.port];
  const startedAt = performance.now();
  // Per stamped update: its sender, the step whose hold it was sent in, and its board's receivers.
  const senderOf = [];
  const stepOf = [];
  let nextSeq = 0;
  let measuring = null;
  const counts = { updates: 0, moves: 0, presence: 0, rounds: 0, stances: 0, apiErrors: 0 };
  const firstErrors = [];
  const hooks = {
    stamp(client) {
      counts.updates++;
      if (!measuring) return stamp(-1);
      const seq = nextSeq++;
      senderOf[seq] = client;
      stepOf[seq] = measuring;
      measuring.sent++;
      measuring.expected += client.table.receivers;
      return stamp(seq);
    },
    delivered(client, seq, sentAt, at) {
      const step = stepOf[seq];
      const sender = senderOf[seq];
      if (!step || sender === client) return;
      const ms = at - sentAt;
      step.latencies.push(ms);
      if (instances > 1) (sender.instance === client.instance ? step.same : step.cross).push(ms);
    },
    counted(what) {
      counts[what]++;
      if (what === 'moves') counts.updates++;
      if (measuring && what in measuring.counts) measuring.counts[what]++;
    },
    async timedApi(call) {
      const step = measuring;
      const start = performance.now();
      const result = await call();
      step?.api.push(performance.now() - start);
      return result;
    },
    failed(error) {
      counts.apiErrors++;
      if (measuring) measuring.apiErrors++;
      if (firstErrors.length < 5) firstErrors.push(error.message.slice(0, 300));
    },
  };
  const health = probeHealth(ports, cfg.probeMs, () => measuring);
  const memory = sampleMemory(server, cfg.memoryEveryMs);

  const steps = [];
  let stoppedBy = null;
  let tableSeconds = 0;
  let lastTick = performance.now();
  const tick = () => {
    const now = performance.now();
    tableSeconds += (tables.length * (now - lastTick)) / 1000;
    lastTick = now;
  };
  try {
    for (let s = 0; ; s++) {
      const boards = s === 0 ? cfg.startBoards : tables.length + stepAfter(steps.at(-1), cfg);
      if (boards > cfg.maxBoards) {
        stoppedBy = `reached ${cfg.maxBoards} round tables, the most this mode adds`;
        break;
      }
      if (cfg.maxSteps && s >= cfg.maxSteps) {
        stoppedBy = `${cfg.maxSteps} step(s), the most this mode runs`;
        break;
      }
      if (performance.now() - startedAt > cfg.budgetMs) {
        stoppedBy = `time budget of ${cfg.budgetMs / 1000} s used up`;
        break;
      }
      const setupStart = performance.now();
      while (tables.length < boards) {
        const size = cfg.sizes[0] + Math.floor(sizeRandom() * (cfg.sizes[1] - cfg.sizes[0] + 1));
        tick();
        tables.push(
          await setUpRoundTable(server, {
            index: tables.length,
            size,
            random: rng(seed + 1 + tables.length),
            activity: cfg.activity,
            hooks,
          }),
        );
      }
      const setupMs = performance.now() - setupStart;
      await sleep(cfg.warmupMs);
      const step = newStep(tables, instances);
      const before = await server.stats({ resetLoop: true });
      const bytesBefore = bytesReceived(tables);
      const generatorLoop = monitorEventLoopDelay({ resolution: 1 });
      generatorLoop.enable();
      const generatorCpu = process.cpuUsage();
      const machineBefore = cpuTimes();
      memory.take();
      const holdStart = performance.now();
      measuring = step;
      await sleep(cfg.holdMs);
      measuring = null;
      const heldMs = performance.now() - holdStart;
      const generatorUsed = process.cpuUsage(generatorCpu);
      const stolen = stealPct(machineBefore, cpuTimes());
      generatorLoop.disable();
      const after = await server.stats();
      const peak = memory.take();
      const bytesDuring = bytesReceived(tables) - bytesBefore;
      // Stragglers get up to 2 s (the load goes on meanwhile, unmeasured), then count as undelivered.
      const drainUntil = performance.now() + 2000;
      while (step.latencies.length < step.expected && performance.now() < drainUntil) await sleep(10);
      // RSS with garbage collected, between steps (outside any hold): what the round tables hold, not what waits.
      const collected = await server.stats({ gc: true });
      tick();
      const healthFigures = await health.take(step);
      const figures = stepFigures(step, {
        before,
        after,
        collected,
        heldMs,
        setupMs,
        bytesDuring,
        generatorUsed,
        generatorLoop,
        instances,
        health: healthFigures,
        peak,
        stolen,
      });
      const failures = limitsFailed(figures, cfg.limits);
      figures.passed = failures.length === 0;
      figures.failures = failures;
      steps.push(figures);
      log(
        `    capacity ${figures.boards} tables (${figures.participants} people): delivery p99 ${figures.latency.p99} ms, ` +
          `${figures.deliveredPct} % delivered, health p99 ${figures.health.p99} ms, server CPU ${figures.serverCpuPct} %, ` +
          `generator CPU ${figures.generator.cpuPct} %, steal ${figures.stealPct ?? '–'} %${failures.length ? ` — stop: ${failures.join('; ')}` : ''}`,
      );
      if (failures.length > 0) {
        stoppedBy = failures.join('; ');
        break;
      }
    }
  } finally {
    tick();
    await health.stop();
    await memory.stop();
  }
  const passed = steps.filter((step) => step.passed);
  const held = passed.at(-1) ?? null;
  const failed = steps.find((step) => !step.passed);
  return {
    limits: cfg.limits,
    sizes: cfg.sizes,
    stepBoards: cfg.stepBoards,
    fineStepBoards: cfg.fineStepBoards,
    warmupMs: cfg.warmupMs,
    holdMs: cfg.holdMs,
    activity: cfg.activity,
    instances,
    held: held?.boards ?? 0,
    heldParticipants: held?.participants ?? 0,
    stoppedBy,
    // The load generator near its core's limit at the failed step: the tail may be its, the figure a lower bound.
    generatorBound: (failed?.generator.cpuPct ?? 0) >= GENERATOR_BOUND_PCT,
    steps,
    perTable: perTable(steps, held, instances),
    // The most the server held at once over the whole run, setup and GC pauses included (sampled).
    peakRssMb: round1(memory.peak.rss / MB),
    peakHeapMb: round1(memory.peak.heapUsed / MB),
    counts,
    firstErrors,
    tableSeconds: Math.round(tableSeconds),
    runMs: Math.round(performance.now() - startedAt),
  };
}

function newStep(tables, instances) {
  return {
    boards: tables.length,
    participants: tables.reduce((sum, t) => sum + t.size, 0),
    sockets: tables.reduce((sum, t) => sum + t.clients.length + t.recordClients.length, 0),
    sent: 0,
    expected: 0,
    latencies: [],
    same: instances > 1 ? [] : null,
    cross: instances > 1 ? [] : null,
    api: [],
    apiErrors: 0,
    counts: { moves: 0, presence: 0, rounds: 0, stances: 0 },
  };
}

const bytesReceived = (tables) =>
  tables.reduce((sum, t) => sum + [...t.clients, ...t.recordClients].reduce((s, c) => s + c.bytesIn, 0), 0);

function stepFigures(step, m) {
  const seconds = m.heldMs / 1000;
  const cpu = cpuBetween(m.before, m.after);
  // µs of CPU over the hold as % of one core.
  const pctOfCore = (us) => (us === null ? null : round1(us / 10 / m.heldMs));
  const perInstance =
    m.instances > 1
      ? m.after.instances.map((a, k) => {
          const b = m.before.instances[k];
          return {
            cpuPct: pctOfCore(a.cpu.user + a.cpu.system - b.cpu.user - b.cpu.system),
            rssMb: round1(a.rss / MB),
            rssAfterGcMb: round1(m.collected.instances[k].rss / MB),
            heapAfterGcMb: round1(m.collected.instances[k].heapUsed / MB),
            loopP99: a.loop.p99,
            health: m.health.byInstance[k],
          };
        })
      : null;
  const generatorCpuMs = (m.generatorUsed.user + m.generatorUsed.system) / 1000;
  return {
    boards: step.boards,
    participants: step.participants,
    sockets: step.sockets,
    setupMs: Math.round(m.setupMs),
    heldMs: Math.round(m.heldMs),
    sent: step.sent,
    updatesPerSecond: round1(step.sent / seconds),
    expected: step.expected,
    delivered: step.latencies.length,
    deliveredPct: Math.round((10_000 * step.latencies.length) / Math.max(1, step.expected)) / 100,
    latency: summarize(step.latencies),
    ...(step.same
      ? { latencySameInstance: summarize(step.same), latencyCrossInstance: summarize(step.cross) }
      : {}),
    health: m.health.all,
    api: { ...summarize(step.api), errors: step.apiErrors },
    counts: step.counts,
    serverMbPerSecond: round3(m.bytesDuring / MB / seconds),
    serverCpuPct: pctOfCore(cpu.server),
    postgresCpuPct: pctOfCore(cpu.postgres),
    redisCpuPct: pctOfCore(cpu.redis),
    rssMb: round1(m.after.rss / MB),
    heapUsedMb: round1(m.after.heapUsed / MB),
    peakRssMb: round1(m.peak.rss / MB),
    peakHeapMb: round1(m.peak.heapUsed / MB),
    rssAfterGcMb: round1(m.collected.rss / MB),
    heapAfterGcMb: round1(m.collected.heapUsed / MB),
    loopP99: m.after.loop.p99,
    stealPct: m.stolen,
    // One long block (a GC, a synchronous write) hides in the p99 of 1 ms samples; the max shows it.
    loopMax: m.after.loop.max,
    // PostgreSQL over the hold, where the server handle observes it (lib/cluster.mjs): results.json only.
    ...(m.after.postgres ? { postgresWindow: m.after.postgres } : {}),
    perInstance,
    generator: {
      cpuPct: round1((generatorCpuMs / m.heldMs) * 100),
      loopP99: Math.round(m.generatorLoop.percentile(99) / 1e4) / 100,
    },
  };
}

/** Why a step fails (empty when it passes): delivery p99 and % delivered, health p99 on the worst instance. */
function limitsFailed(figures, limits) {
  const out = [];
  if (figures.latency.n === 0) out.push('nothing delivered');
  else if (figures.latency.p99 > limits.deliveryP99Ms)
    out.push(`delivery p99 ${figures.latency.p99} ms > ${limits.deliveryP99Ms} ms`);
  if (figures.deliveredPct < limits.deliveredPct)
    out.push(`${figures.deliveredPct} % delivered < ${limits.deliveredPct} %`);
  if (figures.health.failed > 0) out.push(`${figures.health.failed} health requests failed`);
  if (worstHealth(figures) > limits.healthP99Ms)
    out.push(`health p99 ${worstHealth(figures)} ms > ${limits.healthP99Ms} ms`);
  return out;
}

/**
 * CPU (% of one core) and memory (MB) per round table: the slopes over every measured step (the failed one too: a
 * step that missed a latency limit still measured what its round tables cost), with the intercept (what the server
 * uses with no round table). On a cluster also per instance, and what that projects for instances on cores of their
 * own: each could then run up to the CPU the pair shared on one core at the last passed step (`held`).
 */
function perTable(steps, held, instances) {
  const over = (pick) => fit(steps.map((s) => [s.boards, pick(s)]));
  const out = {
    serverCpuPct: over((s) => s.serverCpuPct),
    postgresCpuPct: over((s) => s.postgresCpuPct),
    redisCpuPct: over((s) => s.redisCpuPct),
    rssMb: over((s) => s.rssMb),
    rssAfterGcMb: over((s) => s.rssAfterGcMb),
    heapAfterGcMb: over((s) => s.heapAfterGcMb),
  };
  if (instances > 1 && steps.length > 0) {
    out.perInstance = Array.from({ length: instances }, (_, k) => ({
      cpuPct: over((s) => s.perInstance[k].cpuPct),
      rssAfterGcMb: over((s) => s.perInstance[k].rssAfterGcMb),
    }));
    const sharedCpu = held?.serverCpuPct;
    out.projectedOwnCores = typeof sharedCpu === 'number' ? projectTables(out.perInstance, sharedCpu) : null;
  }
  return out;
}

/**
 * How many round tables the next step adds: `stepBoards` while the last step stayed under half of every latency
 * limit, `fineStepBoards` once it came closer, so the steps are fine where the figure is decided.
 */
function stepAfter(last, cfg) {
  const near =
    (last.latency.p99 ?? 0) > cfg.limits.deliveryP99Ms / 2 || worstHealth(last) > cfg.limits.healthP99Ms / 2;
  return near ? cfg.fineStepBoards : cfg.stepBoards;
}

const worstHealth = (figures) =>
  Math.max(figures.health.p99 ?? 0, ...(figures.perInstance ?? []).map((i) => i.health.p99 ?? 0));

/**
 * The server's RSS and heap every `everyMs` (probe stats over IPC, no GC): the highest since the last `take()`, and
 * over the whole run in `peak`. On a cluster the processes' figures add up, as in every other shape.
 */
function sampleMemory(server, everyMs) {
  const zero = () => ({ rss: 0, heapUsed: 0 });
  let since = zero();
  const peak = zero();
  let sampling = Promise.resolve();
  const note = (stats) => {
    for (const key of ['rss', 'heapUsed']) {
      since[key] = Math.max(since[key], stats[key]);
      peak[key] = Math.max(peak[key], stats[key]);
    }
  };
  // Each process's own probe, not the server handle's stats: on PostgreSQL that call also closes the measured
  // window of the PostgreSQL observer (lib/cluster.mjs), which belongs to the hold.
  const processes = server.instances ?? [server];
  const timer = setInterval(() => {
    sampling = Promise.all(processes.map((p) => p.stats()))
      .then((all) =>
        note({
          rss: all.reduce((sum, x) => sum + x.rss, 0),
          heapUsed: all.reduce((sum, x) => sum + x.heapUsed, 0),
        }),
      )
      .catch(() => {});
  }, everyMs);
  return {
    peak,
    take() {
      const out = since;
      since = zero();
      return out;
    },
    async stop() {
      clearInterval(timer);
      await sampling;
    },
  };
}

/**
 * GET /api/health on every instance every `everyMs`, on its schedule (not waiting for the last answer); answers to
 * requests started during a hold go to that step.
 */
function probeHealth(ports, everyMs, stepNow) {
  const pending = new Set();
  const byStep = new Map();
  const timer = setInterval(() => {
    const step = stepNow();
    ports.forEach((port, k) => {
      const start = performance.now();
      const request = fetch(`http://127.0.0.1:${port}/api/health`)
        .then(async (response) => {
          await response.arrayBuffer();
          if (!step) return;
          const samples = byStep.get(step) ?? { all: [], byInstance: ports.map(() => []), failed: 0 };
          byStep.set(step, samples);
          if (response.status === 200) {
            samples.all.push(performance.now() - start);
            samples.byInstance[k].push(performance.now() - start);
          } else samples.failed++;
        })
        .catch(() => {
          if (!step) return;
          const samples = byStep.get(step) ?? { all: [], byInstance: ports.map(() => []), failed: 0 };
          byStep.set(step, samples);
          samples.failed++;
        })
        .finally(() => pending.delete(request));
      pending.add(request);
    });
  }, everyMs);
  return {
    /** The step's figures; requests still in flight are awaited first. */
    async take(step) {
      await Promise.all(pending);
      const samples = byStep.get(step) ?? { all: [], byInstance: ports.map(() => []), failed: 0 };
      byStep.delete(step);
      return {
        all: { ...summarize(samples.all), failed: samples.failed },
        byInstance: samples.byInstance.map((values) => summarize(values)),
      };
    },
    async stop() {
      clearInterval(timer);
      await Promise.all(pending);
    },
  };
}

/**
 * What the server has stored: PostgreSQL's tables with their indexes, or the files of the data directory (SQLite:
 * after a clean stop its WAL is checkpointed into the file; while it runs, file and WAL together, an upper bound,
 * which is what the empty store's reading at the start is). The shared-memory index (-shm) is no data.
 */
async function storedBytes(contender, dataDir) {
  if (contender.storedBytes) return contender.storedBytes(dataDir);
  let total = 0;
  for (const entry of fs.readdirSync(dataDir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && !entry.name.endsWith('-shm'))
      total += fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).size;
  }
  return total;
}
