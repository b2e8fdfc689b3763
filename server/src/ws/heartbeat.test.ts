import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { KEEPALIVE_MESSAGE } from '../rooms/protocol';
import { startHeartbeat } from './heartbeat';

const INTERVAL_MS = 30;

describe('startHeartbeat', () => {
  let cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const step of cleanup.reverse()) step();
    cleanup = [];
  });

  async function serverWithHeartbeat() {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => wss.once('listening', resolve));
    const stop = startHeartbeat(wss, INTERVAL_MS);
    cleanup.push(() => {
      stop();
      for (const socket of wss.clients) socket.terminate();
      wss.close();
    });
    return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  }

  const opened = (socket: WebSocket) => new Promise((resolve) => socket.once('open', resolve));

  it('terminates a socket that stops answering pings and keeps one that answers', async () => {
    const url = await serverWithHeartbeat();
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
});
