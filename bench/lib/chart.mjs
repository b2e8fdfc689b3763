// A hand-written SVG: grouped bars, one panel per headline figure, one colour per contender.
import { CONTENDERS } from './contenders.mjs';

const COLOURS = {
  ours: '#1b7f5b',
  hocuspocus: '#5b5bd6',
  ywss: '#c2571a',
  'ours-pg': '#2b6cb0',
  'ours-pg-redis': '#b8328a',
};
const W = 720;
const PANEL_H = 220;

function panel(title, unit, groups, names, top) {
  const values = groups.flatMap((g) => names.map((n) => g.values[n])).filter((v) => typeof v === 'number');
  const max = Math.max(1e-9, ...values);
  const left = 60;
  const plotW = W - left - 20;
  const plotH = PANEL_H - 70;
  const groupW = plotW / Math.max(1, groups.length);
  const barW = Math.min(40, (groupW - 16) / names.length);
  const out = [`<text x="${left}" y="${top + 18}" font-size="14" font-weight="bold">${title}</text>`];
  const base = top + 30 + plotH;
  out.push(`<line x1="${left}" y1="${base}" x2="${W - 20}" y2="${base}" stroke="#444"/>`);
  out.push(
    `<text x="${left - 6}" y="${top + 38}" font-size="10" text-anchor="end">${max.toPrecision(3)} ${unit}</text>`,
  );
  groups.forEach((g, gi) => {
    const x0 = left + gi * groupW + (groupW - barW * names.length) / 2;
    names.forEach((n, ni) => {
      const v = g.values[n];
      if (typeof v !== 'number') return;
      const h = (v / max) * plotH;
      const x = x0 + ni * barW;
      out.push(
        `<rect x="${x.toFixed(1)}" y="${(base - h).toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${h.toFixed(1)}" fill="${COLOURS[n]}"><title>${n}: ${v}</title></rect>`,
      );
      out.push(
        `<text x="${(x + barW / 2 - 1).toFixed(1)}" y="${(base - h - 3).toFixed(1)}" font-size="9" text-anchor="middle">${v < 10 ? v.toFixed(1) : Math.round(v)}</text>`,
      );
    });
    out.push(
      `<text x="${(left + gi * groupW + groupW / 2).toFixed(1)}" y="${base + 14}" font-size="11" text-anchor="middle">${g.label}</text>`,
    );
  });
  return out.join('\n');
}

/** Delivery latency p99 of our server per storage engine (SQLite is `ours`). */
function enginePanel(agg, engines) {
  const groups = [];
  for (const [i, row] of (agg.fanout?.[engines[0]] ?? []).entries()) {
    groups.push({
      label: `fan-out ${row.observers}`,
      values: Object.fromEntries(engines.map((c) => [c, agg.fanout[c]?.[i]?.latency.p99])),
    });
  }
  if (agg.mixed)
    groups.push({
      label: 'mixed',
      values: Object.fromEntries(engines.map((c) => [c, agg.mixed[c]?.latency.p99])),
    });
  return ['Storage engines: delivery latency p99 (ms, lower is better)', 'ms', groups];
}

export function chartSvg(results, agg) {
  const all = Object.keys(results.convergence ?? {});
  const names = all.filter((n) => !CONTENDERS[n].engine);
  const engines = all.filter((n) => n === 'ours' || CONTENDERS[n].engine);
  const panels = [];
  if (agg.fanout && names.length > 0) {
    const sizes = agg.fanout[names[0]].map((r) => r.observers);
    panels.push([
      'Fan-out delivery latency p99 (ms) by observers',
      'ms',
      sizes.map((n, i) => ({
        label: `${n}`,
        values: Object.fromEntries(names.map((c) => [c, agg.fanout[c][i].latency.p99])),
      })),
    ]);
  }
  const single = [];
  if (agg.mixed && names.length > 0)
    single.push({
      label: 'mixed p99 ms',
      values: Object.fromEntries(names.map((c) => [c, agg.mixed[c].latency.p99])),
    });
  if (agg.join && names.length > 0) {
    agg.join[names[0]].rows.forEach((r, i) => {
      single.push({
        label: `join ${r.megabytes} MB data p99 s`,
        values: Object.fromEntries(names.map((c) => [c, (agg.join[c].rows[i].data.p99 ?? 0) / 1000])),
      });
    });
  }
  if (agg.cold && names.length > 0)
    single.push({
      label: 'cold first load ms',
      values: Object.fromEntries(names.map((c) => [c, agg.cold[c].first.dataMs])),
    });
  if (single.length) panels.push(['Latency and load times (lower is better)', '', single]);
  const mem = [];
  if (agg.idle && names.length > 0) {
    mem.push({
      label: 'KB per board',
      values: Object.fromEntries(names.map((c) => [c, agg.idle[c].perBoardKb])),
    });
    mem.push({
      label: 'KB per extra socket',
      values: Object.fromEntries(names.map((c) => [c, agg.idle[c].perSocketKb])),
    });
  }
  if (agg.durability && names.length > 0)
    mem.push({
      label: 'writes lost after SIGKILL',
      values: Object.fromEntries(names.map((c) => [c, agg.durability[c].totalLost])),
    });
  if (mem.length) panels.push(['Memory and durability (lower is better)', '', mem]);
  if (engines.length > 1 && (agg.fanout || agg.mixed)) panels.push([...enginePanel(agg, engines), engines]);
  const height = 40 + panels.length * PANEL_H;
  const legend = all
    .map(
      (n, i) =>
        `<rect x="${20 + i * 140}" y="10" width="12" height="12" fill="${COLOURS[n]}"/><text x="${36 + i * 140}" y="20" font-size="12">${n}</text>`,
    )
    .join('\n');
  const body = panels
    .map(([title, unit, groups, who = names], i) => panel(title, unit, groups, who, 30 + i * PANEL_H))
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" font-family="sans-serif">\n<rect width="100%" height="100%" fill="#fff"/>\n${legend}\n${body}\n</svg>\n`;
}
