// The "Storage engines" table: our server on SQLite, on PostgreSQL, and as two instances on PostgreSQL + Redis,
// one row per shape figure and engine, with ratios against SQLite from the same run. A shape that does not apply
// to an engine, or an engine that was skipped, gets a row that says so.
import { OUR_ENGINES } from './args.mjs';
import { cpuPerTable, heldStep } from './capacityReport.mjs';
import { renderPostgresSection } from './postgresReport.mjs';

const ENGINE_LABELS = {
  ours: 'SQLite',
  'ours-pg': 'PostgreSQL',
  'ours-pg-redis': 'PostgreSQL + Redis, 2 instances',
};

const f = (x, digits = 1) => (typeof x === 'number' ? x.toFixed(digits) : '–');
const pct3 = (s) => (s ? `${f(s.p50, 2)} / ${f(s.p95, 2)} / ${f(s.p99, 2)}` : '–');
const ratio = (value, base) =>
  typeof value === 'number' && typeof base === 'number' && base > 0 ? `${(value / base).toFixed(2)}×` : '–';

/** Server + PostgreSQL + Redis µs per update, and their total (what the CPU ratio compares). */
function cpuCell(x) {
  if (!x || typeof x.cpuUsPerUpdate !== 'number') return { text: '–', total: null };
  const parts = [x.cpuUsPerUpdate, x.postgresCpuUsPerUpdate, x.redisCpuUsPerUpdate];
  const total = parts.reduce((sum, v) => sum + (typeof v === 'number' ? v : 0), 0);
  const shown = parts.filter((v) => typeof v === 'number');
  if (shown.length === 1) return { text: `${x.cpuUsPerUpdate} (in process)`, total };
  return { text: `${shown.join(' + ')} = ${total}`, total };
}

const med = (xs, key) => {
  const v = (xs ?? []).map((x) => x[key]).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : null;
};

/** The cluster's latencies read apart: observers on instance 2 (fan-out), same vs cross instance (mixed). */
function partsOf(x) {
  const parts = (x.latencyByInstance ?? [])
    .map((summary, k) => [`only the observers on instance ${k + 1}`, summary])
    .slice(1);
  if (x.latencySameInstance) parts.push(['only deliveries within one instance', x.latencySameInstance]);
  if (x.latencyCrossInstance) parts.push(['only deliveries across instances', x.latencyCrossInstance]);
  return parts;
}

/** Rows as data (they go to results.json too); `cells` are the markdown columns after figure and engine. */
export function engineRows(results, agg) {
  const measured = Object.keys(results.convergence ?? {}).filter((n) => OUR_ENGINES.includes(n));
  const skipped = Object.entries(results.skipped ?? {}).filter(([n]) => OUR_ENGINES.includes(n));
  if (!measured.some((n) => n !== 'ours') && !skipped.length) return [];
  const rows = [];
  const push = (figure, engine, cells) => rows.push({ figure, engine: ENGINE_LABELS[engine], cells });
  const emptyCells = (text) => [text, '', '', '', ''];

  /** A latency figure for every engine, with delivery and CPU, and p99/CPU ratios against SQLite. */
  const latencyRows = (figure, pick) => {
    const base = pick('ours');
    const baseCpu = cpuCell(base).total;
    for (const engine of measured) {
      const x = pick(engine);
      if (!x) {
        push(figure, engine, emptyCells('not measured'));
        continue;
      }
      const cpu = cpuCell(x);
      push(figure, engine, [
        pct3(x.latency),
        typeof x.deliveredPct === 'number' ? `${f(x.deliveredPct, 2)} % delivered` : '',
        cpu.text,
        ratio(x.latency?.p99, base?.latency?.p99),
        ratio(cpu.total, baseCpu),
      ]);
      for (const [what, summary] of partsOf(x)) {
        push(`${figure}: ${what}`, engine, [
          pct3(summary),
          '',
          '',
          ratio(summary.p99, base?.latency?.p99),
          '',
        ]);
      }
    }
  };

  if (agg.fanout) {
    const sizes = agg.fanout[measured[0]]?.map((r) => r.observers) ?? [];
    sizes.forEach((n, i) => {
      latencyRows(`fan-out, ${n} observers`, (e) => agg.fanout[e]?.[i]);
    });
  }
  if (agg.mixed) latencyRows('mixed', (e) => agg.mixed[e]);
  if (agg.cold) coldRows(agg.cold, measured, push, emptyCells);
  if (agg.durability) {
    for (const engine of measured) {
      const d = agg.durability[engine];
      if (!d) {
        push('durability (SIGKILL)', engine, emptyCells('not measured'));
        continue;
      }
      const kept = d.trials.filter((t) => t.observerKeptConnection).length;
      const cluster = d.trials.some((t) => 'observerKeptConnection' in t);
      push('durability (SIGKILL)', engine, [
        '',
        `${d.totalLost} lost of ${d.totalAcknowledged} acknowledged; ${d.trialsWithLoss} / ${d.trials.length} trials with loss` +
          (cluster ? `; observer on instance 2 connected throughout in ${kept} / ${d.trials.length}` : ''),
        '',
        '',
        '',
      ]);
    }
  }
  if (agg.idle) {
    for (const engine of measured) {
      const x = agg.idle[engine];
      const where = engine === 'ours-pg-redis' ? ' (all sockets on instance 1; RSS of both processes)' : '';
      push(
        'idle memory',
        engine,
        emptyCells(
          x
            ? `${f(x.perBoardKb)} KB per board, ${f(x.perSocketKb)} KB per extra socket${where}`
            : 'not measured',
        ),
      );
    }
  }
  if (agg.join) {
    const sizes = agg.join[measured[0]]?.rows ?? [];
    sizes.forEach((size, i) => {
      const base = agg.join.ours?.rows[i]?.data;
      for (const engine of measured) {
        const r = agg.join[engine]?.rows[i];
        push(`join storm ${size.megabytes} MB, ${size.joiners} joins: data present`, engine, [
          r ? pct3(r.data) : 'not measured',
          r ? `${r.withData} / ${r.joiners} with data, complete ${r.complete ? 'yes' : 'NO'}` : '',
          '',
          ratio(r?.data.p99, base?.p99),
          '',
        ]);
      }
    });
  }
  if (agg.capacity) capacityRows(agg.capacity, measured, push, emptyCells);
  if (agg.client) {
    rows.push({
      figure: 'client bundle',
      engine: 'all',
      cells: emptyCells('does not apply: the same client for every engine (see "Client")'),
    });
  }
  for (const [engine, reason] of skipped) push('all shapes', engine, emptyCells(`skipped: ${reason}`));
  return rows;
}

