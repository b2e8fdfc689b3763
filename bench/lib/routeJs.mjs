// The JavaScript each route loads before it is interactive (issue 23): landing `/`, join `/join/:code`, board
// `/b/:id` and projector `/b/:id/present`, each opened in a fresh, cold Chromium context against our bundled
// server. "Interactive" = the route's first control is in the DOM (create-board button, name field, board title,
// projector view), noted by an init script in the first animation frame that has it; the figure is the gzip -9
// size of every script the page requested before that frame, read from the build. Scripts requested later (the
// API client on the first request, the board's chunks prefetched on the join page) are listed apart, with the
// heavy libraries found in each set by the scripts' source maps.
//
// Runs in its own process under tsx (Chromium's path and flags come from tests/helpers/browser.ts). Alone:
// `node bench/lib/routeJs.mjs [--out dir]` writes <out>/routes.md and routes.json; `BENCH_OURS_ROOT` and
// `BENCH_STATIC_DIR` measure another checkout and its client build (e.g. the code before a change).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { bundleDir } from '../shapes/client.mjs';
import { launchChromium } from './chromium.mjs';
import { buildOurServer, CONTENDERS } from './contenders.mjs';
import { machineFacts } from './machine.mjs';
import { benchDir, repoRoot } from './paths.mjs';
import { writeShapeReport } from './util.mjs';

const thisFile = fileURLToPath(import.meta.url);
const LANDING_TARGET_KB = 100;
/** Libraries the landing and join pages must start without (issue 23). */
const HEAVY = ['yjs', 'zod', 'lib0', 'diff', 'y-websocket', 'y-protocols', 'y-indexeddb'];
/** How long a route may stay quiet before the later scripts are counted as all. */
const SETTLE_MS = 1500;

/** Measures in a child process under tsx and returns its figures, or null when it failed. */
export function runRouteJs({ out }) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', thisFile, '--child', '--out', out], {
    cwd: repoRoot,
    stdio: 'inherit',
    timeout: 5 * 60_000,
  });
  if (result.status !== 0) {
    process.stderr.write(`route JS failed (exit ${result.status ?? result.signal})\n`);
    return null;
  }
  return JSON.parse(fs.readFileSync(path.join(out, 'routes.json'), 'utf8'));
}

const kb = (bytes) => Math.round(bytes / 102.4) / 10;

/** gzip -9 bytes and the heavy libraries (by source map) of one built script. */
function describeScript(dir, href) {
  const file = path.join(dir, new URL(href).pathname);
  const gzip = zlib.gzipSync(fs.readFileSync(file), { level: 9 }).byteLength;
  let sources = [];
  try {
    sources = JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')).sources;
  } catch {
    // No source map: the libraries stay unknown, the size is still right.
  }
  const heavy = HEAVY.filter((name) => sources.some((s) => s.includes(`node_modules/${name}/`)));
  return { file: path.basename(file), gzip, heavy };
}

function summarise(dir, hrefs) {
  const scripts = [...new Set(hrefs)].map((href) => describeScript(dir, href));
  return {
    gzipKb: kb(scripts.reduce((sum, s) => sum + s.gzip, 0)),
    files: scripts.map((s) => s.file),
    heavy: [...new Set(scripts.flatMap((s) => s.heavy))],
  };
}

