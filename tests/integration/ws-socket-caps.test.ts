import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../../server/src/config';
import type { RateLimitConfig } from '../../server/src/http/rateLimit';
import { frames, type SeededBoard, seedBoard } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';

/** Upgrade rate limits off; the loopback test client is a proxy whose X-Forwarded-For names the address. */
const PROXIED: RateLimitConfig = {
  apiPerIp: 0,
  apiPerToken: 0,
  wsPerIp: 0,
  wsPerToken: 0,
  trustedProxies: ['127.0.0.1'],
};

interface Attempt {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly ws: WebSocket;
}

describe('open websockets per token and per address', () => {
  let server: TestServer;
  const open: WebSocket[] = [];
  afterEach(async () => {
    for (const ws of open.splice(0)) ws.terminate();
    await server.close();
  });

  const start = async (perToken: number, perAddress: number) => {
    const socketLimits = { ...loadConfig({}).socketLimits, perToken, perAddress };
    server = await startTestServer({ config: { rateLimits: PROXIED, socketLimits } });
  };

  /** An upgrade from `ip`: 101 and an open socket, or the refusal's status and Retry-After. */
  const attempt = (path: string, ip: string): Promise<Attempt> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}${path}`, {
        headers: { 'x-forwarded-for': ip },
      });
      open.push(ws);
      ws.on('error', () => {
        // A refusal surfaces as 'unexpected-response'.
      });
      ws.once('unexpected-response', (_req, res) => {
        resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] ?? null, ws });
        res.resume();
        ws.terminate();
      });
      ws.once('open', () => resolve({ status: 101, retryAfter: null, ws }));
      ws.once('close', () => reject(new Error('closed without an HTTP answer')));
    });
  const boardPath = (board: SeededBoard, token: string, record = false) =>
    `/ws/${board.boardId}${record ? '/record' : ''}?token=${token}`;
  const close = (ws: WebSocket) =>
    new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      ws.close();
    });

  it('refuses one token past its cap with 429 while everyone else still gets in; a closed socket frees a slot', async () => {
    await start(4, 1000);
    const board = await seedBoard(server.url);
    const other = await seedBoard(server.url);
    const token = board.partnerA.token;
    // Two tabs: each opens the board and its record.
    const held = await Promise.all(
      [false, true, false, true].map((record, i) =>
        attempt(boardPath(board, token, record), `10.0.0.${i + 1}`),
      ),
    );
    expect(held.map((a) => a.status)).toEqual([101, 101, 101, 101]);

    const refused = await attempt(boardPath(board, token), '10.0.0.9');
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect((await attempt(boardPath(board, board.partnerB.token), '10.0.0.1')).status).toBe(101);
    expect((await attempt(boardPath(other, other.partnerA.token), '10.0.0.9')).status).toBe(101);

    const first = held[0]?.ws;
    if (!first) throw new Error('no socket');
    await close(first);
    await waitFor(async () => (await attempt(boardPath(board, token), '10.0.0.9')).status === 101, {
      message: 'a slot freed by the closed socket',
    });
    expect((await attempt(boardPath(board, token), '10.0.0.9')).status).toBe(429);
  });

  it('refuses one address past its cap, whatever the token, while other addresses get in', async () => {
    await start(1000, 3);
    const board = await seedBoard(server.url);
    const tokens = [board.partnerA.token, board.partnerB.token, board.observer.token];
    const held = await Promise.all(tokens.map((token) => attempt(boardPath(board, token), '10.0.0.7')));
    expect(held.map((a) => a.status)).toEqual([101, 101, 101]);
    expect((await attempt(boardPath(board, board.facilitator.token), '10.0.0.7')).status).toBe(429);
    expect((await attempt(boardPath(board, board.facilitator.token), '10.0.0.8')).status).toBe(101);

    const first = held[0]?.ws;
    if (!first) throw new Error('no socket');
    await close(first);
    await waitFor(
      async () => (await attempt(boardPath(board, board.facilitator.token), '10.0.0.7')).status === 101,
      { message: 'a slot freed by the closed socket' },
    );
  });

  it('gives the slot back on every way a connection ends: refused, gone mid-handshake, closed by the server', async () => {
    await start(1, 1);
    const board = await seedBoard(server.url);
    const other = await seedBoard(server.url);
    const token = board.partnerA.token;
    const ip = '10.0.0.5';
    // Refused after the token was looked up: another board's document, a path that does not exist.
    expect((await attempt(boardPath(other, token), ip)).status).toBe(403);
    expect((await attempt(`/ws/nope?token=${token}`, ip)).status).toBe(404);
    // Gone while the token is looked up or the room loads.
    for (let i = 0; i < 5; i++) {
      const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}${boardPath(board, token)}`, {
        headers: { 'x-forwarded-for': ip },
      });
      ws.on('error', () => {
        // Terminated before or right after the handshake, on purpose.
      });
      if (i % 2) ws.once('upgrade', () => ws.terminate());
      else setImmediate(() => ws.terminate());
      await new Promise((resolve) => ws.once('close', resolve));
    }
    // Closed by the server for a broken rule.
    const admitted = await waitFor(
      async () => {
        const a = await attempt(boardPath(board, token), ip);
        return a.status === 101 ? a : null;
      },
      { message: 'the slot back after refusals and aborted handshakes' },
    );
    if (!admitted) throw new Error('not admitted');
    const closed = new Promise<number>((resolve) => admitted.ws.once('close', (code) => resolve(code)));
    admitted.ws.send(frames.awareness([{ clientId: 1, state: { participantId: 'someone-else' } }]));
    expect(await closed).toBe(4403);
    await waitFor(async () => (await attempt(boardPath(board, token), ip)).status === 101, {
      message: 'the slot back after a server-side close',
    });
  });
});
