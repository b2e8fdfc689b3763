// Durability: numbered writes at `rate`/s while an observer records which numbers reached it (acknowledged);
// SIGKILL at a seeded random moment; restart; a fresh client reads what survived. Lost = acknowledged but absent.
// On a two-instance cluster only instance 1 (the writer's) is killed and restarted: the observer sits on instance
// 2, which keeps serving, so "acknowledged" means the update crossed instances; the read-back uses instance 1.
import * as Y from 'yjs';
import { otherPort } from '../lib/cluster.mjs';
import { scanStamps, stamp } from '../lib/marker.mjs';
import { rng, sleep } from '../lib/util.mjs';
import { WireClient } from '../lib/wire.mjs';

const QUIET_MS = 1500;
const READ_BACK_MS = 10_000;

async function readBack(target, expected) {
  const client = new WireClient(target, { doc: new Y.Doc() });
  let lastChange = performance.now();
  client.doc.on('update', () => {
    lastChange = performance.now();
  });
  await client.synced;
  const writes = client.doc.getMap('writes');
  const until = performance.now() + READ_BACK_MS;
  // y-websocket-server answers sync before its load finishes: keep reading until nothing new arrives.
  while (performance.now() < until && writes.size < expected && performance.now() - lastChange < QUIET_MS) {
    await sleep(20);
  }
  const present = new Set([...writes.keys()].map((k) => Number(k.slice(1))));
  client.close();
  return present;
}

export async function durability(contender, env, cfg) {
  const random = rng(env.seed + 1);
  const dataDir = env.newDataDir();
  let server = await env.start(contender, dataDir);
  const cluster = (server.ports?.length ?? 1) > 1;
  const trials = [];
  for (let t = 0; t < cfg.trials; t++) {
    const doc = await contender.newDoc(server);
    const acknowledged = new Set();
    const observer = new WireClient(doc.target(otherPort(server)), {
      onPayload: (payload) => scanStamps(payload, (seq) => acknowledged.add(seq)),
    });
    const writer = new WireClient(doc.target(server.port), { doc: new Y.Doc(), applyIncoming: false });
    await Promise.all([observer.synced, writer.synced]);
    const [lo, hi] = cfg.killAfterMs;
    const killAfter = Math.round(lo + random() * (hi - lo));
    const writes = writer.doc.getMap('writes');
    let sent = 0;
    const start = performance.now();
    const killed = sleep(killAfter).then(() =>
      cluster ? server.stopInstance(0, 'SIGKILL') : server.stop('SIGKILL'),
    );
    while (performance.now() - start < killAfter && sent < (hi / 1000) * cfg.rate * 2) {
      writes.set(`w${sent}`, stamp(sent));
      sent++;
      await sleep(Math.max(0, start + (sent * 1000) / cfg.rate - performance.now()));
    }
    await killed;
    writer.close();
    if (cluster) await server.restartInstance(0);
    else server = await env.start(contender, dataDir);
    const observerKeptConnection = !observer.closed;
    observer.close();
    const present = await readBack(doc.target(server.port), acknowledged.size);
    const lost = [...acknowledged].filter((seq) => !present.has(seq)).length;
    trials.push({
      killAfterMs: killAfter,
      sent,
      acknowledged: acknowledged.size,
      present: present.size,
      lost,
      ...(cluster ? { observerKeptConnection } : {}),
    });
  }
  await server.stop('SIGTERM');
  return {
    trials,
    totalAcknowledged: trials.reduce((s, t) => s + t.acknowledged, 0),
    totalLost: trials.reduce((s, t) => s + t.lost, 0),
    trialsWithLoss: trials.filter((t) => t.lost > 0).length,
  };
}
