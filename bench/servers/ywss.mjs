// Anchor B: @y/websocket-server 0.1.1 with its own LevelDB persistence (YPERSISTENCE, every update written
// through), wired like its bin/server.js but on a port the harness can read back.
import path from 'node:path';
import { listenYWebsocket } from './yWebsocketListen.mjs';

const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error('DATA_DIR is required');
process.env.YPERSISTENCE = path.join(dataDir, 'leveldb');
// utils.js reads YPERSISTENCE when it is first imported, so it is imported after setting it.
const { setupWSConnection, getPersistence } = await import('@y/websocket-server/utils');

const wss = listenYWebsocket(setupWSConnection);

let stopping = false;
process.on('SIGTERM', async () => {
  if (stopping) return;
  stopping = true;
  for (const ws of wss.clients) ws.close();
  // y-leveldb queues every write on one promise chain (`tr`); wait for it before leaving.
  const ldb = getPersistence()?.provider;
  await new Promise((resolve) => setTimeout(resolve, 200));
  await ldb?.tr;
  await ldb?.destroy?.();
  process.exit(0);
});
