// "PostgreSQL in the measured windows": per shape and engine on PostgreSQL, what the database and each instance's
// pool did per update (lib/pgObserver.mjs, servers/probe.mjs). Counts, not times, carry most of it: they hold on a
// busy machine, where the latency rows do not.
import { median } from './util.mjs';

const ENGINES = { 'ours-pg': 'PostgreSQL', 'ours-pg-redis': 'PostgreSQL + Redis, 2 instances' };

const f = (x, digits = 2) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : '–');
const per = (n, updates) => (typeof n === 'number' && updates > 0 ? n / updates : null);
const medianBy = (rounds, pick) => {
  const values = rounds.map(pick).filter((v) => typeof v === 'number' && Number.isFinite(v));
  return values.length ? median(values) : null;
};

/** One round's figures, or null when it has no observer figures (older results, or a PostgreSQL not readable). */
function figures(round, updates) {
  const pg = round.postgres;
  if (!pg || pg.error || !updates) return null;
  const pools = (round.pools ?? []).filter(Boolean);
  const statements = pools.reduce(
    (n, pool) => n + Object.values(pool.statements ?? {}).reduce((m, s) => m + s.n, 0),
    0,
  );
  const active = Object.values(pg.waits ?? {}).reduce((a, b) => a + b, 0);
  const onServerCore = pg.cores?.['0'] ?? 0;
  const onAnyCore = Object.values(pg.cores ?? {}).reduce((a, b) => a + b, 0);
  return {
    statementsPerUpdate: pools.length ? per(statements, updates) : null,
    commitsPerUpdate: per(pg.commits, updates),
    flushesPerUpdate: per(pg.walSyncs, updates),
    syncMs: pg.walSyncMs !== null && pg.walSyncs > 0 ? pg.walSyncMs / pg.walSyncs : null,
    checkpoints: pg.checkpoints,
    waitP99: pools.length ? Math.max(...pools.map((p) => p.acquire?.p99 ?? 0)) : null,
    queued: pools.length ? Math.max(...pools.map((p) => p.waitingMax ?? 0)) : null,
    active: pg.activePerSample,
    waits: pg.waits ?? {},
    activeSamples: active,
    serverCorePct: onAnyCore ? (100 * onServerCore) / onAnyCore : null,
    xaddPerUpdate: pg.redisCalls ? per(pg.redisCalls.xadd, updates) : null,
  };
}

/** The top wait events over all rounds, as shares of the active backends sampled. */
function topWaits(rows) {
  const sum = new Map();
  let total = 0;
  for (const row of rows) {
    for (const [event, n] of Object.entries(row.waits)) {
      sum.set(event, (sum.get(event) ?? 0) + n);
      total += n;
    }
  }
  return [...sum]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([event, n]) => `${event} ${Math.round((100 * n) / total)} %`)
    .join(', ');
}

function windows(results) {
  const out = [];
  const fanout = results.shapes?.fanout ?? {};
  for (const [engine, rounds] of Object.entries(fanout)) {
    if (!ENGINES[engine]) continue;
    rounds[0]?.rows?.forEach((row, i) => {
      const perRound = rounds.map((r) => r.rows[i]);
      out.push({
        shape: `fan-out, ${row.observers} observers`,
        engine,
        rows: perRound.map((r) => figures(r, r.expected / Math.max(1, r.observers))).filter(Boolean),
      });
    });
  }
  for (const [engine, rounds] of Object.entries(results.shapes?.mixed ?? {})) {
    if (!ENGINES[engine]) continue;
    out.push({ shape: 'mixed', engine, rows: rounds.map((r) => figures(r, r.sent)).filter(Boolean) });
  }
  return out.filter((w) => w.rows.length > 0);
}

export function renderPostgresSection(results) {
  const all = windows(results);
  if (all.length === 0) return [];
  const header = [
    'shape',
    'engine',
    'pool statements / update',
    'commits / update',
    'WAL flushes / update',
    'ms per WAL flush',
    'checkpoints',
    'connection wait p99 ms (queued at most)',
    'active backends',
    'top wait events',
    'backend samples on core 0',
    'XADD / update',
  ];
  const lines = all.map(({ shape, engine, rows }) => {
    const m = (key) => medianBy(rows, (r) => r[key]);
    return `| ${[
      shape,
      ENGINES[engine],
      f(m('statementsPerUpdate')),
      f(m('commitsPerUpdate')),
      f(m('flushesPerUpdate')),
      f(m('syncMs')),
      f(m('checkpoints'), 0),
      `${f(m('waitP99'), 1)} (${f(m('queued'), 0)})`,
      f(m('active')),
      topWaits(rows) || '–',
      `${f(m('serverCorePct'), 0)} %`,
      f(m('xaddPerUpdate')),
    ].join(' | ')} |`;
  });
  return [
    '### PostgreSQL in the measured windows',
    '',
    '- Per update sent (medians over rounds). Pool statements: queries our server handed to its `pg` pools ' +
      '(probe.mjs); commits: `xact_commit` of the bench database (read-only statements count too); WAL flushes and ' +
      'their mean time: `pg_stat_wal` (whole PostgreSQL server; times only from the bench database, which runs ' +
      'with `track_wal_io_timing`); checkpoints: `pg_stat_bgwriter`; connection wait: from asking the pool for a ' +
      'connection to getting one; active backends and wait events: `pg_stat_activity` sampled every 10 ms ("CPU" = ' +
      "no wait event); core 0 is our server's (PostgreSQL is not pinned). XADD: Redis `INFO commandstats`, the " +
      'whole Redis server.',
    '',
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...lines,
    '',
  ];
}
