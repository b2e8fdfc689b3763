// Writes results.json (everything, rounds included), results.md (one table per shape) and chart.svg.
import fs from 'node:fs';
import path from 'node:path';
import { aggregate } from './aggregate.mjs';
import { renderCapacitySection } from './capacityReport.mjs';
import { chartSvg } from './chart.mjs';
import { CONTENDERS } from './contenders.mjs';
import { engineRows, renderEngineSection } from './engineReport.mjs';

const ANCHORS = ['hocuspocus', 'ywss'];
const f = (x, digits = 1) => (typeof x === 'number' ? x.toFixed(digits) : '–');

/** ours ÷ the best (lowest) anchor; '–' without anchors. */
function ratio(values) {
  const anchors = ANCHORS.map((a) => values[a]).filter((v) => typeof v === 'number');
  if (typeof values.ours !== 'number' || anchors.length === 0) return '–';
  const best = Math.min(...anchors);
  return best === 0 ? (values.ours === 0 ? '1.00×' : '∞') : `${(values.ours / best).toFixed(2)}×`;
}

function table(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

const pct = (s) => `${f(s.p50, 2)} / ${f(s.p95, 2)} / ${f(s.p99, 2)} / ${f(s.max, 1)}`;

export function renderMarkdown(results, agg) {
  const all = Object.keys(results.convergence ?? {});
  // The anchor tables compare `ours` (SQLite) with the anchors; the other engines have their own table.
  const names = all.filter((n) => !CONTENDERS[n].engine);
  const label = (n) => CONTENDERS[n].label;
  const m = results.machine;
  const parts = [
    '# Benchmark results: Common Ground vs Hocuspocus vs y-websocket server',
    '',
    `- CPU: ${m.cpu}, ${m.cores} cores, ${m.memoryGb} GB RAM; ${m.os}`,
    `- Node ${m.node}; run ${m.date} → ${results.finished}; mode **${results.mode}**, seed ${results.seed}`,
    `- Load average at start: ${m.loadAvgAtStart}; busiest processes: ${m.busiestAtStart || '–'}`,
    ...(results.stealPct
      ? [
          '- CPU time the hypervisor gave to other guests (steal, /proc/stat) during each shape: ' +
            Object.entries(results.stealPct)
              .map(([shape, pct]) => `${shape} ${pct === null ? '–' : `${pct} %`}`)
              .join(', ') +
            '. Figures measured under steal are slower for a reason no contender has.',
        ]
      : []),
    `- Contenders: ${all.map((n) => `${n} = ${label(n)}`).join('; ')}. Each in its own process on 127.0.0.1, ` +
      'persistence to a file in a temp dir (PostgreSQL: a fresh database); server pinned to core 0, load generator ' +
      'to core 1 (taskset).',
    ...Object.entries(results.skipped ?? {}).map(([n, reason]) => `- Skipped: ${n}, ${reason}`),
    `- Real clients converge before measuring: ${all.map((n) => `${n} ${results.convergence[n] ? 'yes' : 'NO'}`).join(', ')}` +
      (all.includes('ours-pg-redis') ? ' (ours-pg-redis: one client on each instance)' : ''),
    ...(results.oursRunner
      ? [
          `- Our server ran ${results.oursRunner === 'tsx' ? 'from its TypeScript sources under tsx' : `as the esbuild bundle under \`${['node', ...(results.oursNodeFlags ?? [])].join(' ')}\` (as \`npm start\` runs it)`}, ` +
            'with its rate limits and socket caps off (RATE_LIMIT_*, WS_*_PER_SECOND, MAX_SOCKETS_PER_* = 0) and ' +
            'MAX_CONNECTIONS = 100000 and log budgets of 1 TiB (LOG_BUDGET_*): the anchors have no limits, ' +
            'and all load comes from one loopback address (the hostile shape turns them back on).',
        ]
      : []),
    ...(results.oursRoot
      ? [`- Our server ran from ${results.oursRoot} (BENCH_OURS_ROOT), not this working tree.`]
      : []),
    ...(results.notes ?? []).map((note) => `- Note: ${note}`),
    '- Latency in ms, p50 / p95 / p99 / max; multi-round shapes show the median of each figure over rounds. ' +
      '"ratio" = ours ÷ best anchor (below 1 is better for ours). See bench/README.md for how each shape is run.',
    '',
  ];
  if (agg.fanout && names.length > 0) {
    parts.push('## Fan-out: 1 writer at 20 updates/s, N observers on one board', '');
    const sizes = agg.fanout[names[0]].map((r) => r.observers);
    const rows = sizes.map((n, i) => {
      const p99 = Object.fromEntries(names.map((c) => [c, agg.fanout[c][i].latency.p99]));
      return [
        String(n),
        ...names.map(
          (c) =>
            `${pct(agg.fanout[c][i].latency)} (${f(agg.fanout[c][i].deliveredPct, 1)} % delivered, CPU ${f(agg.fanout[c][i].serverCpuPct)} %)`,
        ),
        ratio(p99),
      ];
    });
    parts.push(table(['N', ...names, 'p99 ratio'], rows), '');
    parts.push(...fanoutParts(agg.fanout, names));
  }
  if (agg.mixed && names.length > 0) {
    const cfg = results.profile.mixed;
    parts.push(
      `## Mixed: ${cfg.boards} boards × ${cfg.editors} editors, ${cfg.rate} updates/s each + ${cfg.awarenessHz} Hz presence`,
      '',
    );
    const row = (title, pick, digits = 2) => [
      title,
      ...names.map((c) => f(pick(agg.mixed[c]), digits)),
      ratio(Object.fromEntries(names.map((c) => [c, pick(agg.mixed[c])]))),
    ];
    parts.push(
      table(
        ['figure', ...names, 'ratio'],
        [
          row('latency p50 ms', (x) => x.latency.p50),
          row('latency p95 ms', (x) => x.latency.p95),
          row('latency p99 ms', (x) => x.latency.p99),
          row('latency max ms', (x) => x.latency.max, 1),
          row('delivered %', (x) => x.deliveredPct, 2),
          row('server CPU µs per update', (x) => x.cpuUsPerUpdate, 0),
          row('server CPU %', (x) => x.serverCpuPct, 1),
          row('event-loop delay p99 ms', (x) => x.loopP99, 2),
        ],
      ),
      '',
    );
  }
  if (agg.idle && names.length > 0) {
    const cfg = results.profile.idle;
    parts.push(
      `## Idle: ${cfg.sockets} sockets on ${cfg.boards} boards (${cfg.entries} entries each), RSS at rest (${cfg.restMs / 1000} s after each burst), after forced GC unless said`,
      '',
    );
    const row = (title, key, digits = 1) => [
      title,
      ...names.map((c) => f(agg.idle[c][key], digits)),
      ratio(Object.fromEntries(names.map((c) => [c, agg.idle[c][key]]))),
    ];
    parts.push(
      table(
        ['figure', ...names, 'ratio'],
        [
          row('KB per board (incl. its first socket)', 'perBoardKb'),
          row('KB per extra socket', 'perSocketKb'),
          row('heap KB per board', 'heapPerBoardKb'),
          row('heap KB per extra socket', 'heapPerSocketKb'),
          row('RSS before sockets MB', 'rssEmptyMb', 0),
          row('RSS with all sockets MB', 'rssAllMb', 0),
          row('RSS before sockets MB, no forced GC', 'rssEmptyUntouchedMb', 0),
          row('RSS with all sockets MB, no forced GC', 'rssAllUntouchedMb', 0),
          row(`event-loop delay p99 ms, ${cfg.holdMs / 1000} s idle`, 'heldLoopP99Ms', 2),
          row(`event-loop delay max ms, ${cfg.holdMs / 1000} s idle`, 'heldLoopMaxMs', 1),
          row('sockets open at the end', 'openAtEnd', 0),
        ],
      ),
      '',
    );
  }
  if (agg.join && names.length > 0) {
    parts.push('## Join storm: simultaneous joins to a cold board (server restarted first)', '');
    const sizes = agg.join[names[0]].rows;
    const rows = [];
    sizes.forEach((size, i) => {
      for (const [title, key] of [
        ['synced', 'synced'],
        ['data present', 'data'],
      ]) {
        const p99 = Object.fromEntries(names.map((c) => [c, agg.join[c].rows[i][key].p99]));
        rows.push([
          `${size.megabytes} MB (${Math.round(size.boardBytes / 1024)} KB), ${size.joiners} joins: ${title}`,
          ...names.map((c) => pct(agg.join[c].rows[i][key])),
          ratio(p99),
        ]);
      }
      rows.push([
        `${size.megabytes} MB: clients "synced" before data / complete / server RSS MB`,
        ...names.map((c) => {
          const r = agg.join[c].rows[i];
          return `${r.syncedBeforeData} / ${r.complete ? 'yes' : 'NO'} / ${r.serverRssMb}`;
        }),
        '',
      ]);
    });
    parts.push(table(['', ...names, 'p99 ratio'], rows), '');
  }
  if (agg.cold && names.length > 0) {
    parts.push(
      `## Cold load: ${agg.cold[names[0]].updates} separate updates, clean stop, restart, one new client (ms from connect)`,
      '',
    );
    const med = (xs, key) => {
      const v = xs.map((x) => x[key]).sort((a, b) => a - b);
      return v.length ? v[Math.floor(v.length / 2)] : null;
    };
    const row = (title, pick, digits = 1) => [
      title,
      ...names.map((c) => f(pick(agg.cold[c]), digits)),
      ratio(Object.fromEntries(names.map((c) => [c, pick(agg.cold[c])]))),
    ];
    parts.push(
      table(
        ['figure', ...names, 'ratio'],
        [
          row('first load: synced ms', (x) => x.first.syncedMs),
          row('first load: all data present ms', (x) => x.first.dataMs),
          row('first load: entries present at "synced"', (x) => x.first.entriesAtSynced, 0),
          row('later loads (median): synced ms', (x) => med(x.later, 'syncedMs')),
          row('later loads (median): all data present ms', (x) => med(x.later, 'dataMs')),
          row('data on disk KB', (x) => x.bytesOnDisk / 1024, 0),
          row('first load: the load generator decoding the state alone ms', (x) => x.first.clientDecodeMs),
          row(
            'ours, snapshots off (SNAPSHOT_EVERY=0): first load synced ms',
            (x) => x.withoutCompaction?.first.syncedMs,
          ),
          row(
            'ours, snapshots off: first load all data present ms',
            (x) => x.withoutCompaction?.first.dataMs,
          ),
          row('ours, snapshots off: later loads (median) all data present ms', (x) =>
            x.withoutCompaction ? med(x.withoutCompaction.later, 'dataMs') : undefined,
          ),
        ],
      ),
      '',
    );
  }
  if (agg.durability && names.length > 0) {
    const cfg = results.profile.durability;
    parts.push(
      `## Durability: numbered writes at ${cfg.rate}/s, SIGKILL after a seeded ${cfg.killAfterMs[0] / 1000}–${cfg.killAfterMs[1] / 1000} s, ${cfg.trials} trials`,
      '',
    );
    const rows = names.map((c) => {
      const d = agg.durability[c];
      return [
        c,
        String(d.totalAcknowledged),
        String(d.totalLost),
        `${d.trialsWithLoss} / ${d.trials.length}`,
        d.trials.map((t) => t.lost).join(', '),
      ];
    });
    parts.push(
      table(
        [
          'contender',
          'acknowledged',
          'lost (acknowledged, missing after restart)',
          'trials with loss',
          'lost per trial',
        ],
        rows,
      ),
      '',
    );
  }
  if (agg.hostile?.ours) parts.push(...hostileSection(agg.hostile.ours));
  if (agg.capacity) parts.push(...renderCapacitySection(results, agg.capacity));
  parts.push(...renderEngineSection(results, agg));
  if (agg.client?.ours) {
    const b = agg.client.ours;
    parts.push(
      '## Client',
      '',
      `- Initial route JS, gzip -9: **${b.initialJsGzipKb} KB** (${b.initialFiles.join(', ')}); all JS chunks: ${b.allJsGzipKb} KB; measured on ${b.built}.`,
      '',
    );
  }
  return parts.join('\n');
}

export function writeReports(results, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const agg = aggregate(results);
  const files = {
    'results.json': `${JSON.stringify({ ...results, summary: { ...agg, engines: engineRows(results, agg) } }, null, 2)}\n`,
    'results.md': `${renderMarkdown(results, agg)}\n`,
    'chart.svg': chartSvg(results, agg),
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(outDir, name), text);
  return Object.keys(files).map((name) => path.join(outDir, name));
}

/** Where the fan-out time goes: the server's own part beside the load generator's reading of the N frames. */
function fanoutParts(fanout, names) {
  const withParts = names.filter((c) => fanout[c][0]?.serverInToLastOut);
  if (withParts.length === 0) return [];
  const pct3 = (s) => (s ? `${f(s.p50, 2)} / ${f(s.p95, 2)} / ${f(s.p99, 2)}` : '–');
  const rows = fanout[withParts[0]].map((row, i) => [
    String(row.observers),
    ...withParts.map((c) => pct3(fanout[c][i].serverInToLastOut)),
    ratio(Object.fromEntries(withParts.map((c) => [c, fanout[c][i].serverInToLastOut.p50]))),
    ratio(Object.fromEntries(withParts.map((c) => [c, fanout[c][i].serverInToLastOut.p99]))),
    ...withParts.map((c) => f(fanout[c][i].generatorReadSpan?.p50, 2)),
  ]);
  return [
    "The servers' own part, read inside each server: from reading the writer's frame to writing the last " +
      "observer's frame (ms, p50 / p95 / p99), and the load generator's time from the first to the last observer " +
      'receiving an update (p50). Where the second is longer, the load generator, not the server, sets the tail.',
    '',
    table(
      [
        'N',
        ...withParts.map((c) => `${c}: frame in → last out`),
        'p50 ratio',
        'p99 ratio',
        ...withParts.map((c) => `${c}: generator reads all`),
      ],
      rows,
    ),
    '',
  ];
}

/** Later phases ÷ the baseline of the same run ('–' without both figures). */
const vsBaseline = (value, base) =>
  typeof value === 'number' && typeof base === 'number' && base > 0 ? `${(value / base).toFixed(2)}×` : '–';

/** The hostile shape (ours only): per phase, the healthy clients' figures, then what the attacks got through. */
function hostileSection(h) {
  const [base, ...rest] = h.phases;
  const figures = [
    ['delivery p50 ms', (p) => p.latency.p50],
    ['delivery p99 ms', (p) => p.latency.p99],
    ['delivered %', (p) => p.deliveredPct],
    ['GET /api/health p50 ms', (p) => p.health.p50],
    ['GET /api/health p99 ms', (p) => p.health.p99],
    ['GET /api/health max ms', (p) => p.health.max],
    ['server event-loop delay p99 ms', (p) => p.serverLoop?.p99],
  ];
  const rows = figures.map(([title, pick]) => [
    title,
    ...h.phases.map((p) => f(pick(p), 2)),
    ...rest.map((p) => vsBaseline(pick(p), pick(base))),
  ]);
  const a = h.phases[1].attack;
  const through = h.phases[1].through;
  const kinds = [
    ['1.8 MB of pending deletes', 'pendingDeletes'],
    ['poisoned update (forward origin)', 'poison'],
    ['64 KiB insert/delete cycles', 'textCycles'],
  ];
  const closes = (c) =>
    Object.entries(c)
      .map(([code, n]) => `${code} × ${n}`)
      .join(', ') || '–';
  const attackRows = kinds.map(([title, key]) => {
    const t = a[key];
    return [
      title,
      String(t.upgrades),
      String(t.upgradeRefused),
      String(t.framesSent),
      closes(t.closes),
      `${through[key]} (${f(through[key] / a.seconds, 2)}/s)`,
    ];
  });
  const flood = h.phases[2].flood;
  return [
    `## Hostile participant (ours only): ${h.observers} observers, a writer at ${h.rate} updates/s, three phases of ${h.phaseMs / 1000} s`,
    '',
    'Our server with its real defences (upgrade rate limits, message budgets, socket caps, log budgets; only the ' +
      'API limit per address off, for the health probe). The anchors have none of these defences, so there is no ' +
      'anchor column: ratios are against the baseline phase of the same run. Phase b: a partner (joined through ' +
      'the API) in three reconnect loops, a new socket each time; phase c: 3,000 presence frames at once on each ' +
      'of two open sockets. See bench/README.md.',
    '',
    table(['figure', ...h.phases.map((p) => p.name), 'attack ÷ baseline', 'presence flood ÷ baseline'], rows),
    '',
    table(
      [
        'attack (phase b)',
        'sockets opened',
        'upgrades refused (429/503)',
        'frames sent',
        'closes by code',
        'applied and sent on (first observer)',
      ],
      attackRows,
    ),
    '',
    `Presence flood (phase c): ${flood.framesPerSocket} frames per socket; ${flood.junkBytes} B junk field → ` +
      `close ${flood.junkClose}; valid states → close ${flood.validClose}, ${h.phases[2].through.presence} ` +
      'presence frames reached the first observer. Log budget refusals over the run: ' +
      `${h.logBudgetRefusals ?? '–'}; quarantined updates: ${h.quarantinedUpdates ?? '–'}; observers still ` +
      `connected at the end: ${h.observersConnectedAtEnd} / ${h.observers}.`,
    '',
  ];
}
