// Join storm: a board of 1 MB or 5 MB, the server restarted (document cold on disk), then J clients connect at
// once. Two times per client: "synced" (sync step 2 received) and "data" (the board's last write arrived).
// On a two-instance cluster the joiners alternate between the instances.

import * as Y from 'yjs';
import { portFor } from '../lib/cluster.mjs';
import { boardFixture } from '../lib/fixture.mjs';
import { summarize, waitFor } from '../lib/util.mjs';
import { WireClient } from '../lib/wire.mjs';

export async function joinStorm(contender, env, cfg) {
  const rows = [];
  for (const mb of cfg.sizesMb) {
    const fixture = boardFixture(mb);
    const marker = Buffer.from(fixture.marker);
    const dataDir = env.newDataDir();
    let server = await env.start(contender, dataDir);
    const doc = await contender.newDoc(server);
    const uploader = new WireClient(doc.target(server.port));
    await uploader.synced;
    for (const update of fixture.updates) uploader.sendUpdate(update);
    await uploader.roundTrip(120_000);
    uploader.close();
    await server.stop('SIGTERM');
    server = await env.start(contender, dataDir);

    const t0 = performance.now();
    const joiners = [];
    for (let j = 0; j < cfg.joiners; j++) {
      const client = new WireClient(doc.target(portFor(server, j)), {
        onPayload: (payload, at) => {
          if (!client.dataAt && payload.indexOf(marker) !== -1) client.dataAt = at;
        },
      });
      client.dataAt = 0;
      joiners.push(client);
    }
    const deadline = performance.now() + 120_000;
    await waitFor(
      () => joiners.every((c) => c.dataAt || c.closed) || performance.now() > deadline,
      121_000,
      'joins',
    );
    const peak = await server.stats();
    for (const c of joiners) c.close();
    // The marker says the last write arrived; one full client checks that everything did.
    const check = new WireClient(doc.target(server.port), { doc: new Y.Doc() });
    await check.synced;
    await waitFor(() => check.doc.getMap('meta').get('end') === fixture.marker, 30_000, 'full board');
    const complete = check.doc.getMap('shapes').size === fixture.shapes;
    check.close();
    await server.stop('SIGTERM');
    const ok = joiners.filter((c) => c.dataAt);
    rows.push({
      megabytes: mb,
      boardBytes: fixture.bytes,
      joiners: cfg.joiners,
      withData: ok.length,
      complete,
      synced: summarize(joiners.filter((c) => c.syncedAt).map((c) => c.syncedAt - t0)),
      data: summarize(ok.map((c) => c.dataAt - t0)),
      syncedBeforeData: joiners.filter((c) => c.syncedAt && c.dataAt > c.syncedAt + 1).length,
      serverRssMb: Math.round(peak.rss / 2 ** 20),
    });
  }
  return { rows };
}
