import fs from 'node:fs';
import path from 'node:path';

/** Polls `condition` every 5 ms until it holds; throws after `timeoutMs`. */
export async function waitFor(condition, timeoutMs, what) {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await sleep(5);
  }
}

/** Timed pacing for load loops (a benchmark needs wall-clock rates; tests never use this). */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Deterministic PRNG (mulberry32) so kill moments and phases repeat with the same --seed. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Nearest-rank percentiles of `values` (ms). */
export function summarize(values) {
  if (values.length === 0) return { n: 0, p50: null, p95: null, p99: null, max: null };
  const sorted = Float64Array.from(values).sort();
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const r = (x) => Math.round(x * 100) / 100;
  return { n: sorted.length, p50: r(at(0.5)), p95: r(at(0.95)), p99: r(at(0.99)), max: r(sorted.at(-1)) };
}

export const median = (values) => {
  const v = values.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (v.length === 0) return null;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

/** Per-field median over rounds of summaries (each percentile separately). */
export function medianSummary(rounds) {
  const out = {};
  for (const key of Object.keys(rounds[0] ?? {})) out[key] = median(rounds.map((r) => r[key]));
  return out;
}

/** Writes a shape's figures as `<name>.json` and its report as `<name>.md` into `out`, and prints the report. */
export function writeShapeReport(out, name, figures, md) {
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, `${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
  fs.writeFileSync(path.join(out, `${name}.md`), md);
  process.stdout.write(`\n${md}`);
}
