// Records a Chromium performance trace over CDP around an action and turns it into frame times plus a coarse
// profile of the renderer's main thread (the trace's own timeline events; no JS sampling).
const CATEGORIES = [
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
export async function recordTrace(cdp, action) {
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: CATEGORIES, excludedCategories: ['*'] },
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
    // DrawFrame timestamps jitter around the vsync (16.8 ms is one vsync): more than 1.5 is a skipped vsync.
    skippedVsync: s.filter((d) => d > 1.5 * FRAME_BUDGET_MS).length,
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
 * Frames of the drag = the renderer compositor's DrawFrame events between pointerdown and pointerup (the card
 * moves on every pointer move, so every vsync has something to draw). Frame time = vsyncs between consecutive
 * drawn frames (each DrawFrame names the BeginFrame, i.e. the vsync, it answers: `frameSeqId`) × the vsync
 * period (median BeginFrame interval): 16.7 ms when no vsync was skipped. The raw intervals between DrawFrame
 * timestamps are reported too; they jitter by a few ms around that (a late draw followed by an early one).
 * Main-thread work per frame = AnimationFrame spans (Chromium's long-animation-frame timing).
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
  const vsyncs = draws
    .slice(1)
    .map((e, i) => e.args?.frameSeqId - draws[i]?.args?.frameSeqId)
    .filter((n) => Number.isInteger(n) && n > 0);
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
    frames: summary(vsyncs.map((n) => n * period)),
    drawIntervals: summary(intervals),
    droppedFrames: events.filter((e) => e.name === 'DroppedFrame' && inWindow(e)).length,
    mainThreadPerFrame: summary(frameWork),
    mainThreadBusyMs: ms(busy),
    mainThreadSelfMs: byName.slice(0, 8).map(([name, us]) => ({ name, ms: ms(us) })),
    longestScripts: scripts.slice(0, 5).map(([name, us]) => ({ name, ms: ms(us) })),
  };
}
