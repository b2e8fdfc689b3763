// Preloaded into every contender (`--import`): answers the harness's stats requests over the IPC channel, so
// CPU, memory and event-loop delay come from inside the server process and cost it nothing between requests.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const loop = monitorEventLoopDelay({ resolution: 1 });
loop.enable();

const ms = (ns) => Math.round(ns / 1e3) / 1e3;

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
  });
  if (message.resetLoop) loop.reset();
});
// The channel must not keep a server alive that wants to exit.
process.channel?.unref();
