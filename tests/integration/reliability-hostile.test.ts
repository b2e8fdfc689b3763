import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RateLimitConfig } from '../../server/src/http/rateLimit';
import { api, createClientPool, seedBoard, upgradeStatus } from '../helpers/clients';
import { startTestServer, type TestServer } from '../helpers/server';
import { waitFor } from '../helpers/wait';
import { addressNo, websocketFrom } from '../reliability/lib/proxied';

const OFF: RateLimitConfig = { apiPerIp: 0, apiPerToken: 0, wsPerIp: 0, wsPerToken: 0, trustedProxies: [] };

describe('slow and hostile clients', () => {
  const pool = createClientPool();
  let server: TestServer | null = null;
  afterEach(async () => {
    pool.destroyAll();
    await server?.close();
    server = null;
  });

  it('terminates a client that stops reading once its buffer passes the cap; others keep up', async () => {
    server = await startTestServer({
      config: {
        rateLimits: OFF,
        limits: {
          maxMessageBytes: 2 * 1024 * 1024,
          maxDocBytes: 1024 * 1024 * 1024,
          maxAwarenessBytes: 4096,
          maxBodyBytes: 65536,
          maxBufferedBytes: 256 * 1024,
          maxConnections: 100,
        },
      },
    });
    const board = await seedBoard(server.url);
    const writer = pool.connect(server.url, board.boardId, board.partnerA.token);
    const reader = pool.connect(server.url, board.boardId, board.partnerB.token);
    await Promise.all([writer.synced, reader.synced]);
    const stalled = pool.raw(server.url, `/ws/${board.boardId}?token=${board.observer.token}`);
    await stalled.opened;
    // Stop reading: the kernel buffers fill, then the server's send buffer for this socket grows.
    (stalled.ws as unknown as { _socket: Socket })._socket.pause();
    const room = server.server.rooms.get(board.boardId);
    expect(room?.connections.size).toBe(3);

    const latencies: number[] = [];
    const text = writer.doc.getText('flood');
    for (let i = 0; i < 200 && (room?.connections.size ?? 0) === 3; i++) {
      const started = Date.now();
      text.insert(text.length, `${i}:${'x'.repeat(128 * 1024)}`);
      const length = text.length;
      await waitFor(() => reader.doc.getText('flood').length === length, { message: `chunk ${i} to arrive` });
      latencies.push(Date.now() - started);
    }
    await waitFor(() => room?.connections.size === 2, { message: 'the stalled client to be cut' });
    expect(reader.provider.wsconnected && writer.provider.wsconnected).toBe(true);
    const sorted = [...latencies].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
    console.info(`slow consumer cut after ${latencies.length} chunks of 128 KiB; reader p95 ${p95} ms`);
    expect(p95).toBeLessThan(1000);
  });

  it('admits a storm of 100 clients up to the connection cap, refuses the rest with 503, then lets them in', async () => {
    server = await startTestServer({
      config: {
        rateLimits: { ...OFF, wsPerIp: 300, trustedProxies: ['127.0.0.1'] },
        limits: {
          maxMessageBytes: 2 * 1024 * 1024,
          maxDocBytes: 16 * 1024 * 1024,
          maxAwarenessBytes: 4096,
          maxBodyBytes: 65536,
          maxBufferedBytes: 8 * 1024 * 1024,
          maxConnections: 60,
        },
      },
    });
    const board = await seedBoard(server.url);
    const tokens = [
      board.partnerA.token,
      board.partnerB.token,
      board.observer.token,
      board.facilitator.token,
    ];
    const clients = Array.from({ length: 100 }, (_, i) =>
      pool.connect(server?.url ?? '', board.boardId, tokens[i % tokens.length] ?? '', {
        websocket: websocketFrom(addressNo(i + 1)),
      }),
    );
    let refused = 0;
    for (const c of clients) c.provider.on('connection-error', () => refused++);
    await waitFor(() => clients.filter((c) => c.provider.synced).length === 60, {
      timeout: 15_000,
      message: '60 clients admitted',
    });
    await waitFor(() => refused >= 40, { timeout: 15_000, message: 'the other 40 refused' });
    expect(server.server.rooms.get(board.boardId)?.connections.size).toBe(60);
    expect((await api(server.url).request('GET', '/api/health')).status).toBe(200);

    const leaving = new Set(clients.filter((c) => c.provider.synced).slice(0, 50));
    for (const c of leaving) c.destroy();
    const staying = clients.filter((c) => !leaving.has(c));
    await waitFor(() => staying.every((c) => c.provider.synced), {
      timeout: 20_000,
      message: 'the refused clients to get in on retry',
    });
    expect(server.server.rooms.get(board.boardId)?.connections.size).toBe(50);
  });
});

