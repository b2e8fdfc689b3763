// Issue 23's typing figures: a board with 300 goals open in headless Chromium while another participant (a node
// y-websocket client) types 10 characters per second into one goal's description. Per remote keystroke: the page's
// main-thread time (p50/p95, from a trace) and the GoalCards React re-rendered (from a stand-in DevTools hook):
// unthrottled, unthrottled under a light trace (without the timeline categories' own cost) and with 4× CPU
// throttling (a cheap phone). Our server only; figures go to client-typing.md/json.
//
// Like clientPerf.mjs it runs in its own process under tsx on every core. It measures the build that exists: the
// server bundle and client of `BENCH_OURS_ROOT` (default: this checkout), i.e. run `npm run build` first.
// Alone: `node bench/lib/clientTyping.mjs [--out dir] [--name client-typing] [--client-dir dir]` (`--client-dir`: a
// client build other than the measured checkout's dist/client, e.g. a copy, so a rebuild cannot change it mid-run).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromiumVersion, launchChromium } from './chromium.mjs';
import { boardContext, builtAt, GOALS, seedBoard } from './clientPerf.mjs';
import { recordTrace } from './clientTrace.mjs';
import { CONTENDERS } from './contenders.mjs';
import { machineFacts } from './machine.mjs';
import { installPageProbes } from './pageProbes.mjs';
import { benchDir, repoRoot } from './paths.mjs';
import { canPin } from './process.mjs';
import { keystrokeCosts, LIGHT_TYPING_CATEGORIES, TYPING_CATEGORIES } from './typingTrace.mjs';
import { writeShapeReport } from './util.mjs';

const TYPE_HZ = 10;
const WARM_UP_KEYSTROKES = 20;
const MEASURED_KEYSTROKES = 100;
const THROTTLE_RATE = 4;
const TARGET_P95_MS = 2;
const TYPED = 'Spielplatz am Wasserturm ';
const thisFile = fileURLToPath(import.meta.url);

/** Measures in a child process (see the header); returns its figures, or null when it failed. */
export function runClientTyping({ out, name = 'client-typing', clientDir }) {
  const cores = os.cpus().length;
  const node = [process.execPath, '--import', 'tsx', thisFile, '--child', '--out', out, '--name', name];
  if (clientDir) node.push('--client-dir', clientDir);
  const [command, args] = canPin()
    ? ['/usr/bin/taskset', ['-c', `0-${cores - 1}`, ...node]]
    : [node[0], node.slice(1)];
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', timeout: 10 * 60_000 });
  if (result.status !== 0) {
    process.stderr.write(`client typing failed (exit ${result.status ?? result.signal})\n`);
    return null;
  }
  return JSON.parse(fs.readFileSync(path.join(out, `${name}.json`), 'utf8'));
}

/** A partner who joined through an invite: the one typing. */
async function joinTypist(url, board) {
  const { api, connectBoard } = await import('../../tests/helpers/clients.ts');
  const client = api(url);
  const invite = await client.createInvite(board.boardId, board.token, { role: 'partner' });
  const partner = await client.join({
    code: invite.code,
    name: 'Ayşe Demir',
    partner: { name: 'Mieterverein Südstadt', kind: 'residents' },
  });
  const typist = connectBoard(url, board.boardId, partner.token, { participantId: partner.participantId });
  await typist.synced;
  return typist;
}

