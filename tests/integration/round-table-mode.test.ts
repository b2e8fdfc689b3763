import http from 'node:http';
import os from 'node:os';
import { CreateInviteResponse, ServerConfigResponse } from '@common-ground/shared/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config';
import { lanAddresses } from '../../server/src/lan/addresses';
import { originOn } from '../../server/src/lan/roundTable';
import {
  makeDataDir,
  type SpawnedServer,
  spawnServer,
  startTestServer,
  type TestServer,
} from '../helpers/server';

/** GET /api/config as a browser that reached the server under `host` (fetch may not set Host). */
function configFor(url: string, host: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${url}/api/config`, { headers: { host } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : null });
      });
    });
    request.on('error', reject);
  });
}

async function reachFor(url: string, host: string) {
  const { status, body } = await configFor(url, host);
  expect(status, host).toBe(200);
  return ServerConfigResponse.parse(body).linksReachable;
}

describe('GET /api/config says whether the links it hands out reach a phone', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each([
    ['127.0.0.1:8787', 'loopback'],
    ['localhost', 'loopback'],
    ['LOCALHOST.:8787', 'loopback'],
    ['[::1]:8787', 'loopback'],
    ['127.9.9.9', 'loopback'],
    ['2130706433', 'loopback'],
    ['0.0.0.0:8787', 'loopback'],
    ['tisch.localhost', 'loopback'],
    ['user@127.0.0.1', 'loopback'],
    ['[::', 'loopback'],
    ['192.168.1.20:8787', 'network'],
    ['tisch.test:8787', 'network'],
    ['localhost.example.org', 'network'],
    ['x'.repeat(4000), 'network'],
  ])('Host %s: %s', async (host, reach) => {
    expect(await reachFor(server.url, host)).toBe(reach);
  });

  it('follows PUBLIC_URL, whatever host the request came to', async () => {
    const lan = await startTestServer({ config: { publicUrl: 'http://tisch.test:8787' } });
    const local = await startTestServer({ config: { publicUrl: 'http://localhost:8787' } });
    try {
      expect(await reachFor(lan.url, '127.0.0.1')).toBe('network');
      expect(await reachFor(local.url, '192.168.1.20')).toBe('loopback');
    } finally {
      await Promise.all([lan.close(), local.close()]);
    }
  });
});

describe('round-table mode (npm run round-table)', () => {
  let spawned: SpawnedServer | undefined;
  afterEach(async () => {
    await spawned?.kill();
    spawned = undefined;
  });

  it('listens on every interface unless HOST says otherwise, and refuses an address that is none', () => {
    expect(loadConfig({ ROUND_TABLE: '1' })).toMatchObject({
      host: '0.0.0.0',
      roundTable: { address: null },
    });
    expect(
      loadConfig({ ROUND_TABLE: 'true', HOST: '192.168.1.20', ROUND_TABLE_ADDRESS: 'tisch.local' }),
    ).toMatchObject({ host: '192.168.1.20', roundTable: { address: 'tisch.local' } });
    expect(loadConfig({})).toMatchObject({ host: '127.0.0.1', roundTable: null });
    expect(loadConfig({ ROUND_TABLE: '0' }).roundTable).toBeNull();
    for (const address of [
      'http://192.168.1.20',
      'zwei Wörter',
      '-bad',
      '192.168.1.20:8787',
      'x'.repeat(300),
    ]) {
      expect(() => loadConfig({ ROUND_TABLE: '1', ROUND_TABLE_ADDRESS: address }), address).toThrow(
        /ROUND_TABLE_ADDRESS/,
      );
    }
    expect(() => loadConfig({ ROUND_TABLE: 'maybe' })).toThrow(/ROUND_TABLE/);
  });

  it('puts the chosen address into the terminal, the log line, invite links and the config', async () => {
    spawned = await spawnServer({
      dataDir: await makeDataDir(),
      env: { ROUND_TABLE: '1', ROUND_TABLE_ADDRESS: 'tisch.test' },
    });
    const origin = `http://tisch.test:${spawned.port}`;
    const out = spawned.stdout();
    expect(out).toContain(`On this laptop, open   ${spawned.url}`);
    expect(out).toContain(`Phones join at         ${origin}\n`);
    // The QR code, drawn with block characters.
    expect(out).toContain('█ ▄▄▄▄▄ █');
    expect(out).toContain(JSON.stringify({ msg: 'listening', port: spawned.port, url: origin }));

    expect(await reachFor(spawned.url, `127.0.0.1:${spawned.port}`)).toBe('network');
    const board = (await (
      await fetch(`${spawned.url}/api/boards`, {
        method: 'POST',
        body: '{"title":"T"}',
        headers: { 'content-type': 'application/json' },
      })
    ).json()) as { boardId: string; token: string };
    const response = await fetch(`${spawned.url}/api/boards/${board.boardId}/invites`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${board.token}` },
      body: JSON.stringify({ role: 'partner' }),
    });
    expect(CreateInviteResponse.parse(await response.json()).url.startsWith(`${origin}/join/`)).toBe(true);
  });

  it('picks the best LAN address of this machine, or says plainly that there is none', async () => {
    spawned = await spawnServer({ dataDir: await makeDataDir(), env: { ROUND_TABLE: '1' } });
    const [best] = lanAddresses(os.networkInterfaces());
    const out = spawned.stdout();
    if (best) {
      const origin = originOn(best.address, spawned.port);
      expect(out).toContain(`Phones join at         ${origin} (${best.adapter})`);
      expect(out).toContain(JSON.stringify({ msg: 'listening', port: spawned.port, url: origin }));
    } else {
      expect(out).toContain('No local network found');
      expect(out).toContain(JSON.stringify({ msg: 'listening', port: spawned.port, url: spawned.url }));
    }
  });

  it('prints PUBLIC_URL in the listening line when it is set', async () => {
    spawned = await spawnServer({
      dataDir: await makeDataDir(),
      env: { PUBLIC_URL: 'https://tisch.example.org/' },
    });
    expect(spawned.stdout()).toContain(
      JSON.stringify({ msg: 'listening', port: spawned.port, url: 'https://tisch.example.org' }),
    );
    expect(spawned.stdout()).not.toContain('Phones join at');
  });
});
