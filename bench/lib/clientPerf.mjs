// The client figures of issue 7: a board with 300 goals in headless Chromium — time until all cards are in the DOM,
// and frame times from a performance trace while a card is dragged across columns with the mouse. Our server
// only (no anchor has a client); the figures go to client.md / client.json next to the harness's results.
//
// Runs in its own process (`runClientPerf` spawns this file): under tsx, so the board is seeded with the shared
// package's own mutations and the tests' y-websocket client (one copy of yjs, the root project's), and on every
// core, so Chromium is not squeezed onto the load generator's core. Alone: `node bench/lib/clientPerf.mjs [--out d]`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleDir } from '../shapes/client.mjs';
import { chromiumVersion, launchChromium } from './chromium.mjs';
import { analyseTrace, recordTrace } from './clientTrace.mjs';
import { buildOurServer, CONTENDERS } from './contenders.mjs';
import { machineFacts } from './machine.mjs';
import { benchDir, repoRoot } from './paths.mjs';
import { canPin } from './process.mjs';
import { writeShapeReport } from './util.mjs';

export const GOALS = 300;
const FIRST_RENDER_RUNS = 5;
const DRAG_MS = 1000;
const MOVE_HZ = 60;
const FIRST_RENDER_TARGET_MS = 1000;
const FRAME_TARGET_MS = 16.7;
const SEED_STAGES = ['proposed', 'discussing', 'ready', 'parked'];
const thisFile = fileURLToPath(import.meta.url);

/** Measures in a child process (see the header) and returns its figures, or null when it failed. */
export function runClientPerf({ out }) {
  const cores = os.cpus().length;
  const node = [process.execPath, '--import', 'tsx', thisFile, '--child', '--out', out];
  // The harness pins itself to core 1; the browser gets every core back, as on a user's machine.
  const [command, args] = canPin()
    ? ['/usr/bin/taskset', ['-c', `0-${cores - 1}`, ...node]]
    : [node[0], node.slice(1)];
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', timeout: 10 * 60_000 });
  if (result.status !== 0) {
    process.stderr.write(`client perf failed (exit ${result.status ?? result.signal})\n`);
    return null;
  }
  return JSON.parse(fs.readFileSync(path.join(out, 'client.json'), 'utf8'));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round1 = (x) => Math.round(x * 10) / 10;

/** A board of `GOALS` goals spread evenly over the four stages, written by its facilitator. */
export async function seedBoard(port) {
  const response = await fetch(`http://127.0.0.1:${port}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Runder Tisch Südstadt', name: 'Maria Schulz' }),
  });
  if (response.status !== 201) throw new Error(`create board: ${response.status} ${await response.text()}`);
  const board = await response.json();
  const { proposeGoal, readGoals, setGoalStage } = await import('@common-ground/shared/schema');
  const { connectBoard } = await import('../../tests/helpers/clients.ts');
  const url = `http://127.0.0.1:${port}`;
  const writer = connectBoard(url, board.boardId, board.token, { participantId: board.participantId });
  await writer.synced;
  const stageOf = (i) => SEED_STAGES[i % SEED_STAGES.length];
  for (let i = 0; i < GOALS; i++) {
    const id = proposeGoal(writer.doc, {
      title: `Ziel ${i + 1}: Spielplatz, Radweg und Treffpunkt im Quartier`,
      description: 'Gemeinsam mit den Nachbarinnen und Nachbarn geplant.',
      createdBy: board.participantId,
      now: Date.now(),
    });
    if (stageOf(i) !== 'proposed') setGoalStage(writer.doc, id, stageOf(i));
  }
  // The server has them once a second client, connected afterwards, holds all of them in their stages.
  const reader = connectBoard(url, board.boardId, board.token);
  const complete = () => {
    const goals = readGoals(reader.doc);
    return (
      goals.length === GOALS &&
      SEED_STAGES.every((s) => goals.filter((g) => g.stage === s).length === GOALS / 4)
    );
  };
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the server did not hold all goals within 60 s')),
      60_000,
    );
    const check = () => {
      if (!complete()) return;
      clearTimeout(timer);
      reader.doc.off('update', check);
      resolve();
    };
    reader.doc.on('update', check);
    reader.synced.then(check);
  });
  writer.destroy();
  reader.destroy();
  return { ...board, url, title: 'Runder Tisch Südstadt' };
}

/** A fresh, cold context that already remembers the board as its facilitator (as the landing page stores it). */
export async function boardContext(browser, board) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
  const remembered = [
    {
      boardId: board.boardId,
      title: board.title,
      participantId: board.participantId,
      token: board.token,
      role: 'facilitator',
      name: 'Maria Schulz',
    },
  ];
  await context.addInitScript(
    ({ entries, goals }) => {
      localStorage.setItem('common-ground.boards', JSON.stringify(entries));
      // performance.now() counts from navigation start; checked once per frame, before that frame paints.
      const poll = () => {
        if (document.querySelectorAll('[data-testid=goal-card]').length >= goals) {
          window.__cgAllCards = performance.now();
          // Told through the console: waiting with page.waitForFunction would evaluate Playwright's injected
          // script on the page's main thread (about 30 ms) in the middle of the first render being measured.
          console.debug(`cg-all-cards ${window.__cgAllCards}`);
          return;
        }
        requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    },
    { entries: remembered, goals: GOALS },
  );
  return context;
}