describe('rate limits', () => {
  let now = 1_000_000;
  let server: TestServer;
  const start = (rateLimits: RateLimitConfig) =>
    startTestServer({ config: { rateLimits, now: () => now } }).then((s) => {
      server = s;
      return s;
    });
  afterEach(() => server.close());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, { headers }).then(async (r) => ({
      status: r.status,
      retryAfter: r.headers.get('retry-after'),
      body: (await r.json()) as unknown,
    }));

  it('limits API requests per client address, ignoring X-Forwarded-For without a trusted proxy', async () => {
    await start({ ...OFF, apiPerIp: 5 });
    for (let i = 0; i < 5; i++)
      expect((await get('/api/health', { 'x-forwarded-for': addressNo(i) })).status).toBe(200);
    const limited = await get('/api/health', { 'x-forwarded-for': addressNo(99) });
    expect(limited).toMatchObject({
      status: 429,
      retryAfter: '12',
      body: { error: { code: 'rate_limited' } },
    });
    now += 12_000;
    expect((await get('/api/health')).status).toBe(200);
  });

  it('takes the client address from X-Forwarded-For only from a trusted proxy', async () => {
    await start({ ...OFF, apiPerIp: 2, trustedProxies: ['127.0.0.1'] });
    const from = (ip: string) => get('/api/health', { 'x-forwarded-for': `203.0.113.9, ${ip}` });
    expect([(await from('10.0.0.1')).status, (await from('10.0.0.1')).status]).toEqual([200, 200]);
    expect((await from('10.0.0.1')).status).toBe(429);
    expect((await from('10.0.0.2')).status).toBe(200);
  });

  it('limits API requests per token, whatever the address', async () => {
    // Seeding takes the facilitator's token four times (two invites, two confirmed organisations).
    await start({ ...OFF, apiPerToken: 4, trustedProxies: ['127.0.0.1'] });
    const board = await seedBoard(server.url);
    const info = (token: string, i: number) =>
      get(`/api/boards/${board.boardId}`, {
        authorization: `Bearer ${token}`,
        'x-forwarded-for': addressNo(i),
      });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await info(board.partnerA.token, i)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    expect((await info(board.partnerB.token, 9)).status).toBe(200);
  });

  it('limits websocket connection attempts per address and per token with HTTP 429', async () => {
    await start({ ...OFF, wsPerIp: 3, wsPerToken: 2 });
    const board = await seedBoard(server.url);
    const path = (token: string) => `/ws/${board.boardId}?token=${token}`;
    expect(await upgradeStatus(server.url, path(board.partnerA.token))).toBe(101);
    expect(await upgradeStatus(server.url, path(board.partnerA.token))).toBe(101);
    expect(await upgradeStatus(server.url, path(board.partnerA.token))).toBe(429);
    // Guessed tokens count against the address too.
    expect(await upgradeStatus(server.url, path('guess'))).toBe(429);
    now += 60_000;
    expect(await upgradeStatus(server.url, path(board.partnerB.token))).toBe(101);
  });
});
