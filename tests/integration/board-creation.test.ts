import { CreateBoardResponse, ErrorResponse, ServerConfigResponse } from '@common-ground/shared/api';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config';
import { useClockedServers } from '../helpers/server';

const KEY = 'Nachbarschaft-2027!';

/** POST /api/boards with an optional creation key and client address (believed from the trusted loopback). */
async function create(url: string, options: { key?: string; from?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.key !== undefined) headers['x-board-create-key'] = options.key;
  if (options.from) headers['x-forwarded-for'] = options.from;
  const response = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ title: 'Runder Tisch' }),
  });
  const body: unknown = await response.json();
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body };
}
const errorCode = (body: unknown) => ErrorResponse.parse(body).error.code;

async function serverConfig(url: string) {
  return ServerConfigResponse.parse(await (await fetch(`${url}/api/config`)).json());
}

describe('board creation: per-address limit and optional creation key', () => {
  const servers = useClockedServers();

  it('defaults to 20 boards per hour per address and no key; refuses a key a browser cannot send', () => {
    expect(loadConfig({}).boardCreation).toEqual({ perHour: 20, key: null });
    expect(loadConfig({ BOARD_CREATE_KEY: KEY, BOARD_CREATE_PER_HOUR: '0' }).boardCreation).toEqual({
      perHour: 0,
      key: KEY,
    });
    for (const key of ['mit Leerzeichen', 'Schlüssel', 'x'.repeat(1025)]) {
      expect(() => loadConfig({ BOARD_CREATE_KEY: key }), key).toThrow(/BOARD_CREATE_KEY/);
    }
  });

  it('limits board creation per address, earning boards back over the hour; other addresses are unaffected', async () => {
    const server = await servers.start({
      config: {
        boardCreation: { perHour: 3, key: null },
        rateLimits: { ...loadConfig({}).rateLimits, trustedProxies: ['127.0.0.1'] },
      },
    });
    const from = '203.0.113.7';
    for (let i = 0; i < 3; i++) expect((await create(server.url, { from })).status).toBe(201);
    const refused = await create(server.url, { from });
    expect([refused.status, errorCode(refused.body)]).toEqual([429, 'rate_limited']);
    // One board is earned back every 20 minutes.
    expect(refused.retryAfter).toBe('1200');
    expect((await create(server.url, { from: '198.51.100.1' })).status).toBe(201);
    // The rest of the API is not affected.
    expect((await serverConfig(server.url)).boardCreateKeyRequired).toBe(false);

    servers.clock.now += 19 * 60 * 1000;
    expect((await create(server.url, { from })).status).toBe(429);
    servers.clock.now += 60 * 1000;
    expect((await create(server.url, { from })).status).toBe(201);
    expect((await create(server.url, { from })).status).toBe(429);
  });

  it('requires the creation key when one is set: accepted when right, refused when missing, empty or wrong', async () => {
    const server = await servers.start({ config: { boardCreation: { perHour: 0, key: KEY } } });
    expect(await serverConfig(server.url)).toEqual({
      boardCreateKeyRequired: true,
      linksReachable: 'loopback',
    });
    for (const key of [undefined, '', 'falsch', KEY.toLowerCase(), `${KEY}x`, 'x'.repeat(8000)]) {
      const refused = await create(server.url, { ...(key === undefined ? {} : { key }) });
      expect([key?.slice(0, 20), refused.status, errorCode(refused.body)]).toEqual([
        key?.slice(0, 20),
        403,
        'create_key_invalid',
      ]);
    }
    const created = await create(server.url, { key: KEY });
    expect(created.status).toBe(201);
    CreateBoardResponse.parse(created.body);
  });

  it('counts refused key guesses against the address’s creation limit', async () => {
    const server = await servers.start({ config: { boardCreation: { perHour: 2, key: KEY } } });
    expect((await create(server.url, { key: 'rate-1' })).status).toBe(403);
    expect((await create(server.url, { key: 'rate-2' })).status).toBe(403);
    expect((await create(server.url, { key: KEY })).status).toBe(429);
  });

  it('tells the landing page that no key is needed by default', async () => {
    const server = await servers.start();
    expect(await serverConfig(server.url)).toEqual({
      boardCreateKeyRequired: false,
      linksReachable: 'loopback',
    });
    expect((await create(server.url)).status).toBe(201);
  });
});
