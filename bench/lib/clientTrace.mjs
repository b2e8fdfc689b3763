// Records a Chromium performance trace over CDP around an action and turns it into frame times plus a coarse
// profile of the renderer's main thread (the trace's own timeline events; no JS sampling).
export const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'toplevel',
  'v8',
];
const FRAME_BUDGET_MS = 16.7;
// Task wrappers: their self time is scheduling overhead, not work a reader can act on.
const WRAPPERS = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'ThreadPool_RunTask']);

/** Runs `action` while Chromium traces; resolves with the trace events. */
export async function recordTrace(cdp, action, categories = CATEGORIES) {
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: categories, excludedCategories: ['*'] },
  });
  await action();
  await cdp.send('Tracing.end');
  await complete;
  return events;
}

/** The median interval between consecutive BeginFrames (one vsync), in ms; 1000/60 if the trace has too few. */
function vsyncPeriodMs(beginFrames) {
  const bySeq = beginFrames
    .filter((e) => Number.isInteger(e.args?.frameSeqId))
    .sort((a, b) => a.args.frameSeqId - b.args.frameSeqId);
  const periods = bySeq
    .slice(1)
    .map((e, i) => (e.ts - bySeq[i].ts) / 1000 / (e.args.frameSeqId - bySeq[i].args.frameSeqId))
    .filter((p) => Number.isFinite(p) && p > 0)
    .sort((a, b) => a - b);
  return periods.length > 10 ? periods[Math.floor(periods.length / 2)] : 1000 / 60;
}

// Chromium's frame reporter says, for every vsync, whether the page had something new to show and showed it.
const PRESENTED = new Set(['STATE_PRESENTED_ALL', 'STATE_PRESENTED_PARTIAL']);
const DROPPED = 'STATE_DROPPED';

/**
 * One state per vsync (`frame_sequence`) from the `PipelineReporter` events: presented wins over dropped over
 * "no update desired" (a vsync can have a main-thread and a compositor reporter).
 */
function vsyncStates(reporters) {
  const rank = (state) => (PRESENTED.has(state) ? 2 : state === DROPPED ? 1 : 0);
  const bySeq = new Map();
  for (const e of reporters) {
    const { frame_sequence: seq, state } = e.args?.frame_reporter ?? {};
    if (!Number.isInteger(seq) || typeof state !== 'string') continue;
    const known = bySeq.get(seq);
    if (known === undefined || rank(state) > rank(known)) bySeq.set(seq, state);
  }
  return [...bySeq].sort((a, b) => a[0] - b[0]).map(([, state]) => state);
}

/**
 * Frame time of every presented frame = (1 + the vsyncs dropped since the frame before) × the vsync period: how
 * long the screen showed stale content. A vsync in which no pointer move arrived has nothing new to show ("no
 * update desired"); it is no frame at all, neither a good one nor a dropped one.
 */
function frameTimes(states, periodMs) {
  const times = [];
  let dropped = 0;
  for (const state of states) {
    if (state === DROPPED) dropped += 1;
    else if (PRESENTED.has(state)) {
      times.push((1 + dropped) * periodMs);
      dropped = 0;
    }
  }
  return times;
}

const ms = (us) => Math.round(us / 100) / 10;
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;

function summary(durationsMs) {
  const s = [...durationsMs].sort((a, b) => a - b);
  const r = (x) => Math.round(x * 10) / 10;
  return {
    n: s.length,
    p50: r(quantile(s, 0.5)),
    p95: r(quantile(s, 0.95)),
    p99: r(quantile(s, 0.99)),
    max: r(s.at(-1) ?? 0),
    over: s.filter((d) => d > FRAME_BUDGET_MS).length,
  };
}

