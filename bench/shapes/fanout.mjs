// Fan-out: one writer at `rate` updates/s on one document, N observers; latency = receive time minus the send
// time stamped into the update (one process, one clock). Each observer must receive every update. On a
// two-instance cluster the writer is on instance 1 and every other observer on instance 2.
import * as Y from 'yjs';
import { cpuBetween, portFor, postgresWindow } from '../lib/cluster.mjs';
import { scanStamps, stamp } from '../lib/marker.mjs';
import { sleep, summarize } from '../lib/util.mjs';
import { openMany, WireClient } from '../lib/wire.mjs';

export async function fanout(contender, server, { observers, rate, warmupMs, measureMs }) {
  const doc = await contender.newDoc(server);
  const latencies = [];
  // Per instance the observers are on (one list without a cluster): the cross-instance cost, read apart.
  const byInstance = (server.ports ?? [server.port]).map(() => []);
  let measuring = false;
  let received = 0;
  // Per update: when the first and the last observer got it, on the load generator's clock.
  const arrivals = new Map();
  const clients = await openMany(observers, (i) => {
    const port = portFor(server, i);
    const mine = byInstance[server.ports ? server.ports.indexOf(port) : 0];
    return new WireClient(doc.target(port), {
      onPayload: (payload, at) =>
        scanStamps(payload, (seq, sentAt) => {
          if (seq < 0 || !measuring) return;
          received++;
          latencies.push(at - sentAt);
          const seen = arrivals.get(seq);
          if (seen) seen.last = at;
          else arrivals.set(seq, { first: at, last: at });
          mine.push(at - sentAt);
        }),
    });
  });
  const writer = new WireClient(doc.target(server.port), { doc: new Y.Doc() });
  await writer.synced;
  const map = writer.doc.getMap('fanout');
  const interval = 1000 / rate;

  let sent = 0;
  const run = async (ms, measured) => {
    const start = performance.now();
    for (let i = 0; performance.now() - start < ms && i < (ms / interval) * 2; i++) {
      measuring = measured;
      map.set('probe', measured ? stamp(sent++) : stamp(-1));
      await sleep(Math.max(0, start + (i + 1) * interval - performance.now()));
    }
  };
  await run(warmupMs, false);
  const before = await server.stats({ resetLoop: true, stampedWrites: 'start' });
  await run(measureMs, true);
  // Bounded drain: stragglers get up to 2 s, then count as undelivered.
  const drainUntil = performance.now() + 2000;
  while (received < sent * observers && performance.now() < drainUntil) await sleep(10);
  const after = await server.stats({ stampedWrites: 'read' });
  measuring = false;
  writer.close();
  for (const c of clients) c.close();
  const cpu = cpuBetween(before, after);
  const perUpdate = (us) => (us === null ? null : Math.round(us / Math.max(1, sent)));
  return {
    observers,
    sent,
    expected: sent * observers,
    delivered: received,
    latency: summarize(latencies),
    ...(byInstance.length > 1 ? { latencyByInstance: byInstance.map(summarize) } : {}),
    serverCpuPct: Math.round((cpu.server / 1000 / measureMs) * 1000) / 10,
    cpuUsPerUpdate: perUpdate(cpu.server),
    postgresCpuUsPerUpdate: perUpdate(cpu.postgres),
    redisCpuUsPerUpdate: perUpdate(cpu.redis),
    loopP99: after.loop.p99,
    ...postgresWindow(after),
    ...serverInToLastOut(after, observers),
    generatorReadSpan: summarize([...arrivals.values()].map((a) => a.last - a.first)),
  };
}

/**
 * The server's own part of each update it wrote to every observer (servers/probe.mjs): from reading the writer's
 * frame to the last write. Absent on a cluster, whose instances broadcast apart.
 */
function serverInToLastOut(stats, observers) {
  if (!stats.stampedWrites) return {};
  const full = stats.stampedWrites.filter((b) => b.writes >= observers && b.fromReadMs !== null);
  return { serverInToLastOut: summarize(full.map((b) => b.fromReadMs)) };
}
