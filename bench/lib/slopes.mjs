// Per round table figures of the capacity shape: least-squares fits over its steps, and what a cluster's fits
// project for instances on cores of their own.
/**
 * Round tables a cluster holds when each instance may use `cpuPct` of a core of its own: the fewest over the
 * instances of (cpuPct − intercept) ÷ slope of its CPU fit (every instance carries part of every table). Null
 * without a rising fit for every instance.
 */
export function projectTables(perInstance, cpuPct) {
  const fits = perInstance.map((i) => i.cpuPct);
  if (fits.some((f) => !f || f.slope <= 0)) return null;
  const tables = Math.min(...fits.map((f) => (cpuPct - f.intercept) / f.slope));
  return { tables: Math.max(0, Math.floor(tables)), cpuPctPerInstance: cpuPct };
}

/** Least-squares slope and intercept of `y` over `x` (null with fewer than two distinct x). */
export function fit(points) {
  const usable = points.filter(([x, y]) => typeof x === 'number' && typeof y === 'number');
  if (new Set(usable.map(([x]) => x)).size < 2) return null;
  const n = usable.length;
  const mx = usable.reduce((s, [x]) => s + x, 0) / n;
  const my = usable.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = usable.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const sxy = usable.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const slope = sxy / sxx;
  return { slope: Math.round(slope * 1000) / 1000, intercept: Math.round((my - slope * mx) * 10) / 10 };
}
