// The y-websocket server's wiring (its bin/server.js): an HTTP server whose upgrades become y-websocket
// connections, on a port the harness reads back from the `listening` line. Shared by the anchor (ywss.mjs) and the
// reference that stores before it sends (ywss-sqlite.mjs).
import http from 'node:http';
import { WebSocketServer } from 'ws';

/** Listens on PORT (0 = any) with `setupWSConnection` for every connection; returns the socket server. */
export function listenYWebsocket(setupWSConnection) {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('okay');
  });
  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', setupWSConnection);
  server.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ msg: 'listening', port: server.address().port })}\n`);
  });
  return wss;
}