/** Self time (ms) of the complete events of one thread, by label, between `from` and `to` (µs). */
function selfTimes(events, from, to, label) {
  const spans = events
    .filter((e) => e.ph === 'X' && e.ts >= from && e.ts <= to && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const totals = new Map();
  const stack = [];
  const add = (e, us) => totals.set(label(e), (totals.get(label(e)) ?? 0) + us);
  for (const e of spans) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) add(parent, -e.dur);
    add(e, e.dur);
    stack.push(e);
  }
  return [...totals].filter(([name]) => !WRAPPERS.has(name)).sort((a, b) => b[1] - a[1]);
}

const functionLabel = (e) => {
  const data = e.args?.data ?? {};
  const file = String(data.url ?? '')
    .split('/')
    .at(-1);
  return `${e.name} ${data.functionName || '(anonymous)'} ${file}:${data.lineNumber ?? '?'}`;
};

/**
 * Frames of the drag, between the pointerdown and pointerup events, from Chromium's own frame reporter (the
 * `PipelineReporter` events of the page's compositor, as its smoothness metrics use them): per vsync, presented,
 * dropped (there was an update and it missed the vsync), or nothing to show. Frame times: see frameTimes. The
 * intervals between the compositor's `DrawFrame` timestamps are reported too; they jitter by a few ms around the
 * vsync (a late draw followed by an early one). Main-thread work per frame = AnimationFrame spans (Chromium's
 * long-animation-frame timing).
 */
export function analyseTrace(events) {
  const dispatch = (type) => events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === type);
  const down = dispatch('pointerdown');
  const up = dispatch('pointerup');
  if (!down || !up)
    throw new Error('the trace has no pointerdown/pointerup: the drag did not reach the page');
  const inWindow = (e) => e.pid === down.pid && e.ts >= down.ts && e.ts <= up.ts;
  const draws = events.filter((e) => e.name === 'DrawFrame' && inWindow(e)).sort((a, b) => a.ts - b.ts);
  const intervals = draws.slice(1).map((e, i) => (e.ts - (draws[i]?.ts ?? e.ts)) / 1000);
  const period = vsyncPeriodMs(events.filter((e) => e.name === 'BeginFrame' && e.pid === down.pid));
  const states = vsyncStates(
    events.filter((e) => e.name === 'PipelineReporter' && e.ph === 'b' && inWindow(e)),
  );
  if (!states.some((state) => PRESENTED.has(state)))
    throw new Error('the trace has no presented frame: was the devtools.timeline.frame category recorded?');
  const openFrames = [];
  const frameWork = [];
  for (const e of events.filter((x) => x.name === 'AnimationFrame' && x.tid === down.tid && inWindow(x))) {
    if (e.ph === 'b') openFrames.push(e.ts);
    else if (e.ph === 'e' && openFrames.length) frameWork.push((e.ts - (openFrames.shift() ?? e.ts)) / 1000);
  }
  const main = events.filter((e) => e.pid === down.pid && e.tid === down.tid);
  const byName = selfTimes(main, down.ts, up.ts, (e) => e.name);
  const busy = byName.reduce((sum, [, us]) => sum + us, 0);
  const scripts = selfTimes(
    main.filter((e) => e.name === 'FunctionCall'),
    down.ts,
    up.ts,
    functionLabel,
  );
  return {
    windowMs: ms(up.ts - down.ts),
    vsyncPeriodMs: Math.round(period * 100) / 100,
    frames: summary(frameTimes(states, period)),
    vsyncs: {
      total: states.length,
      presented: states.filter((state) => PRESENTED.has(state)).length,
      dropped: states.filter((state) => state === DROPPED).length,
      nothingNew: states.filter((state) => !PRESENTED.has(state) && state !== DROPPED).length,
    },
    drawIntervals: summary(intervals),
    droppedFrames: events.filter((e) => e.name === 'DroppedFrame' && inWindow(e)).length,
    mainThreadPerFrame: summary(frameWork),
    mainThreadBusyMs: ms(busy),
    mainThreadSelfMs: byName.slice(0, 8).map(([name, us]) => ({ name, ms: ms(us) })),
    longestScripts: scripts.slice(0, 5).map(([name, us]) => ({ name, ms: ms(us) })),
  };
}
