import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { KEEPALIVE_MESSAGE } from '../rooms/protocol';
import { type HeartbeatOptions, startHeartbeat } from './heartbeat';

const INTERVAL_MS = 30;

describe('startHeartbeat', () => {
  let cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const step of cleanup.reverse()) step();
    cleanup = [];
  });

  async function serverWithHeartbeat(options: HeartbeatOptions = {}) {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => wss.once('listening', resolve));
    const stop = startHeartbeat(wss, INTERVAL_MS, options);
    cleanup.push(() => {
      stop();
      for (const socket of wss.clients) socket.terminate();
      wss.close();
    });
    return { wss, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}` };
  }

  const opened = (socket: WebSocket) => new Promise((resolve) => socket.once('open', resolve));

  it('terminates a socket that stops answering pings and keeps one that answers', async () => {
    // Three turns per interval: each socket still has its beat once per interval.
    const { url } = await serverWithHeartbeat({ tickMs: INTERVAL_MS / 3 });
    const live = new WebSocket(url);
    const dead = new WebSocket(url, { autoPong: false });
    await Promise.all([opened(live), opened(dead)]);

    const deadClosed = new Promise((resolve) => dead.once('close', resolve));
    let keepalives = 0;
    live.on('message', (data) => {
      if (Buffer.from(data as Buffer).equals(Buffer.from(KEEPALIVE_MESSAGE))) keepalives++;
    });
    await deadClosed;
    // The dead socket goes at the second beat; the live one is pinged and sent a keep-alive at every beat.
    const seen = keepalives;
    await new Promise<void>((resolve) => {
      live.on('message', () => {
        if (keepalives >= seen + 2) resolve();
      });
    });
    expect(live.readyState).toBe(WebSocket.OPEN);
    live.close();
  });

  it('spreads the beats: each turn pings its share of the sockets, each socket once per interval', async () => {
    const turns: (() => void)[] = [];
    const { wss, url } = await serverWithHeartbeat({
      tickMs: INTERVAL_MS / 4,
      every: (beat) => {
        turns.push(beat);
        return () => {};
      },
    });
    const pings = new Map<WebSocket, number>();
    wss.on('connection', (socket) => {
      pings.set(socket, 0);
      const ping = socket.ping.bind(socket);
      socket.ping = () => {
        pings.set(socket, (pings.get(socket) ?? 0) + 1);
        ping();
      };
    });
    const clients = Array.from({ length: 8 }, () => new WebSocket(url));
    cleanup.push(() => {
      for (const client of clients) client.terminate();
    });
    await Promise.all(clients.map(opened));
    await new Promise<void>((resolve) => {
      if (wss.clients.size === 8) resolve();
      else wss.on('connection', () => wss.clients.size === 8 && resolve());
    });
    const beat = turns[0];
    if (!beat) throw new Error('heartbeat scheduled nothing');

    const pinged = () => [...pings.values()].reduce((sum, n) => sum + n, 0);
    beat();
    expect(pinged()).toBe(2);
    beat();
    beat();
    beat();
    expect([...pings.values()]).toEqual(Array(8).fill(1));
  });
});
