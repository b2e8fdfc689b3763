// Whole-run figures from the rounds: the median of each percentile (and of each other number) across rounds.
import { median, medianSummary } from './util.mjs';

/** Where a fan-out's time goes: the server's own part (single instance only) and the load generator's reading. */
const FANOUT_PARTS = ['serverInToLastOut', 'generatorReadSpan'];

const medianOf = (objects, pick) => median(objects.map(pick));

/** Median CPU per update over rounds: our server's processes, PostgreSQL's backends, Redis (null: none). */
const cpuPerUpdate = (rounds) => ({
  cpuUsPerUpdate: medianOf(rounds, (r) => r.cpuUsPerUpdate),
  postgresCpuUsPerUpdate: medianOf(rounds, (r) => r.postgresCpuUsPerUpdate),
  redisCpuUsPerUpdate: medianOf(rounds, (r) => r.redisCpuUsPerUpdate),
});

export function aggregate(results) {
  const out = {};
  const shapes = results.shapes;
  if (shapes.fanout) {
    out.fanout = {};
    for (const [name, rounds] of Object.entries(shapes.fanout)) {
      out.fanout[name] = rounds[0].rows.map((row, i) => ({
        observers: row.observers,
        latency: medianSummary(rounds.map((r) => r.rows[i].latency)),
        deliveredPct: medianOf(rounds, (r) => (100 * r.rows[i].delivered) / Math.max(1, r.rows[i].expected)),
        serverCpuPct: medianOf(rounds, (r) => r.rows[i].serverCpuPct),
        ...cpuPerUpdate(rounds.map((r) => r.rows[i])),
        ...Object.fromEntries(
          FANOUT_PARTS.filter((key) => row[key]).map((key) => [
            key,
            medianSummary(rounds.map((r) => r.rows[i][key])),
          ]),
        ),
        ...(row.latencyByInstance
          ? {
              latencyByInstance: row.latencyByInstance.map((_, k) =>
                medianSummary(rounds.map((r) => r.rows[i].latencyByInstance[k])),
              ),
            }
          : {}),
      }));
    }
  }
  if (shapes.mixed) {
    out.mixed = {};
    for (const [name, rounds] of Object.entries(shapes.mixed)) {
      out.mixed[name] = {
        latency: medianSummary(rounds.map((r) => r.latency)),
        deliveredPct: medianOf(rounds, (r) => (100 * r.delivered) / Math.max(1, r.expected)),
        ...cpuPerUpdate(rounds),
        ...(rounds[0].latencyCrossInstance
          ? {
              latencySameInstance: medianSummary(rounds.map((r) => r.latencySameInstance)),
              latencyCrossInstance: medianSummary(rounds.map((r) => r.latencyCrossInstance)),
            }
          : {}),
        serverCpuPct: medianOf(rounds, (r) => r.serverCpuPct),
        loopP99: medianOf(rounds, (r) => r.loop.p99),
        generatorLoopP99: medianOf(rounds, (r) => r.generator?.loopP99),
        sent: medianOf(rounds, (r) => r.sent),
      };
    }
  }
  if (shapes.idle) {
    out.idle = {};
    for (const [name, rounds] of Object.entries(shapes.idle)) {
      out.idle[name] = medianSummary(rounds);
    }
  }
  for (const key of ['join', 'cold', 'durability', 'hostile', 'capacity', 'client']) {
    if (!shapes[key]) continue;
    out[key] = Object.fromEntries(Object.entries(shapes[key]).map(([name, rounds]) => [name, rounds[0]]));
  }
  return out;
}
