// Mixed: B boards × E editors, each editor writing `rate` updates/s and sending presence at `awarenessHz`.
// Latency per delivered update (stamped), server CPU per update and the server's event-loop delay.
import * as Y from 'yjs';
import { scanStamps, stamp } from '../lib/marker.mjs';
import { rng, sleep, summarize } from '../lib/util.mjs';
import { openMany, WireClient } from '../lib/wire.mjs';

export async function mixed(contender, server, cfg, seed) {
  const random = rng(seed);
  const docs = [];
  for (let b = 0; b < cfg.boards; b++) docs.push(await contender.newDoc(server));
  const latencies = [];
  let delivered = 0;
  const editors = await openMany(cfg.boards * cfg.editors, (i) => {
    const doc = docs[Math.floor(i / cfg.editors)];
    const client = new WireClient(doc.target(server.port), {
      doc: new Y.Doc(),
      applyIncoming: false,
      onPayload: (payload, at) =>
        scanStamps(payload, (seq, sentAt) => {
          // Some servers echo an update to its sender too; only deliveries to the other editors count.
          if (seq < 0 || client.own.has(seq)) return;
          delivered++;
          latencies.push(at - sentAt);
        }),
    });
    client.participantId = doc.participantId;
    client.own = new Set();
    client.nextWrite = random() * (1000 / cfg.rate);
    client.nextPresence = random() * (1000 / cfg.awarenessHz);
    client.clock = 0;
    return client;
  });

  let sent = 0;
  let presence = 0;
  const drive = async (ms, measured) => {
    const start = performance.now();
    for (const e of editors) {
      e.nextWrite += start;
      e.nextPresence += start;
    }
    for (let tick = 0; performance.now() - start < ms && tick < ms; tick++) {
      const now = performance.now();
      for (const e of editors) {
        if (now >= e.nextWrite) {
          const seq = measured ? sent++ : -1;
          if (seq >= 0) e.own.add(seq);
          e.doc.getMap('goals').set(String(e.doc.clientID), stamp(seq));
          e.nextWrite += 1000 / cfg.rate;
        }
        if (now >= e.nextPresence) {
          const editing = e.clock % 2 ? { goalId: e.participantId, field: 'title' } : null;
          e.sendAwareness(e.doc.clientID, ++e.clock, { participantId: e.participantId, editing });
          e.nextPresence += 1000 / cfg.awarenessHz;
          if (measured) presence++;
        }
      }
      await sleep(2);
    }
    for (const e of editors) {
      e.nextWrite -= performance.now();
      e.nextPresence -= performance.now();
    }
  };
  await drive(cfg.warmupMs, false);
  const before = await server.stats({ resetLoop: true });
  await drive(cfg.measureMs, true);
  const expected = sent * (cfg.editors - 1);
  const drainUntil = performance.now() + 2000;
  while (delivered < expected && performance.now() < drainUntil) await sleep(10);
  const after = await server.stats();
  for (const e of editors) e.close();
  const cpuUs = after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system;
  return {
    boards: cfg.boards,
    editors: cfg.boards * cfg.editors,
    sent,
    presence,
    expected,
    delivered,
    latency: summarize(latencies),
    cpuUsPerUpdate: Math.round(cpuUs / Math.max(1, sent)),
    serverCpuPct: Math.round((cpuUs / 1000 / cfg.measureMs) * 1000) / 10,
    loop: after.loop,
  };
}
