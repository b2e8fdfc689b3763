#!/usr/bin/env node
// `node bench/stack-floor.mjs`: what the libraries our server is built on hold in memory before it does anything,
// against the y-websocket server (issue 28, memory at rest). Each process starts, listens, waits REST_MS, is
// collected once (gc) and reports its RSS: node with better-sqlite3 (a WAL database open), ws and an HTTP server,
// then with yjs and y-protocols, then pino, then zod (imported, no schema built); the y-websocket server anchor
// (servers/ywss.mjs); and our server bundle (dist/server/main.mjs, npm start's node flags, no board). One process
// after the other, so none disturbs another's reading. Needs `npm run build:server` and bench/node_modules.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ourNodeFlags } from './lib/contenders.mjs';
import { benchDir, repoRoot } from './lib/paths.mjs';

const REST_MS = 15_000;

// Preloaded into each process: after REST_MS one forced collection, then RSS from /proc (Linux) on stderr.
const READER = `
import fs from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
setTimeout(() => {
  gc();
  setTimeout(() => {
    const rssKb = Number(/VmRSS:\\s+(\\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]);
    process.stderr.write('FLOOR ' + JSON.stringify({ rssMb: rssKb / 1024, heapMb: process.memoryUsage().heapUsed / 2 ** 20 }) + '\\n');
    process.exit(0);
  }, 1000);
}, ${REST_MS}).unref();
`;

/** A server made of the stack's libraries only, up to `level`: it listens and does nothing else. */
const floorSource = (level) => `
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { WebSocketServer } from 'ws';
const db = new Database(path.join(process.env.DATA_DIR, 'floor.sqlite'));
db.pragma('journal_mode = WAL');
db.exec('CREATE TABLE IF NOT EXISTS updates (seq INTEGER PRIMARY KEY, data BLOB)');
if (${level} >= 1) { await import('yjs'); await import('y-protocols/sync'); await import('y-protocols/awareness'); }
if (${level} >= 2) { const { pino } = await import('pino'); pino({ level: 'warn' }); }
if (${level} >= 3) await import('zod');
const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => res.end('ok'));
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => ws.close()));
server.listen(0, '127.0.0.1');
`;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-stack-floor-'));
const reader = path.join(work, 'reader.mjs');
fs.writeFileSync(reader, READER);
// Inside the repository, so that the floor's imports resolve from its node_modules as our server's do.
const floorFile = (level) => path.join(repoRoot, `.stack-floor-${level}.mjs`);

const CASES = [
  ['node + better-sqlite3 + ws + http', [floorFile(0)], floorSource(0)],
  ['… + yjs + y-protocols', [floorFile(1)], floorSource(1)],
  ['… + pino', [floorFile(2)], floorSource(2)],
  ['… + zod (imported, no schema)', [floorFile(3)], floorSource(3)],
  ['y-websocket server (anchor)', [path.join(benchDir, 'servers/ywss.mjs')], null],
  ['Common Ground, no board', [...ourNodeFlags(), path.join(repoRoot, 'dist/server/main.mjs')], null],
];

function measure(args, dataDir) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', reader, ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', () => {
      const line = /FLOOR (.*)/.exec(stderr);
      if (line) resolve(JSON.parse(line[1]));
      else reject(new Error(`no reading from ${args.at(-1)}:\n${stderr.slice(-2000)}`));
    });
  });
}

try {
  const rows = [];
  for (const [label, args, source] of CASES) {
    if (source) fs.writeFileSync(args[0], source);
    const dataDir = fs.mkdtempSync(path.join(work, 'data-'));
    try {
      const { rssMb, heapMb } = await measure(args, dataDir);
      rows.push({ label, rssMb, heapMb });
      process.stdout.write(`${label}: RSS ${rssMb.toFixed(1)} MB, heap used ${heapMb.toFixed(1)} MB\n`);
    } finally {
      if (source) fs.rmSync(args[0], { force: true });
    }
  }
  const anchor = rows.find((r) => r.label.startsWith('y-websocket')).rssMb;
  process.stdout.write(`\n| process | RSS MB | ÷ y-websocket server |\n|---|---|---|\n`);
  for (const r of rows) {
    process.stdout.write(`| ${r.label} | ${r.rssMb.toFixed(1)} | ${(r.rssMb / anchor).toFixed(2)}× |\n`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
