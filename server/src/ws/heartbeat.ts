import type { WebSocket, WebSocketServer } from 'ws';
import { KEEPALIVE_MESSAGE } from '../rooms/protocol';

/** How often a turn of the heartbeat runs; each socket's turn still comes once per interval. */
const TICK_MS = 250;

export interface HeartbeatOptions {
  readonly tickMs?: number;
  /** Runs `beat` every `ms` and returns how to stop it (tests drive the turns by hand). */
  readonly every?: (beat: () => void, ms: number) => () => void;
}

const everyUnref = (beat: () => void, ms: number) => {
  const timer = setInterval(beat, ms);
  timer.unref();
  return () => clearInterval(timer);
};

/**
 * Once per interval, every socket gets its turn: terminated if it did not answer the previous ping, otherwise
 * pinged and sent a no-op awareness frame. The frame matters because y-websocket drops a connection after 30 s
 * without a message, and a lone reader with no presence would otherwise receive none; with the default 15 s a dead
 * socket is gone in 30 s. The sockets take turns in slots (one slot per tick, assigned as they connect): beating
 * all at once blocked the event loop for 25 ms per 500 sockets, and every update that arrived meanwhile waited.
 */
export function startHeartbeat(
  wss: WebSocketServer,
  intervalMs: number,
  { tickMs = TICK_MS, every = everyUnref }: HeartbeatOptions = {},
): () => void {
  const slots = Math.max(1, Math.round(intervalMs / tickMs));
  const alive = new WeakSet<WebSocket>();
  const slotOf = new WeakMap<WebSocket, number>();
  let nextSlot = 0;
  let turn = 0;
  // Shared by all sockets (ws calls it with the socket as `this`), not a closure kept on each.
  function onPong(this: WebSocket) {
    alive.add(this);
  }
  const track = (socket: WebSocket) => {
    alive.add(socket);
    slotOf.set(socket, nextSlot);
    nextSlot = (nextSlot + 1) % slots;
    socket.on('pong', onPong);
  };
  wss.on('connection', track);
  const stop = every(() => {
    for (const socket of wss.clients) {
      if ((slotOf.get(socket) ?? 0) !== turn) continue;
      if (!alive.has(socket)) {
        socket.terminate();
        continue;
      }
      alive.delete(socket);
      socket.ping();
      socket.send(KEEPALIVE_MESSAGE);
    }
    turn = (turn + 1) % slots;
  }, intervalMs / slots);
  return () => {
    stop();
    wss.off('connection', track);
  };
}
