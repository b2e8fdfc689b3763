import { loadConfig } from './config';
import { createLogger } from './log';
import { startServer } from './server';

const config = loadConfig();
const log = createLogger(config.logLevel);

// Handlers catch their own errors; these are the last line, so one bad request never ends the process.
process.on('uncaughtException', (error) => log.error('uncaught exception', { error }));
process.on('unhandledRejection', (error) => log.error('unhandled rejection', { error }));

const server = await startServer(config, log);
// Always printed, whatever LOG_LEVEL: scripts and tests read the port from this line.
process.stdout.write(`${JSON.stringify({ msg: 'listening', port: server.port, url: server.url })}\n`);

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  log.info('shutting down', { signal });
  server.close().then(
    () => process.exit(0),
    (error: unknown) => {
      log.error('shutdown failed', { error });
      process.exit(1);
    },
  );
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
