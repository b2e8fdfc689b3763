// Mixed: B boards × E editors, each editor writing `rate` updates/s and sending presence at `awarenessHz`. Each
// editor types into the description of a goal of its own, a well-formed goal as the app writes it (lib/goal.mjs):
// the load people make. (Until 2026-12-06 editors set a bare string under `goals`, which our schema repaired and
// logged on every update: the hostile path, which the hostile shape measures.)
// Latency per delivered update (stamped), server CPU per update and the server's event-loop delay. On a
// two-instance cluster the editors alternate between the instances, so every board has editors on both and
// about half of all deliveries cross instances.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import { cpuBetween, portFor, postgresWindow } from '../lib/cluster.mjs';
import { newGoal, RANKS, typeInto } from '../lib/goal.mjs';
import { scanStamps, stamp } from '../lib/marker.mjs';
import { rng, sleep, summarize } from '../lib/util.mjs';
import { openMany, WireClient } from '../lib/wire.mjs';

/** An editor's own text in its description stays below this: older stamps are deleted as typing goes on. */
const OWN_TEXT_CHARS = 300;

export async function mixed(contender, server, cfg, seed) {
  const random = rng(seed);
  const docs = [];
  for (let b = 0; b < cfg.boards; b++) docs.push(await contender.newDoc(server));
  const latencies = [];
  // On a cluster: deliveries between editors on the same instance and across instances, read apart.
  const instances = server.ports?.length ?? 1;
  const senderInstance = [];
  const sameInstance = [];
  const crossInstance = [];
  let delivered = 0;
  const editors = await openMany(cfg.boards * cfg.editors, (i) => {
    const doc = docs[Math.floor(i / cfg.editors)];
    const client = new WireClient(doc.target(portFor(server, i)), {
      doc: new Y.Doc(),
      applyIncoming: false,
      onPayload: (payload, at) =>
        scanStamps(payload, (seq, sentAt) => {
          // Some servers echo an update to its sender too; only deliveries to the other editors count.
          if (seq < 0 || client.own.has(seq)) return;
          delivered++;
          latencies.push(at - sentAt);
          (senderInstance[seq] === client.instance ? sameInstance : crossInstance).push(at - sentAt);
        }),
    });
    client.instance = i % instances;
    client.participantId = doc.participantId;
    client.own = new Set();
    client.nextWrite = random() * (1000 / cfg.rate);
    client.nextPresence = random() * (1000 / cfg.awarenessHz);
    client.clock = 0;
    return client;
  });

  for (const [i, e] of editors.entries()) {
    const goal = newGoal({
      title: `Ziel ${i % cfg.editors}`,
      description: '',
      stage: 'proposed',
      rank: RANKS[i % cfg.editors],
      createdBy: e.participantId,
    });
    e.doc.transact(() => e.doc.getMap('goals').set(`g${e.doc.clientID}`, goal));
    e.goalId = `g${e.doc.clientID}`;
    e.text = goal.get('description');
    e.typed = [];
  }
  await Promise.all(editors.map((e) => e.roundTrip()));

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
          if (seq >= 0) {
            e.own.add(seq);
            senderInstance[seq] = e.instance;
          }
          typeInto(e.doc, e.text, stamp(seq), e.typed, OWN_TEXT_CHARS);
          e.nextWrite += 1000 / cfg.rate;
        }
        if (now >= e.nextPresence) {
          const editing = e.clock % 2 ? { goalId: e.goalId, field: 'description' } : null;
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
  // The load generator's own event-loop delay: a late receive inflates every latency figure alike.
  const generatorLoop = monitorEventLoopDelay({ resolution: 1 });
  generatorLoop.enable();
  const generatorCpu = process.cpuUsage();
  await drive(cfg.measureMs, true);
  generatorLoop.disable();
  const generatorUsed = process.cpuUsage(generatorCpu);
  const generatorCpuMs = (generatorUsed.user + generatorUsed.system) / 1000;
  const expected = sent * (cfg.editors - 1);
  const drainUntil = performance.now() + 2000;
  while (delivered < expected && performance.now() < drainUntil) await sleep(10);
  const after = await server.stats();
  for (const e of editors) e.close();
  const cpu = cpuBetween(before, after);
  const perUpdate = (us) => (us === null ? null : Math.round(us / Math.max(1, sent)));
  return {
    boards: cfg.boards,
    editors: cfg.boards * cfg.editors,
    sent,
    presence,
    expected,
    delivered,
    latency: summarize(latencies),
    ...(instances > 1
      ? { latencySameInstance: summarize(sameInstance), latencyCrossInstance: summarize(crossInstance) }
      : {}),
    cpuUsPerUpdate: perUpdate(cpu.server),
    postgresCpuUsPerUpdate: perUpdate(cpu.postgres),
    redisCpuUsPerUpdate: perUpdate(cpu.redis),
    serverCpuPct: Math.round((cpu.server / 1000 / cfg.measureMs) * 1000) / 10,
    loop: after.loop,
    ...postgresWindow(after),
    generator: {
      loopP99: Math.round(generatorLoop.percentile(99) / 1e4) / 100,
      cpuPct: Math.round((generatorCpuMs / cfg.measureMs) * 1000) / 10,
    },
  };
}
