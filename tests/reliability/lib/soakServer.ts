// The soak's server in a process of its own (bundled, started with `npm start`'s node flags; see soakProcess.ts),
// so that what it measures is the server's memory alone, not that of the 50 clients driving it. Configured from
// the environment like the real entry point; answers the soak over the IPC channel.
import fs from 'node:fs';
import inspector from 'node:inspector';
import v8 from 'node:v8';
import vm from 'node:vm';
import { loadConfig } from '../../../server/src/config';
import { createLogger } from '../../../server/src/log';
import { startServer } from '../../../server/src/server';
import { watchMemory } from './memoryWatch';
import type { SoakReply, SoakRequest } from './soakProtocol';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const mib = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

function send(reply: SoakReply): void {
  process.send?.(reply);
}

const memory = watchMemory();
// SOAK_ALLOCATION_PROFILE: V8's sampling heap profiler over the whole run, collected objects included, so that
// the profile says which code allocates the garbage (a heap snapshot shows only what is still held).
const profiler = process.env.SOAK_ALLOCATION_PROFILE ? new inspector.Session() : null;
if (profiler) {
  profiler.connect();
  profiler.post('HeapProfiler.enable');
  profiler.post('HeapProfiler.startSampling', {
    samplingInterval: 16_384,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
}
const config = loadConfig();
// Warnings go to stderr as usual; errors also to the soak, which asserts there are none.
const log = createLogger(config.logLevel, (level, line) => {
  if (level === 'error') send({ soak: 'error', line });
  if (level === 'warn' || level === 'error') process.stderr.write(`${line}\n`);
});
const server = await startServer(config, log);

process.on('message', (request: SoakRequest) => {
  if (request.soak === 'stats') {
    // Three, as the in-process soak did: what weak references and finalizers release goes in a later collection.
    if (request.gc) for (let i = 0; i < 3; i++) gc();
    const { heapUsed, rss } = process.memoryUsage();
    send({
      soak: 'stats',
      id: request.id,
      rooms: server.rooms.size,
      heapUsedMiB: mib(heapUsed),
      rssMiB: mib(rss),
      memory: memory.read(),
    });
  } else if (request.soak === 'snapshot') {
    v8.writeHeapSnapshot(request.path);
    send({ soak: 'snapshot', id: request.id });
  } else if (request.soak === 'allocations') {
    profiler?.post('HeapProfiler.stopSampling', (error, result) => {
      if (!error) fs.writeFileSync(request.path, JSON.stringify(result.profile));
      send({ soak: 'allocations', id: request.id });
    });
  } else if (request.soak === 'close') {
    void server.close().then(() => process.exit(0));
  }
});
send({ soak: 'listening', port: server.port });