/** Round tables held, with the delivery at that step and the CPU per round table (details: "Capacity"). */
function capacityRows(capacity, measured, push, emptyCells) {
  const base = capacity.ours;
  for (const engine of measured) {
    const c = capacity[engine];
    if (!c) {
      push('capacity: round tables held', engine, emptyCells('not measured'));
      continue;
    }
    const held = heldStep(c);
    const cpu = cpuPerTable(c);
    push('capacity: round tables held', engine, [
      held ? pct3(held.latency) : '–',
      `**${c.held}** round tables held (${c.heldParticipants} people)`,
      `${f(cpu, 2)} % of a core per round table`,
      `${ratio(c.held, base?.held)} (tables held)`,
      ratio(cpu, base && cpuPerTable(base)),
    ]);
  }
}

function coldRows(cold, measured, push, emptyCells) {
  const times = (x) => (x ? `synced ${f(x.syncedMs)} · all data ${f(x.dataMs)} ms` : 'not measured');
  const figures = [
    ['cold first load', (x) => x?.first],
    [
      'cold later loads (median)',
      (x) => x && { syncedMs: med(x.later, 'syncedMs'), dataMs: med(x.later, 'dataMs') },
    ],
    ['cold, snapshots off (SNAPSHOT_EVERY=0): first load', (x) => x?.withoutCompaction?.first],
  ];
  for (const [figure, pick] of figures) {
    const base = pick(cold.ours);
    for (const engine of measured) {
      const x = pick(cold[engine]);
      if (!x && engine === 'ours-pg-redis' && figure.includes('snapshots off')) {
        push(figure, engine, emptyCells('not run: both instances load from the same tables as PostgreSQL'));
        continue;
      }
      push(figure, engine, [times(x), '', '', ratio(x?.dataMs, base?.dataMs), '']);
    }
  }
  for (const engine of measured) {
    const x = cold[engine];
    const what = engine === 'ours' ? 'SQLite file' : 'tables with indexes';
    push(
      'cold: data stored',
      engine,
      emptyCells(x ? `${f(x.bytesOnDisk / 1024, 0)} KB (${what}, ${x.updates} updates)` : 'not measured'),
    );
  }
}

export function renderEngineSection(results, agg) {
  const rows = engineRows(results, agg);
  if (rows.length === 0) return [];
  const header = [
    'shape, figure',
    'engine',
    'latency p50 / p95 / p99 ms, or time',
    'delivered / lost',
    'CPU µs per update: server + PostgreSQL + Redis',
    'p99 (or time) ÷ SQLite',
    'CPU ÷ SQLite',
  ];
  const lines = [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${[r.figure, r.engine, ...r.cells].join(' | ')} |`),
  ];
  return [
    '## Storage engines: our server on SQLite, PostgreSQL, and PostgreSQL + Redis with two instances',
    '',
    '- Same shapes and loads as above; each engine on a fresh database (`cg_bench_…`, dropped after the round) and ' +
      'a fresh Redis prefix. Two instances: each its own process, both pinned to core 0; writers on instance 1, ' +
      'observers (fan-out), joiners and every other editor (mixed) on instance 2, so about half of all deliveries ' +
      'cross instances. The durability observer is on instance 2 and stays connected while instance 1 is killed ' +
      'and restarted; the read-back uses the restarted instance 1.',
    "- PostgreSQL and Redis are this machine's services, not pinned: their CPU is the backends serving the bench " +
      "database (from /proc) and the whole Redis server (INFO cpu, other users' load included), per update sent. " +
      'SQLite works inside the server process, so its CPU is all in "server". Ratios divide by SQLite from this run.',
    ...(agg.mixed
      ? [
          '- Event-loop delay p99 in mixed, our server (worst instance) / the load generator: ' +
            Object.keys(agg.mixed)
              .filter((n) => OUR_ENGINES.includes(n))
              .map(
                (n) =>
                  `${ENGINE_LABELS[n]} ${f(agg.mixed[n].loopP99)} / ${f(agg.mixed[n].generatorLoopP99)} ms`,
              )
              .join('; ') +
            '. A busy generator would delay every receive alike.',
        ]
      : []),
    '',
    ...lines,
    '',
    ...renderPostgresSection(results),
  ];
}
