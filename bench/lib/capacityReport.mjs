// The capacity shape in results.md: round tables held per engine, the figures at the last passed step, CPU and
// memory per round table (slopes over the measured steps), what that means per 100 round tables, and every step.
import { projectTables } from './slopes.mjs';

const ENGINES = ['ours', 'ours-pg', 'ours-pg-redis'];
const LABELS = {
  ours: 'SQLite',
  'ours-pg': 'PostgreSQL',
  'ours-pg-redis': 'PostgreSQL + Redis, 2 instances',
};
/** Hours a round table works on its board per month for the disk estimate: a 2-hour meeting every week. */
export const MEETING_HOURS_PER_MONTH = (2 * 52) / 12;

const f = (x, digits = 1) => (typeof x === 'number' ? x.toFixed(digits) : '–');
const pct3 = (s) => (s?.n ? `${f(s.p50, 2)} / ${f(s.p95, 2)} / ${f(s.p99, 2)}` : '–');
const slope = (fit, digits = 2) => (fit ? f(fit.slope, digits) : '–');
const sumOf = (...xs) =>
  xs.some((x) => typeof x === 'number') ? xs.reduce((a, x) => a + (x ?? 0), 0) : null;

function table(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** The last passed step, or null. */
export const heldStep = (c) => c.steps.filter((s) => s.passed).at(-1) ?? null;

/** CPU (% of one core) per round table: server + PostgreSQL + Redis, the slopes added up. */
export const cpuPerTable = (c) =>
  sumOf(c.perTable.serverCpuPct?.slope, c.perTable.postgresCpuPct?.slope, c.perTable.redisCpuPct?.slope);

/** Server CPU % (+ PostgreSQL + Redis where measured) of a step. */
const cpuParts = (s) =>
  [s.serverCpuPct, s.postgresCpuPct, s.redisCpuPct]
    .filter((x) => x !== null)
    .map((x) => f(x))
    .join(' + ');

const worstHealthP99 = (step) =>
  Math.max(step.health.p99 ?? 0, ...(step.perInstance ?? []).map((i) => i.health.p99 ?? 0));

/**
 * What the cluster's per-instance fits project for instances on cores of their own: up to the CPU at which one
 * PostgreSQL instance held its last passed step in this run (the same core, the same noise), else up to what the
 * pair shared on core 0.
 */
function projectionText(cluster, single) {
  const singleHeld = single && heldStep(single);
  const perInstance = cluster.perTable.perInstance ?? [];
  const bySingle = singleHeld ? projectTables(perInstance, singleHeld.serverCpuPct) : null;
  const projected = bySingle ?? cluster.perTable.projectedOwnCores;
  if (!projected) return 'No projection for cores of their own: no rising CPU fit for every instance.';
  const level = bySingle
    ? `the CPU at which one PostgreSQL instance held its last passed step in this run (${f(projected.cpuPctPerInstance)} % of core 0)`
    : `what the pair shared on core 0 at its last passed step (${f(projected.cpuPctPerInstance)} %)`;
  return (
    `Projection for instances on cores of their own: each may use ${level}, so about ` +
    `**${projected.tables} round tables** by the busier instance's fit, if PostgreSQL and Redis (unpinned, here on ` +
    'the other core with the load generator) keep up. A projection, not a measurement.'
  );
}

/** Cores, RAM and disk a host should plan per 100 round tables, from the slopes (null where one is missing). */
export function planPer100(c) {
  const cpu = cpuPerTable(c);
  const ram = c.perTable.rssMb?.slope;
  return {
    cores: typeof cpu === 'number' ? cpu : null,
    ramMb: typeof ram === 'number' ? Math.round(ram * 100 + (c.perTable.rssMb.intercept ?? 0)) : null,
    diskGbPerMonth:
      typeof c.storedMbPerTableHour === 'number'
        ? (c.storedMbPerTableHour * 100 * MEETING_HOURS_PER_MONTH) / 1024
        : null,
  };
}

export function renderCapacitySection(results, capacity) {
  const names = ENGINES.filter((n) => capacity?.[n]);
  if (names.length === 0) return [];
  const first = capacity[names[0]];
  const a = first.activity;
  const row = (title, pick) => [title, ...names.map((n) => pick(capacity[n]) ?? '–')];
  /** A figure of the last passed step ('–' when none passed). */
  const at = (title, pick) =>
    row(title, (c) => {
      const h = heldStep(c);
      return h ? pick(h) : null;
    });
  const summary = [
    row('**round tables held** (people)', (c) => `**${c.held}** (${c.heldParticipants})`),
    row(
      'stopped by (the next step)',
      (c) =>
        (c.stoppedBy ?? '–') +
        (c.generatorBound ? ' (load generator at ≥ 85 % of its core: a lower bound)' : ''),
    ),
    at('at that step: delivery p50 / p95 / p99 ms', (h) => pct3(h.latency)),
    at('at that step: delivered %', (h) => f(h.deliveredPct, 2)),
    at('at that step: GET /api/health p99 ms (worst instance)', (h) => f(worstHealthP99(h), 2)),
    at('at that step: server CPU % of one core (+ PostgreSQL + Redis)', (h) => cpuParts(h)),
    at(
      'at that step: server RSS MB (end of hold / after forced GC)',
      (h) => `${f(h.rssMb, 0)} / ${f(h.rssAfterGcMb, 0)}`,
    ),
    at(
      'at that step: updates/s typed, MB/s the server sent',
      (h) => `${f(h.updatesPerSecond)} / ${f(h.serverMbPerSecond, 2)}`,
    ),
    at('at that step: load generator CPU % (its core)', (h) => f(h.generator.cpuPct)),
    row(
      'per round table: CPU % of a core, server + PostgreSQL + Redis',
      (c) =>
        [c.perTable.serverCpuPct, c.perTable.postgresCpuPct, c.perTable.redisCpuPct]
          .filter(Boolean)
          .map((fit) => slope(fit))
          .join(' + ') || '–',
    ),
    row(
      'per round table: RSS MB (end of hold; after GC)',
      (c) => `${slope(c.perTable.rssMb)}; ${slope(c.perTable.rssAfterGcMb)}`,
    ),
    row('per round table: heap MB after GC', (c) => slope(c.perTable.heapAfterGcMb)),
    row('RSS with no round table MB (intercept)', (c) => f(c.perTable.rssMb?.intercept, 0)),
    row(
      'stored bytes per update; updates per round-table hour',
      (c) => `${c.bytesPerUpdate ?? '–'}; ${c.updatesPerTableHour ?? '–'}`,
    ),
    row('stored MB per round-table hour', (c) => f(c.storedMbPerTableHour, 2)),
    row('**per 100 round tables**: cores, RAM MB, disk GB per month', (c) => {
      const p = planPer100(c);
      return `${f(p.cores, 2)} cores, ${f(p.ramMb, 0)} MB, ${f(p.diskGbPerMonth, 2)} GB`;
    }),
    row(
      'peak RSS / heap MB over the run (sampled every 0.5 s, no forced GC)',
      (c) => `${f(c.peakRssMb, 0)} / ${f(c.peakHeapMb, 0)}`,
    ),
    row('API errors (rounds, stances) over the run', (c) => String(c.counts.apiErrors)),
  ];
  const cluster = capacity['ours-pg-redis'];
  const clusterLines = [];
  if (cluster?.instances > 1) {
    const h = heldStep(cluster);
    const per = cluster.perTable.perInstance ?? [];
    clusterLines.push(
      `Two instances, both pinned to core 0: the cluster figure measures them sharing one core. Per instance at the ` +
        `last passed step: ${
          h?.perInstance
            ?.map(
              (i, k) =>
                `instance ${k + 1} CPU ${f(i.cpuPct)} %, RSS after GC ${f(i.rssAfterGcMb, 0)} MB, health p99 ${f(i.health.p99, 2)} ms`,
            )
            .join('; ') ?? '–'
        }. CPU % per round table per instance: ${per.map((i, k) => `${k + 1}: ${slope(i.cpuPct)}`).join(', ') || '–'}. ` +
        projectionText(cluster, capacity['ours-pg']),
      '',
    );
    if (h?.latencySameInstance) {
      clusterLines.push(
        `Deliveries at that step within one instance ${pct3(h.latencySameInstance)} ms, across instances ` +
          `${pct3(h.latencyCrossInstance)} ms (p50 / p95 / p99).`,
        '',
      );
    }
  }
  const stepTables = names.flatMap((n) => {
    const c = capacity[n];
    const rows = c.steps.map((s) => [
      String(s.boards),
      String(s.participants),
      String(s.sockets),
      f(s.updatesPerSecond),
      pct3(s.latency),
      f(s.deliveredPct, 2),
      f(worstHealthP99(s), 2),
      f(s.api.p99, 1),
      [s.serverCpuPct, s.postgresCpuPct, s.redisCpuPct]
        .filter((x) => x !== null)
        .map((x) => f(x))
        .join(' + '),
      `${f(s.rssMb, 0)} / ${f(s.rssAfterGcMb, 0)}`,
      `${f(s.peakHeapMb, 0)} / ${f(s.heapAfterGcMb, 0)}`,
      `${f(s.loopP99, 1)} / ${f(s.loopMax, 0)}`,
      f(s.generator.cpuPct),
      f(s.stealPct),
      s.passed ? 'pass' : s.failures.join('; '),
    ]);
    return [
      `${LABELS[n]} (${n}), every step:`,
      '',
      table(
        [
          'tables',
          'people',
          'sockets',
          'updates/s',
          'delivery p50 / p95 / p99 ms',
          'delivered %',
          'health p99 ms',
          'round API p99 ms',
          'CPU % server (+ PG + Redis)',
          'RSS MB / after GC',
          'heap MB: peak in hold / after GC',
          'server event-loop delay p99 / max ms',
          'generator CPU %',
          'steal % (hypervisor)',
          'result',
        ],
        rows,
      ),
      '',
    ];
  });
  return [
    `## Capacity: concurrent round tables one server holds (our engines; ${results.mode} mode)`,
    '',
    `Round tables of ${first.sizes[0]}–${first.sizes[1]} people (sizes from the seeded PRNG), each set up through the ` +
      `API: organisations, an invite each, everyone joining with their own token, a projector joining as observer; ` +
      `everyone has a board and a record socket. Each person types bursts of ${a.burst.join('–')} stamped updates ` +
      `${a.gapMs.join('–')} ms apart, pauses ${a.pauseMs.map((x) => x / 1000).join('–')} s, moves a goal every ` +
      `${a.moveEveryMs.map((x) => x / 1000).join('–')} s and sends presence at ${a.presenceHz} Hz; the facilitator ` +
      `opens a round every ${a.roundPauseMs.map((x) => x / 1000).join('–')} s after the last closed, and one person ` +
      `per organisation gives its stance ${a.stanceAfterMs.map((x) => x / 1000).join('–')} s after the opening (the ` +
      `last closes it). +${first.stepBoards} round tables per step (+${first.fineStepBoards} once a step's delivery ` +
      `or health p99 passed half its limit) while the others keep working; each step held ` +
      `${first.holdMs / 1000} s after ${first.warmupMs / 1000} s of warm-up. A step passes with delivery p99 ≤ ` +
      `${first.limits.deliveryP99Ms} ms, ≥ ${first.limits.deliveredPct} % delivered and GET /api/health p99 ≤ ` +
      `${first.limits.healthP99Ms} ms on every instance. Server on core 0, load generator on core 1; a generator ` +
      'near 100 % of its core makes the figure a lower bound. Per round table = least-squares slope over all ' +
      `measured steps (the failed one too). Disk per month assumes ${f(MEETING_HOURS_PER_MONTH)} hours of this activity per round table (2 h a week).`,
    '',
    table(['figure', ...names.map((n) => LABELS[n])], summary),
    '',
    ...clusterLines,
    ...stepTables,
  ];
}