async function firstRender(browser, board) {
  const runs = [];
  for (let i = 0; i < FIRST_RENDER_RUNS; i++) {
    const context = await boardContext(browser, board);
    const page = await context.newPage();
    const allCards = new Promise((resolve) => {
      page.on('console', (message) => {
        const [mark, at] = message.text().split(' ');
        if (mark === 'cg-all-cards') resolve(Number(at));
      });
    });
    await page.goto(`${board.url}/b/${board.boardId}`);
    runs.push(round1(await withTimeout(allCards, 60_000, 'the board never showed all its cards')));
    await context.close();
  }
  return { runsMs: runs, medianMs: round1(median(runs)), maxMs: Math.max(...runs) };
}

const withTimeout = (promise, ms, message) =>
  Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(message)), ms).unref()),
  ]);

const centre = async (locator) => {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
};

/** Drags the first card of "proposed" into "ready" (across "discussing") while Chromium traces. */
async function drag(browser, board) {
  const context = await boardContext(browser, board);
  const page = await context.newPage();
  await page.goto(`${board.url}/b/${board.boardId}`);
  await page.waitForFunction(() => typeof window.__cgAllCards === 'number', null, { timeout: 60_000 });
  await page.locator('[data-testid=connection-status][data-status=live]').waitFor();
  const card = page.getByTestId('column-proposed').getByTestId('goal-card').first();
  const title = (await card.locator('h3, [data-testid=goal-title]').first().textContent())?.trim() ?? '';
  // The columns start below the fold; mid-viewport, so dnd-kit's edge auto-scroll stays out of it.
  await card.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  const from = await centre(card.getByTestId('drag-handle'));
  const target = page.getByTestId('column-ready');
  // Level with the grabbed card: a column of 75 cards reaches far below the viewport.
  const to = { x: (await centre(target)).x, y: from.y };
  const cdp = await context.newCDPSession(page);
  const steps = Math.round((DRAG_MS / 1000) * MOVE_HZ);
  const trace = await recordTrace(cdp, async () => {
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    const start = performance.now();
    const moves = [];
    for (let i = 1; i <= steps; i++) {
      // Input pacing, not a wait for an event: a mouse reports at its own rate whether or not frames keep up.
      const due = start + (i * 1000) / MOVE_HZ;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      // Not awaited: page.mouse.move resolves only once the page has handled the move, so awaiting it paced
      // the moves by the page's frames and left vsyncs without any (see bench/README.md, "Client").
      const at = { x: from.x + ((to.x - from.x) * i) / steps, y: from.y + ((to.y - from.y) * i) / steps };
      moves.push(
        cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', ...at, button: 'left', buttons: 1 }),
      );
    }
    await Promise.all(moves);
    await page.mouse.move(to.x, to.y);
    await page.mouse.up();
  });
  await target.getByTestId('goal-card').filter({ hasText: title }).first().waitFor({ timeout: 10_000 });
  const proposedLeft = await page.getByTestId('column-proposed').getByTestId('goal-card').count();
  await context.close();
  return { title, moves: steps, proposedLeft, ...analyseTrace(trace) };
}

const verdict = (value, target) => (value <= target ? 'met' : '**missed**');

