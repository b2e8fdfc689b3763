import os from 'node:os';
import { loadConfig } from './config';
import { freePort, planRoundTable, roundTableBanner } from './lan/roundTable';
import { createLogger, printLine, printText } from './log';
import { startRestCollector } from './restCollector';
import { type RunningServer, startServer } from './server';
import { installShutdown } from './shutdown';

const loaded = loadConfig();
const log = createLogger(loaded.logLevel);

// Round-table mode names its port in the join address before listening on it.
const port = loaded.roundTable && loaded.port === 0 ? await freePort(loaded.host) : loaded.port;
const plan = loaded.roundTable
  ? planRoundTable({
      publicUrl: loaded.publicUrl,
      address: loaded.roundTable.address,
      port,
      interfaces: os.networkInterfaces(),
      secure: loaded.tls !== null,
    })
  : null;
const config = { ...loaded, port, publicUrl: plan?.publicUrl ?? loaded.publicUrl };

// Installed before the server starts, so that a crash or a signal during start-up ends the process too.
let server: RunningServer | undefined;
// Here, not in startServer: only a server process of its own (npm start, the benchmark) collects at rest, never one
// inside a test run. See restCollector.ts.
const restCollector = startRestCollector();
installShutdown({
  log,
  close: async () => {
    restCollector.stop();
    await server?.close();
  },
});

server = await startServer(config, log);
if (plan) {
  const everywhere = config.host === '0.0.0.0' || config.host === '::';
  printText(
    roundTableBanner(
      plan,
      everywhere ? `${config.tls ? 'https' : 'http'}://127.0.0.1:${server.port}` : server.url,
    ),
  );
}
// Always printed, whatever LOG_LEVEL: scripts and tests read the port from this line.
printLine({ msg: 'listening', port: server.port, url: config.publicUrl ?? server.url });