async function api(url, pathname, { token, body } = {}) {
  const response = await fetch(`${url}${pathname}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${pathname}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Opens `pathname` in a cold context and splits its scripts at the first frame that shows `selector`. */
async function measureRoute(browser, dir, url, { pathname, selector, storage }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'de-DE' });
  await context.addInitScript(
    ({ entries, selector }) => {
      for (const [key, value] of entries) localStorage.setItem(key, value);
      const poll = () => {
        if (document.querySelector(selector)) {
          console.debug(`cg-interactive ${performance.now()}`);
          return;
        }
        requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    },
    { entries: Object.entries(storage ?? {}), selector },
  );
  const page = await context.newPage();
  // Chromium types a `<link rel=prefetch>` fetch "other" and a module the page runs "script".
  const requests = [];
  page.on('requestfinished', (request) => {
    if (/\/assets\/[^/]+\.js$/.test(request.url())) {
      requests.push({ url: request.url(), type: request.resourceType(), start: request.timing().startTime });
    }
  });
  const interactive = new Promise((resolve) => {
    page.on('console', (message) => {
      const [mark, at] = message.text().split(' ');
      if (mark === 'cg-interactive') resolve(Number(at));
    });
  });
  await page.goto(`${url}${pathname}`);
  const interactiveAt = await Promise.race([
    interactive,
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error(`${pathname}: ${selector} never appeared`)), 60_000).unref(),
    ),
  ]);
  await page.waitForLoadState('networkidle');
  // Whatever a page fetches at idle (the join page's prefetch) has started within this quiet spell.
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const interactiveEpoch = (await page.evaluate(() => performance.timeOrigin)) + interactiveAt;
  await context.close();
  // A prefetch runs at the browser's idle priority, for the page after this one; a chunk this page imports
  // itself counts as its own even when a prefetch fetched it too.
  const own = requests.filter((r) => r.type !== 'other');
  const ownUrls = new Set(own.map((r) => r.url));
  const before = own.filter((r) => r.start < interactiveEpoch).map((r) => r.url);
  const later = own.filter((r) => r.start >= interactiveEpoch && !before.includes(r.url)).map((r) => r.url);
  const prefetched = requests.filter((r) => r.type === 'other' && !ownUrls.has(r.url)).map((r) => r.url);
  return {
    pathname: pathname.replace(/[A-Za-z0-9_-]{16}/, ':boardId').replace(/\/join\/\w+/, '/join/:code'),
    interactiveMs: Math.round(interactiveAt),
    beforeInteractive: summarise(dir, before),
    later: summarise(dir, later),
    prefetched: summarise(dir, prefetched),
  };
}

function markdown(r) {
  const row = (x) =>
    `| ${x.route} \`${x.pathname}\` | **${x.beforeInteractive.gzipKb} KB** (${x.beforeInteractive.files.length} files) | ${x.beforeInteractive.heavy.join(', ') || 'none'} | ${x.later.gzipKb} KB | ${x.later.heavy.join(', ') || 'none'} | ${x.prefetched.gzipKb} KB | ${x.interactiveMs} ms |`;
  const landing = r.routes.find((x) => x.route === 'landing');
  return [
    '# Client: JavaScript per route before it is interactive',
    '',
    `${r.machine.date}; client ${r.clientBuild}. Chromium headless, cold context per route, loopback (no throttling).`,
    'gzip -9 of every script requested before the first frame that shows the route\'s first control; "later" =',
    `requested after it, until the network was idle for ${SETTLE_MS} ms more; "prefetched" = fetched only through a`,
    '`<link rel=prefetch>` the server added for the next page (at idle priority, whenever it happened). Heavy libraries',
    `(${HEAVY.join(', ')}) by the scripts' source maps.`,
    '',
    '| route | JS before interactive, gzip -9 | heavy libraries in it | JS later | heavy libraries later | prefetched | interactive at |',
    '|---|---|---|---|---|---|---|',
    ...r.routes.map(row),
    '',
    `Landing: ${landing.beforeInteractive.gzipKb} KB against a goal of ≤ ${LANDING_TARGET_KB} KB (${landing.beforeInteractive.gzipKb <= LANDING_TARGET_KB ? 'met' : '**missed**'}).`,
    '',
    ...r.routes.map(
      (x) =>
        `- ${x.route}: before ${x.beforeInteractive.files.join(', ')}; later ${x.later.files.join(', ') || '—'}; prefetched ${x.prefetched.files.join(', ') || '—'}`,
    ),
    '',
  ].join('\n');
}

async function main(out) {
  const staticDir = process.env.BENCH_STATIC_DIR;
  // Our bundle from the sources being measured (BENCH_OURS_ROOT's, if set), as the harness does before every run.
  buildOurServer();
  const { dir, built } = staticDir ? { dir: staticDir, built: false } : bundleDir();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'common-ground-bench-routes-'));
  const server = await CONTENDERS.ours.start(dataDir, { STATIC_DIR: dir });
  const browser = await launchChromium();
  try {
    const url = `http://127.0.0.1:${server.port}`;
    const board = await api(url, '/api/boards', {
      body: { title: 'Runder Tisch Südstadt', name: 'Maria Schulz' },
    });
    const invite = await api(url, `/api/boards/${board.boardId}/invites`, {
      token: board.token,
      body: { role: 'partner' },
    });
    // The board and projector open as the facilitator, stored the way the landing page stores a board.
    const remembered = {
      'common-ground.boards': JSON.stringify([
        {
          boardId: board.boardId,
          title: 'Runder Tisch Südstadt',
          participantId: board.participantId,
          token: board.token,
          role: 'facilitator',
          name: 'Maria Schulz',
        },
      ]),
    };
    const routes = [
      { route: 'landing', pathname: '/', selector: '[data-testid=create-board]' },
      { route: 'join', pathname: `/join/${invite.code}`, selector: '[data-testid=join-name]' },
      {
        route: 'board',
        pathname: `/b/${board.boardId}`,
        selector: '[data-testid=board-title]',
        storage: remembered,
      },
      {
        route: 'projector',
        pathname: `/b/${board.boardId}/present`,
        selector: '[data-testid=present]',
        storage: remembered,
      },
    ];
    const results = {
      machine: machineFacts(),
      clientBuild: staticDir
        ? `from ${staticDir}`
        : built
          ? 'freshly built into a temp directory'
          : `dist/client as built ${fs.statSync(path.join(dir, 'index.html')).mtime.toISOString()}`,
      landingTargetKb: LANDING_TARGET_KB,
      routes: [],
    };
    for (const route of routes) {
      results.routes.push({ route: route.route, ...(await measureRoute(browser, dir, url, route)) });
    }
    writeShapeReport(out, 'routes', results, markdown(results));
  } finally {
    await browser.close();
    await server.stop('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (built) fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === thisFile) {
  const { values } = parseArgs({
    options: { out: { type: 'string', default: path.join(benchDir, 'results') }, child: { type: 'boolean' } },
  });
  const out = path.resolve(values.out);
  if (values.child) {
    await main(out);
    process.exit(0);
  }
  process.exit(runRouteJs({ out }) ? 0 : 1);
}