function markdown(r) {
  const d = r.drag;
  const f = d.frames;
  const w = d.mainThreadPerFrame;
  const v = d.vsyncs;
  const list = (items) => items.map((x) => `${x.name} ${x.ms} ms`).join('; ');
  return [
    `# Client: a board with ${GOALS} goals in headless Chromium`,
    '',
    `${r.machine.cpu}, ${r.machine.cores} cores, Node ${r.machine.node}, ${r.chromium} (headless, --disable-gpu, 1280×800),`,
    `${r.machine.date}; load average at start ${r.machine.loadAvgAtStart} (busiest: ${r.machine.busiestAtStart}).`,
    `Server: our bundle on SQLite, rate limits off; client ${r.clientBuild}. ${GOALS} goals, ${GOALS / 4} in each of the`,
    'four stage columns, seeded over y-websocket by the facilitator; the browser opens the board as the facilitator.',
    '',
    '| figure | value | target | |',
    '|---|---|---|---|',
    `| first render: navigation start → all ${GOALS} cards in the DOM, median of ${FIRST_RENDER_RUNS} | ${r.firstRender.medianMs} ms | ≤ ${FIRST_RENDER_TARGET_MS} ms | ${verdict(r.firstRender.medianMs, FIRST_RENDER_TARGET_MS)} |`,
    `| first render, max | ${r.firstRender.maxMs} ms | ≤ ${FIRST_RENDER_TARGET_MS} ms | ${verdict(r.firstRender.maxMs, FIRST_RENDER_TARGET_MS)} |`,
    `| drag: frame time ((1 + vsyncs dropped before it) × ${d.vsyncPeriodMs} ms) p50 / p95 / p99 / max | ${f.p50} / ${f.p95} / ${f.p99} / ${f.max} ms | p95 ≤ ${FRAME_TARGET_MS} ms | ${verdict(f.p95, FRAME_TARGET_MS)} |`,
    `| drag: vsyncs presented / dropped / with nothing new to show | ${v.presented} / ${v.dropped} / ${v.nothingNew} of ${v.total} | | |`,
    `| drag: intervals between DrawFrame timestamps p50 / p95 / p99 / max | ${d.drawIntervals.p50} / ${d.drawIntervals.p95} / ${d.drawIntervals.p99} / ${d.drawIntervals.max} ms | | |`,
    `| drag: main-thread work per animation frame p50 / p95 / max | ${w.p50} / ${w.p95} / ${w.max} ms (${w.over} of ${w.n} > ${FRAME_TARGET_MS} ms) | | |`,
    '',
    `First-render runs (ms): ${r.firstRender.runsMs.join(', ')}. Each run is a fresh browser context (empty cache and`,
    'storage) whose init script stores the facilitator token the way the landing page does and counts the cards',
    'once per animation frame; the figure is `performance.now()` (ms since navigation start) in the first frame that',
    `has all ${GOALS} cards, i.e. just before that frame paints. The page reports it on the console: nothing is`,
    "evaluated in the page while it loads (Playwright's waitForFunction would run its injected script there).",
    '',
    `Drag: the first card of "Vorgeschlagen" is grabbed by its handle and moved in ${d.moves} mouse moves at ${MOVE_HZ} Hz`,
    `(${DRAG_MS} ms planned, ${d.windowMs} ms from pointerdown to pointerup in the trace) level into "Bereit", across`,
    `"In Diskussion", and dropped; afterwards it shows in "Bereit" (${d.proposedLeft} cards left in "Vorgeschlagen").`,
    'The moves are sent over CDP on their schedule without waiting for the page, as a mouse reports at its own rate.',
    "Frames = Chromium's own frame reporter in a CDP trace (`PipelineReporter` events of the page's compositor, the",
    'source of its smoothness metrics) between the pointerdown and pointerup events: per vsync, presented, dropped (an',
    'update missed the vsync), or nothing new to show (no pointer move arrived in it). Frame time of a presented frame',
    `= (1 + the vsyncs dropped since the one before) × the vsync period (median \`BeginFrame\` interval, ${d.vsyncPeriodMs} ms):`,
    "how long the screen showed stale content; the card lifting counts too. The intervals between the compositor's",
    '`DrawFrame` timestamps are shown as well: they jitter by a few ms around the vsync (a late draw followed by an',
    `early one). ${d.droppedFrames} \`DroppedFrame\` events. Main-thread work per frame = Chromium's \`AnimationFrame\` spans (the`,
    'long-animation-frame timing: input, rAF, style, layout, paint).',
    '',
    `Where the main thread's time goes during the drag (self time of trace events, ${d.mainThreadBusyMs} ms busy in`,
    `${d.windowMs} ms): ${list(d.mainThreadSelfMs)}.`,
    `Longest script entries (FunctionCall, total): ${list(d.longestScripts)}.`,
    '',
  ].join('\n');
}

async function main(out) {
  // Our bundle from the sources being measured, as the harness does before every run.
  buildOurServer();
  const { dir, built } = bundleDir();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'common-ground-bench-client-'));
  const server = await CONTENDERS.ours.start(dataDir, { STATIC_DIR: dir });
  const browser = await launchChromium();
  try {
    const board = await seedBoard(server.port);
    const results = {
      machine: machineFacts(),
      chromium: await chromiumVersion(),
      clientBuild: built ? 'freshly built into a temp directory' : `dist/client as built ${builtAt(dir)}`,
      goals: GOALS,
      targets: { firstRenderMs: FIRST_RENDER_TARGET_MS, frameP95Ms: FRAME_TARGET_MS },
      firstRender: await firstRender(browser, board),
      drag: await drag(browser, board),
    };
    writeShapeReport(out, 'client', results, markdown(results));
  } finally {
    await browser.close();
    await server.stop('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (built) fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const builtAt = (dir) => fs.statSync(path.join(dir, 'index.html')).mtime.toISOString();

if (process.argv[1] === thisFile) {
  const { values } = parseArgs({
    options: { out: { type: 'string', default: path.join(benchDir, 'results') }, child: { type: 'boolean' } },
  });
  const out = path.resolve(values.out);
  if (values.child) {
    await main(out);
    process.exit(0);
  }
  process.exit(runClientPerf({ out }) ? 0 : 1);
}
