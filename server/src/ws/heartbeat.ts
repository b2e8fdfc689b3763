import type { WebSocket, WebSocketServer } from 'ws';
import { KEEPALIVE_MESSAGE } from '../rooms/protocol';

/**
 * Every interval: terminate sockets that did not answer the previous ping, ping the rest, and send them a no-op
 * awareness frame. The frame matters because y-websocket drops a connection after 30 s without a message, and a
 * lone reader with no presence would otherwise receive none; with the default 15 s a dead socket is gone in 30 s.
 */
export function startHeartbeat(wss: WebSocketServer, intervalMs: number): () => void {
  const alive = new WeakSet<WebSocket>();
  // Shared by all sockets (ws calls it with the socket as `this`), not a closure kept on each.
  function onPong(this: WebSocket) {
    alive.add(this);
  }
  const track = (socket: WebSocket) => {
    alive.add(socket);
    socket.on('pong', onPong);
  };
  wss.on('connection', track);
  const timer = setInterval(() => {
    for (const socket of wss.clients) {
      if (!alive.has(socket)) {
        socket.terminate();
        continue;
      }
      alive.delete(socket);
      socket.ping();
      socket.send(KEEPALIVE_MESSAGE);
    }
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    wss.off('connection', track);
  };
}
