// Idle: B boards with `entries` entries each and S sockets in all. RSS at rest in the server: before any socket,
// with one socket per board (→ per board), with all sockets (→ per extra socket), each after a forced GC, and before
// and with all sockets also as the process holds it untouched. Then the sockets stay open and silent for `holdMs`:
// the server's event-loop delay meanwhile is what keeping them alive (pings, keep-alive frames) costs everyone else.
import * as Y from 'yjs';
import { sleep } from '../lib/util.mjs';
import { openMany, WireClient } from '../lib/wire.mjs';

/**
 * The server's memory at rest: as it holds it (no forced GC), then after a forced GC, `restMs` (15 s) after the
 * burst before it (board creation, joins). A burst grows V8's young generation (up to 2 × 16 MB), and V8 shrinks it
 * only in a collection that finds the allocation rate of its last 5 s low: a forced GC 1 s after the burst measured
 * what the burst left behind, not what the server holds at rest (ours: 88 MB 1 s after creating the 200 boards,
 * 75 MB after 7 s). The anchors create nothing, so the same wait costs them nothing; it also lets V8's memory
 * reducer (the anchors) and our rest collector (server/src/restCollector.ts, after 8 s of quiet) act before the
 * untouched reading.
 */
const restingStats = async (server, restMs) => {
  await sleep(restMs);
  const untouched = await server.stats();
  const collected = await server.stats({ gc: true });
  return { ...collected, untouchedRss: untouched.rss };
};

export async function idle(contender, server, cfg) {
  const docs = [];
  for (let b = 0; b < cfg.boards; b++) docs.push(await contender.newDoc(server));
  const empty = await restingStats(server, cfg.restMs);
  const first = await openMany(cfg.boards, (b) => {
    const doc = new Y.Doc();
    const entries = doc.getMap('entries');
    doc.transact(() => {
      for (let i = 0; i < cfg.entries; i++) entries.set(`entry-${i}`, `Ziel ${i}: Spielplatz am Kanal`);
    });
    return new WireClient(docs[b].target(server.port), { doc });
  });
  for (const c of first) c.sendUpdate(Y.encodeStateAsUpdate(c.doc));
  await Promise.all(first.map((c) => c.roundTrip()));
  const perBoard = await restingStats(server, cfg.restMs);
  const rest = await openMany(
    cfg.sockets - cfg.boards,
    (i) => new WireClient(docs[i % cfg.boards].target(server.port)),
  );
  const all = await restingStats(server, cfg.restMs);
  await server.stats({ resetLoop: true });
  await sleep(cfg.holdMs);
  const held = await server.stats();
  const open = [...first, ...rest].filter((c) => !c.closed).length;
  for (const c of [...first, ...rest]) c.close();
  const kb = (bytes) => Math.round(bytes / 102.4) / 10;
  return {
    boards: cfg.boards,
    sockets: cfg.sockets,
    openAtEnd: open,
    rssEmptyMb: Math.round(empty.rss / 2 ** 20),
    rssAllMb: Math.round(all.rss / 2 ** 20),
    rssEmptyUntouchedMb: Math.round(empty.untouchedRss / 2 ** 20),
    rssAllUntouchedMb: Math.round(all.untouchedRss / 2 ** 20),
    perBoardKb: kb((perBoard.rss - empty.rss) / cfg.boards),
    perSocketKb: kb((all.rss - perBoard.rss) / (cfg.sockets - cfg.boards)),
    heapPerBoardKb: kb((perBoard.heapUsed - empty.heapUsed) / cfg.boards),
    heapPerSocketKb: kb((all.heapUsed - perBoard.heapUsed) / (cfg.sockets - cfg.boards)),
    heldLoopP99Ms: held.loop.p99,
    heldLoopMaxMs: held.loop.max,
  };
}
