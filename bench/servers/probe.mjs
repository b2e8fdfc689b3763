// Preloaded into every contender (`--import`): answers the harness's stats requests over the IPC channel, so
// CPU, memory and event-loop delay come from inside the server process and cost it nothing between requests.
import { subscribe } from 'node:diagnostics_channel';
import net from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { firstStampSeq } from '../lib/marker.mjs';

const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();

const ms = (ns) => Math.round(ns / 1e3) / 1e3;

// Fan-out: each write of a stamped update (the fan-out shape's writer stamps every one, lib/marker.mjs) to an
// accepted socket (a client's, not the server's own to PostgreSQL or Redis) is noted under the update's number.
// From the last read before its first write (the writer's frame) to its last write is the server's own share of
// the delivery time, apart from how fast the load generator reads the frames.
const broadcasts = { on: false, lastRead: 0, bySeq: new Map() };
// Every observer gets the same bytes: ours and ws send one buffer to all (ws wraps it in a new view each time), so
// one scan per message; Hocuspocus encodes a copy per socket, each scanned (a byte loop, tens of ns).
let lastChunk = { buffer: null, offset: -1, length: -1, seq: null };
function stampOf(chunk) {
  if (!(chunk instanceof Uint8Array) || chunk.byteLength < 8) return null;
  const { buffer, byteOffset, byteLength } = chunk;
  if (buffer === lastChunk.buffer && byteOffset === lastChunk.offset && byteLength === lastChunk.length) {
    return lastChunk.seq;
  }
  const seq = firstStampSeq(chunk);
  lastChunk = { buffer, offset: byteOffset, length: byteLength, seq };
  return seq;
}
const { push, write } = net.Socket.prototype;
net.Socket.prototype.push = function (...args) {
  if (broadcasts.on && this.server) broadcasts.lastRead = performance.now();
  return push.apply(this, args);
};
net.Socket.prototype.write = function (...args) {
  if (broadcasts.on && this.server) {
    const seq = stampOf(args[0]);
    if (seq !== null && seq >= 0) {
      const now = performance.now();
      const seen = broadcasts.bySeq.get(seq);
      if (seen) {
        seen.last = now;
        seen.writes++;
      } else broadcasts.bySeq.set(seq, { readAt: broadcasts.lastRead, last: now, writes: 1 });
    }
  }
  return write.apply(this, args);
};
/** `start` clears and starts noting; `read` stops and returns (and clears) what was noted, one entry per update. */
function stampedWrites(command) {
  if (command === 'start') {
    Object.assign(broadcasts, { on: true, lastRead: 0, bySeq: new Map() });
    return undefined;
  }
  if (command !== 'read') return undefined;
  broadcasts.on = false;
  const out = [...broadcasts.bySeq.values()].map((b) => ({
    fromReadMs: b.readAt > 0 ? b.last - b.readAt : null,
    writes: b.writes,
  }));
  broadcasts.bySeq = new Map();
  return out;
}

// PostgreSQL pools (ours publishes each on this channel, storage/postgres/db.ts): how long a query waited for a
// connection (all 10 busy) and how long it then took, from handing it to pg to its answer (the round trip, the
// statement and a commit's WAL flush). Noted from one stats request that resets the figures to the next.
const pool = { waits: [], queries: [], waitingMax: 0, kinds: new Map() };
subscribe('common-ground:pg-pool', (made) => {
  const connect = made.connect.bind(made);
  made.connect = (callback) => {
    const asked = performance.now();
    const noted = () => pool.waits.push(performance.now() - asked);
    const connecting = callback
      ? connect((error, client, release) => {
          noted();
          callback(error, client, release);
        })
      : connect().then((client) => {
          noted();
          return client;
        });
    // A request that found no idle connection is queued by now.
    pool.waitingMax = Math.max(pool.waitingMax, made.waitingCount);
    return connecting;
  };
  const query = made.query.bind(made);
  made.query = (...args) => {
    if (typeof args[args.length - 1] === 'function') return query(...args);
    const asked = performance.now();
    const sql = typeof args[0] === 'string' ? args[0] : (args[0]?.text ?? '');
    // Statements told apart by their first words: which kinds make the round trips.
    const kind = sql.replace(/\s+/g, ' ').trim().slice(0, 48);
    const done = () => {
      const took = performance.now() - asked;
      pool.queries.push(took);
      const seen = pool.kinds.get(kind) ?? { n: 0, ms: 0 };
      seen.n++;
      seen.ms += took;
      pool.kinds.set(kind, seen);
    };
    const answer = query(...args);
    answer.then(done, done);
    return answer;
  };
});
function poolFigures(reset) {
  if (pool.queries.length === 0 && pool.waits.length === 0) return undefined;
  const summary = (xs) => {
    if (xs.length === 0) return { n: 0 };
    const sorted = [...xs].sort((a, b) => a - b);
    const at = (q) => ms(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] * 1e6);
    return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: ms(sorted[sorted.length - 1] * 1e6) };
  };
  const figures = {
    acquire: summary(pool.waits),
    waited: pool.waits.filter((w) => w > 1).length,
    query: summary(pool.queries),
    waitingMax: pool.waitingMax,
    statements: Object.fromEntries(
      [...pool.kinds]
        .sort((a, b) => b[1].n - a[1].n)
        .map(([kind, { n, ms: total }]) => [kind, { n, ms: Math.round(total) }]),
    ),
  };
  if (reset) Object.assign(pool, { waits: [], queries: [], waitingMax: 0, kinds: new Map() });
  return figures;
}

process.on('message', (message) => {
  if (message?.bench !== 'stats') return;
  if (message.gc && typeof globalThis.gc === 'function') {
    globalThis.gc();
    globalThis.gc();
  }
  const mem = process.memoryUsage();
  process.send?.({
    bench: 'stats',
    id: message.id,
    cpu: process.cpuUsage(),
    rss: mem.rss,
    heapUsed: mem.heapUsed,
    loop: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
    stampedWrites: stampedWrites(message.stampedWrites),
    pool: poolFigures(true),
  });
  if (message.resetLoop) loop.reset();
});
// The channel must not keep a server alive that wants to exit.
process.channel?.unref();
