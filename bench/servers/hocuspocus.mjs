// Anchor A: @hocuspocus/server with @hocuspocus/extension-sqlite on a file database, defaults otherwise
// (store debounce 2 s, capped at 10 s). Every token is accepted: the benchmark measures sync, not auth.
import path from 'node:path';
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error('DATA_DIR is required');

const server = new Server({
  port: Number(process.env.PORT ?? 0),
  address: '127.0.0.1',
  quiet: true,
  extensions: [new SQLite({ database: path.join(dataDir, 'hocuspocus.sqlite') })],
  async onAuthenticate() {},
});
await server.listen();
process.stdout.write(`${JSON.stringify({ msg: 'listening', port: server.address.port })}\n`);

let stopping = false;
process.on('SIGTERM', () => {
  if (stopping) return;
  stopping = true;
  // destroy() stores every loaded document before it resolves.
  server.destroy().finally(() => process.exit(0));
});
