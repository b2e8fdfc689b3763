// Main-thread time per remote keystroke, from a Chromium trace with a `cg-remote-update` user-timing mark at the
// start of every Yjs update message (see pageProbes.mjs).
import { CATEGORIES } from './clientTrace.mjs';

export const TYPING_CATEGORIES = [...CATEGORIES, 'blink.user_timing'];
/**
 * Only what keystrokeCosts reads. The timeline categories cost the page time of their own (devtools.timeline's
 * `Layout` event counts every layout object of the frame for its `totalObjects`, a walk of the whole tree each
 * frame): a card's text changed by DOM alone, 10 times a second on the 300-goal board, cost 2.3 ms CPU per change
 * under this trace, 2.7 ms with devtools.timeline added and 3.1 ms under TYPING_CATEGORIES (2026-12-06).
 */
export const LIGHT_TYPING_CATEGORIES = ['toplevel', 'blink.user_timing'];

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
const round2 = (x) => Math.round(x * 100) / 100;

/**
 * Top-level tasks of one thread, outermost only, in order: [start, end, cpu] with times in µs; `cpu` is the
 * thread time the trace recorded for the task (its wall time where none), so time the thread waited for a core
 * on a busy machine is not in it.
 */
function topLevelTasks(events, pid, tid) {
  const tasks = events
    .filter(
      (e) =>
        e.pid === pid &&
        e.tid === tid &&
        e.ph === 'X' &&
        typeof e.dur === 'number' &&
        String(e.cat).includes('toplevel'),
    )
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const outer = [];
  for (const e of tasks) {
    const last = outer.at(-1);
    if (last && e.ts < last[1]) {
      last[1] = Math.max(last[1], e.ts + e.dur);
      continue;
    }
    outer.push([e.ts, e.ts + e.dur, typeof e.tdur === 'number' ? e.tdur : e.dur]);
  }
  return outer;
}

function summary(costs) {
  const sorted = [...costs].sort((a, b) => a - b);
  return {
    p50: round2(quantile(sorted, 0.5)),
    p95: round2(quantile(sorted, 0.95)),
    max: round2(sorted.at(-1) ?? 0),
    mean: round2(costs.reduce((sum, c) => sum + c, 0) / Math.max(1, costs.length)),
  };
}

/**
 * Every task of the renderer's main thread is charged to the latest keystroke that arrived at or before it (the
 * task holding a keystroke's mark starts that keystroke's window), up to the next keystroke, or for the last one
 * up to `tailMs` after it. So a keystroke's figure is everything the page did because of it — the message,
 * React's render and commit, style, layout, paint — plus whatever else happened to run before the next one.
 * `wall`: the tasks' duration; `cpu`: the main thread's CPU time in them (see topLevelTasks).
 */
export function keystrokeCosts(events, { tailMs }) {
  const marks = events
    .filter((e) => e.name === 'cg-remote-update' && String(e.cat).includes('blink.user_timing'))
    .sort((a, b) => a.ts - b.ts);
  if (marks.length === 0)
    throw new Error('the trace has no cg-remote-update mark: no remote keystroke arrived');
  const { pid, tid } = marks[0];
  const tasks = topLevelTasks(events, pid, tid);
  const starts = marks.map((mark) => tasks.find(([s, e]) => s <= mark.ts && mark.ts <= e)?.[0] ?? mark.ts);
  const wall = starts.map(() => 0);
  const cpu = starts.map(() => 0);
  const end = marks.at(-1).ts + tailMs * 1000;
  let k = 0;
  for (const [s, e, threadUs] of tasks) {
    if (s < starts[0] || s > end) continue;
    while (k + 1 < starts.length && starts[k + 1] <= s) k += 1;
    wall[k] += (e - s) / 1000;
    cpu[k] += threadUs / 1000;
  }
  return { keystrokes: marks.length, wall: summary(wall), cpu: summary(cpu) };
}
