// Idle: B boards with `entries` entries each and S sockets in all. RSS after a forced GC in the server:
// before any socket, with one socket per board (→ per board), with all sockets (→ per extra socket). Then the
// sockets stay open and silent for `holdMs`: the server's event-loop delay meanwhile is what keeping them alive
// (pings, keep-alive frames) costs everyone else.
import * as Y from 'yjs';
import { sleep } from '../lib/util.mjs';
import { openMany, WireClient } from '../lib/wire.mjs';

const settledStats = async (server) => {
  await sleep(1000);
  return server.stats({ gc: true });
};

export async function idle(contender, server, cfg) {
  const docs = [];
  for (let b = 0; b < cfg.boards; b++) docs.push(await contender.newDoc(server));
  const empty = await settledStats(server);
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
  const perBoard = await settledStats(server);
  const rest = await openMany(
    cfg.sockets - cfg.boards,
    (i) => new WireClient(docs[i % cfg.boards].target(server.port)),
  );
  const all = await settledStats(server);
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
    perBoardKb: kb((perBoard.rss - empty.rss) / cfg.boards),
    perSocketKb: kb((all.rss - perBoard.rss) / (cfg.sockets - cfg.boards)),
    heapPerBoardKb: kb((perBoard.heapUsed - empty.heapUsed) / cfg.boards),
    heapPerSocketKb: kb((all.heapUsed - perBoard.heapUsed) / (cfg.sockets - cfg.boards)),
    heldLoopP99Ms: held.loop.p99,
    heldLoopMaxMs: held.loop.max,
  };
}
