// Preloaded into every contender (`--import`): answers the harness's stats requests over the IPC channel, so
// CPU, memory and event-loop delay come from inside the server process and cost it nothing between requests.
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
  });
  if (message.resetLoop) loop.reset();
});
// The channel must not keep a server alive that wants to exit.
process.channel?.unref();