/** Appends one character to the goal's description every 1/TYPE_HZ s, on schedule (as a person types). */
async function type(typist, goalId, keystrokes) {
  const { editGoalText, goalText } = await import('@common-ground/shared/schema');
  const start = performance.now();
  for (let i = 0; i < keystrokes; i++) {
    const due = start + (i * 1000) / TYPE_HZ;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    const length = goalText(typist.doc, goalId, 'description')?.length ?? 0;
    editGoalText(typist.doc, goalId, 'description', {
      index: length,
      deleteCount: 0,
      insert: TYPED[i % TYPED.length],
    });
  }
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;

/**
 * One measured stretch of typing: warm-up, then MEASURED_KEYSTROKES under a trace of `categories` with render
 * counting on.
 */
async function measure(page, cdp, typist, goalId, categories = TYPING_CATEGORIES) {
  await type(typist, goalId, WARM_UP_KEYSTROKES);
  await page.evaluate(() => {
    window.__cgRenders.commits = [];
    window.__cgRenders.updates = 0;
    window.__cgRenders.counting = true;
  });
  const events = await recordTrace(cdp, () => type(typist, goalId, MEASURED_KEYSTROKES), categories);
  // For a closer look in Chromium's performance panel: BENCH_TRACE_DIR=/some/dir keeps each trace there.
  if (process.env.BENCH_TRACE_DIR) {
    const file = path.join(process.env.BENCH_TRACE_DIR, `typing-${Date.now()}.json`);
    fs.writeFileSync(file, JSON.stringify({ traceEvents: events }));
  }
  // The last keystroke's render is done once the card shows it: the text arrived and React committed.
  const expected = goalTextNow(typist, goalId);
  await page.waitForFunction(
    ({ id, text }) =>
      document.querySelector(`[data-goal-id="${id}"] .goal-excerpt`)?.textContent?.trim() === text.trim(),
    { id: goalId, text: expected },
  );
  const probe = await page.evaluate(() => {
    window.__cgRenders.counting = false;
    return { commits: window.__cgRenders.commits, updates: window.__cgRenders.updates };
  });
  const cards = probe.commits.map((c) => c.cards).sort((a, b) => a - b);
  const components = probe.commits.map((c) => c.components).sort((a, b) => a - b);
  const totalCards = cards.reduce((sum, n) => sum + n, 0);
  return {
    mainThreadPerKeystroke: keystrokeCosts(events, { tailMs: 1000 / TYPE_HZ }),
    updatesReceived: probe.updates,
    commits: probe.commits.length,
    cardsPerKeystroke: Math.round((totalCards / Math.max(1, probe.updates)) * 100) / 100,
    cardsPerCommit: { p50: quantile(cards, 0.5), max: cards.at(-1) ?? 0 },
    componentsPerCommit: { p50: quantile(components, 0.5), max: components.at(-1) ?? 0 },
  };
}

const goalTextNow = (typist, goalId) =>
  typist.doc.getMap('goals').get(goalId)?.get('description')?.toString() ?? '';

function markdown(r) {
  const ms = ({ p50, p95, max }) => `${p50} / ${p95} / ${max} ms`;
  const row = (label, m) => {
    const k = m.mainThreadPerKeystroke;
    return `| ${label} | ${ms(k.wall)} | ${ms(k.cpu)} | ${m.cardsPerKeystroke} | ${m.cardsPerCommit.p50} / ${m.cardsPerCommit.max} | ${m.componentsPerCommit.p50} / ${m.componentsPerCommit.max} | ${k.keystrokes} / ${m.commits} |`;
  };
  return [
    `# Client: typing beside a board of ${GOALS} goals in headless Chromium (${r.name})`,
    '',
    `${r.machine.cpu}, ${r.machine.cores} cores, Node ${r.machine.node}, ${r.chromium} (headless, --disable-gpu, 1280×800),`,
    `${r.machine.date}; load average at start ${r.machine.loadAvgAtStart} (busiest: ${r.machine.busiestAtStart}).`,
    `Server and client: ${r.build}. The facilitator has the board open; a partner (a node y-websocket client)`,
    `appends ${TYPE_HZ} characters per second to the description of the first "proposed" goal: ${WARM_UP_KEYSTROKES} to warm up, then`,
    `${MEASURED_KEYSTROKES} measured under a trace; again (${WARM_UP_KEYSTROKES} + ${MEASURED_KEYSTROKES}) for each further row.`,
    '',
    '| CPU | main thread per remote keystroke, wall p50 / p95 / max | of it on the CPU p50 / p95 / max | GoalCards re-rendered per keystroke | GoalCards per commit p50 / max | components per commit p50 / max | keystrokes / commits |',
    '|---|---|---|---|---|---|---|',
    row('unthrottled', r.unthrottled),
    row('unthrottled, light trace', r.unthrottledLight),
    row(`${THROTTLE_RATE}× throttled`, r.throttled),
    '',
    `Target: p95 ≤ ${TARGET_P95_MS} ms unthrottled, one card re-rendered per keystroke. Main thread per keystroke: the`,
    "renderer main thread's top-level tasks (trace category `toplevel`) from the task that received the update (a",
    '`cg-remote-update` user-timing mark at the start of every Yjs update message on the board socket) up to the next',
    'keystroke: the message, the bridge, React, style, layout and paint, plus anything else that ran meanwhile.',
    "Wall = the tasks' durations; CPU = the thread time the trace records for them, without the time the thread",
    'waited for a core (on a shared machine under load the two differ a lot; CPU throttling stretches both).',
    "The first and third rows trace Chromium's timeline categories too (what a closer look at the trace needs); they",
    'cost the page time of their own (the `Layout` event counts every layout object of the frame). The light trace',
    'records only top-level tasks and the marks: the figure closest to what the page costs untraced.',
    "Re-rendered cards: a stand-in for React DevTools' hook counts, per commit, the components that rendered (new, or",
    "with React's PerformedWork flag, in subtrees React did not skip); a GoalCard is the component whose child is the",
    '`article[data-testid=goal-card]`. Per keystroke = all GoalCard renders ÷ update messages received.',
    '',
  ].join('\n');
}

async function main(out, name, clientDir) {
  const root = process.env.BENCH_OURS_ROOT ?? repoRoot;
  const staticDir = clientDir ?? path.join(root, 'dist/client');
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) throw new Error(`no client build in ${staticDir}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'common-ground-bench-typing-'));
  const server = await CONTENDERS.ours.start(dataDir, { STATIC_DIR: staticDir });
  const browser = await launchChromium();
  let typist = null;
  try {
    const board = await seedBoard(server.port);
    const context = await boardContext(browser, board);
    await context.addInitScript(installPageProbes);
    const page = await context.newPage();
    await page.goto(`${board.url}/b/${board.boardId}`);
    await page.waitForFunction(() => typeof window.__cgAllCards === 'number', null, { timeout: 60_000 });
    await page.locator('[data-testid=connection-status][data-status=live]').waitFor();
    typist = await joinTypist(board.url, board);
    const { readGoals } = await import('@common-ground/shared/schema');
    const goal = readGoals(typist.doc).find((g) => g.stage === 'proposed');
    if (!goal) throw new Error('the board has no proposed goal');
    const cdp = await context.newCDPSession(page);
    const unthrottled = await measure(page, cdp, typist, goal.id);
    const unthrottledLight = await measure(page, cdp, typist, goal.id, LIGHT_TYPING_CATEGORIES);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE_RATE });
    const throttled = await measure(page, cdp, typist, goal.id);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await context.close();
    const results = {
      name,
      machine: machineFacts(),
      chromium: await chromiumVersion(),
      build: `server ${root}/dist/server, client ${staticDir} as built ${builtAt(staticDir)}`,
      goals: GOALS,
      typeHz: TYPE_HZ,
      targets: { p95Ms: TARGET_P95_MS, cardsPerKeystroke: 1 },
      unthrottled,
      unthrottledLight,
      throttled: { rate: THROTTLE_RATE, ...throttled },
    };
    writeShapeReport(out, name, results, markdown(results));
  } finally {
    typist?.destroy();
    await browser.close();
    await server.stop('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === thisFile) {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: path.join(benchDir, 'results') },
      name: { type: 'string', default: 'client-typing' },
      'client-dir': { type: 'string' },
      child: { type: 'boolean' },
    },
  });
  const clientDir = values['client-dir'] && path.resolve(values['client-dir']);
  const out = path.resolve(values.out);
  if (values.child) {
    await main(out, values.name, clientDir);
    process.exit(0);
  }
  process.exit(runClientTyping({ out, name: values.name, clientDir }) ? 0 : 1);
}
