import { loadConfig } from './config';
import { createLogger, printLine } from './log';
import { type RunningServer, startServer } from './server';
import { installShutdown } from './shutdown';

const config = loadConfig();
const log = createLogger(config.logLevel);

// Installed before the server starts, so that a crash or a signal during start-up ends the process too.
let server: RunningServer | undefined;
installShutdown({ log, close: async () => server?.close() });

server = await startServer(config, log);
// Always printed, whatever LOG_LEVEL: scripts and tests read the port from this line.
printLine({ msg: 'listening', port: server.port, url: server.url });
