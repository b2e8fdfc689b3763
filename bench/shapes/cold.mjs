// Cold load: a board written as N separate updates, a clean stop, then a restart and one new client: time from
// connect to "synced" and to all N entries present. The first load reads the log as written; later loads see
// whatever compaction the server did (y-leveldb compacts on load, ours snapshots every 500 updates). On a
// two-instance cluster the writer uses instance 1 and the new client instance 2.
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { otherPort } from '../lib/cluster.mjs';
import { waitFor } from '../lib/util.mjs';
import { WireClient } from '../lib/wire.mjs';

function diskBytes(dir) {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).size;
  }
  return total;
}

async function loadOnce(contender, env, dataDir, doc, expected, extraEnv) {
  const server = await env.start(contender, dataDir, extraEnv);
  const t0 = performance.now();
  const client = new WireClient(doc.target(otherPort(server)), { doc: new Y.Doc() });
  const entries = client.doc.getMap('entries');
  let dataAt = 0;
  client.doc.on('update', () => {
    if (!dataAt && entries.size === expected) dataAt = performance.now();
  });
  await client.synced;
  const syncedEntries = entries.size;
  await waitFor(() => dataAt > 0, 30_000, `all ${expected} entries`);
  // "data present" includes this process decoding the whole state; timed alone here, for reading the figures.
  const state = Y.encodeStateAsUpdate(client.doc);
  const decodeStart = performance.now();
  Y.applyUpdate(new Y.Doc(), state);
  const clientDecodeMs = Math.round((performance.now() - decodeStart) * 10) / 10;
  client.close();
  await server.stop('SIGTERM');
  return {
    listenMs: Math.round(server.listenMs),
    syncedMs: Math.round((client.syncedAt - t0) * 10) / 10,
    dataMs: Math.round((dataAt - t0) * 10) / 10,
    entriesAtSynced: syncedEntries,
    clientDecodeMs,
  };
}

/**
 * Decodes a state like the one each load receives a few times, untimed: otherwise whichever contender runs first
 * also pays for this process compiling Yjs's decoder (measured: 185 ms against 70 ms once warm).
 */
function warmDecoder(doc) {
  const state = Y.encodeStateAsUpdate(doc);
  for (let i = 0; i < 3; i++) {
    const copy = new Y.Doc();
    // As in a WireClient: an update listener makes Yjs encode what it applied as well.
    copy.on('update', () => {});
    Y.applyUpdate(copy, state);
    copy.destroy();
  }
}

export async function coldLoad(contender, env, cfg, extraEnv = {}) {
  const dataDir = env.newDataDir();
  const server = await env.start(contender, dataDir, extraEnv);
  const doc = await contender.newDoc(server);
  const writer = new WireClient(doc.target(server.port), { doc: new Y.Doc(), applyIncoming: false });
  await writer.synced;
  const entries = writer.doc.getMap('entries');
  for (let i = 0; i < cfg.updates; i++) entries.set(`e${i}`, i);
  await writer.roundTrip(180_000);
  writer.close();
  await server.stop('SIGTERM');
  const bytesOnDisk = (await contender.storedBytes?.(dataDir)) ?? diskBytes(dataDir);
  warmDecoder(writer.doc);
  const first = await loadOnce(contender, env, dataDir, doc, cfg.updates, extraEnv);
  const later = [];
  for (let i = 0; i < cfg.laterLoads; i++)
    later.push(await loadOnce(contender, env, dataDir, doc, cfg.updates, extraEnv));
  return { updates: cfg.updates, bytesOnDisk, first, later };
}
