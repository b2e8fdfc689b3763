// Entry point of `npm start`: `supervisor.mjs <command> [args…]` runs the command (the server) and restarts it
// when it crashes. See supervisor.ts.
import { createLogger, LOG_LEVELS } from '../log';
import { supervise } from './supervisor';

const log = createLogger(LOG_LEVELS.find((level) => level === process.env.LOG_LEVEL) ?? 'info');
const [command, ...args] = process.argv.slice(2);
if (!command) {
  log.error('usage: supervisor.mjs <command> [args…], e.g. supervisor.mjs node dist/server/main.mjs');
  process.exit(2);
}
// `node` means this very node binary, wherever PATH would have led.
process.exit(await supervise({ command: command === 'node' ? process.execPath : command, args, log }));
