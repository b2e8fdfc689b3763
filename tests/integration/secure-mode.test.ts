import fs from 'node:fs/promises';
import https from 'node:https';
import path from 'node:path';
import { CreateBoardResponse } from '@common-ground/shared/api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../../server/src/config';
import { createLogger } from '../../server/src/log';
import { startServer } from '../../server/src/server';
import { createClientPool } from '../helpers/clients';
import {
  makeDataDir,
  type SpawnedServer,
  spawnServer,
  startTestServer,
  type TestServer,
} from '../helpers/server';
import { makeTestCert, missingOpenssl, type TestCert } from '../helpers/testCert';

const skipReason = missingOpenssl();

/** A JSON request over https that trusts only the test certificate. */
function httpsJson(
  url: string,
  ca: Buffer,
  options: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const request = https.request(
      url,
      {
        ca,
        method: options.method ?? 'GET',
        headers: payload ? { 'content-type': 'application/json' } : {},
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/** The `ws` WebSocket trusting the test certificate, in the shape y-websocket constructs. */
function trustingWebSocket(ca: Buffer): typeof globalThis.WebSocket {
  class Trusting extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { ca });
    }
  }
  return Trusting as unknown as typeof globalThis.WebSocket;
}

describe.skipIf(skipReason)(
  `secure mode (TLS_CERT/TLS_KEY)${skipReason ? ` — skipped: ${skipReason}` : ''}`,
  () => {
    let cert: TestCert;
    let server: TestServer;
    const pool = createClientPool();
    beforeAll(async () => {
      cert = await makeTestCert();
      server = await startTestServer({ config: { tls: { cert: cert.certFile, key: cert.keyFile } } });
    });
    afterEach(() => pool.destroyAll());
    afterAll(async () => {
      await server?.close();
      if (cert) await fs.rm(cert.dir, { recursive: true, force: true });
    });

    it('answers https and hands out https links', async () => {
      expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const health = await httpsJson(`${server.url}/api/health`, cert.pem);
      expect(health.status).toBe(200);
      const created = await httpsJson(`${server.url}/api/boards`, cert.pem, {
        method: 'POST',
        body: { title: 'Runder Tisch' },
      });
      expect(created.status).toBe(201);
      const board = CreateBoardResponse.parse(created.body);
      const invite = await new Promise<{ status: number; body: unknown }>((resolve, reject) => {
        const request = https.request(
          `${server.url}/api/boards/${board.boardId}/invites`,
          {
            ca: cert.pem,
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${board.token}` },
          },
          (response) => {
            let text = '';
            response.on('data', (chunk: Buffer) => {
              text += chunk.toString();
            });
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
          },
        );
        request.on('error', reject);
        request.end(JSON.stringify({ role: 'partner' }));
      });
      expect(invite.status).toBe(201);
      expect(invite.body).toMatchObject({
        url: expect.stringMatching(/^https:\/\/127\.0\.0\.1:\d+\/join\//),
      });
    });

    it('syncs two y-websocket providers over wss', async () => {
      const created = await httpsJson(`${server.url}/api/boards`, cert.pem, {
        method: 'POST',
        body: { title: 'Runder Tisch' },
      });
      const board = CreateBoardResponse.parse(created.body);
      const websocket = trustingWebSocket(cert.pem);
      const a = pool.connect(server.url, board.boardId, board.token, { websocket });
      const b = pool.connect(server.url, board.boardId, board.token, { websocket });
      await Promise.all([a.synced, b.synced]);
      expect(a.provider.url).toMatch(/^wss:\/\//);
      const seen = new Promise<void>((resolve) => {
        const map = b.doc.getMap('q3-probe');
        map.observe(() => {
          if (map.get('word') === 'Nachbarschaft') resolve();
        });
      });
      a.doc.getMap('q3-probe').set('word', 'Nachbarschaft');
      await seen;
    });

    it('prints https join addresses in round-table mode', async () => {
      const dataDir = await makeDataDir();
      let spawned: SpawnedServer | null = null;
      try {
        spawned = await spawnServer({
          dataDir,
          env: {
            ROUND_TABLE: '1',
            ROUND_TABLE_ADDRESS: 'tisch.test',
            TLS_CERT: cert.certFile,
            TLS_KEY: cert.keyFile,
          },
        });
        const origin = `https://tisch.test:${spawned.port}`;
        const out = spawned.stdout();
        expect(out).toContain(`On this laptop, open   https://127.0.0.1:${spawned.port}`);
        expect(out).toContain(`Phones join at         ${origin}\n`);
        expect(out).toContain(JSON.stringify({ msg: 'listening', port: spawned.port, url: origin }));
      } finally {
        await spawned?.kill();
        await fs.rm(dataDir, { recursive: true, force: true });
      }
    });

    it('names a certificate and key that do not belong together', async () => {
      const other = await makeTestCert();
      const dataDir = await makeDataDir();
      try {
        const config = loadConfig(
          {},
          {
            port: 0,
            host: '127.0.0.1',
            dataDir,
            logLevel: 'silent',
            tls: { cert: cert.certFile, key: other.keyFile },
          },
        );
        await expect(startServer(config, createLogger('silent'))).rejects.toThrow(
          /TLS_CERT and TLS_KEY must be a PEM certificate and its private key/,
        );
      } finally {
        await fs.rm(other.dir, { recursive: true, force: true });
        await fs.rm(dataDir, { recursive: true, force: true });
      }
    });

    it('refuses plain http on the TLS port', async () => {
      const response = await fetch(server.url.replace(/^https/, 'http')).catch((error: unknown) => error);
      expect(response).toBeInstanceOf(Error);
    });
  },
);

describe('secure mode start-up errors', () => {
  it('needs TLS_CERT and TLS_KEY together', () => {
    expect(() => loadConfig({ TLS_CERT: 'cert.pem' })).toThrow(
      'Invalid configuration: TLS_CERT and TLS_KEY go together (only TLS_CERT is set)',
    );
    expect(() => loadConfig({ TLS_KEY: 'key.pem' })).toThrow(/go together \(only TLS_KEY is set\)/);
    expect(loadConfig({}).tls).toBeNull();
    expect(loadConfig({ TLS_CERT: 'c.pem', TLS_KEY: 'k.pem' }).tls).toEqual({
      cert: path.resolve('c.pem'),
      key: path.resolve('k.pem'),
    });
  });

  it('names an unreadable or unusable file before anything opens', async () => {
    const dataDir = await makeDataDir();
    const start = (cert: string, key: string) =>
      startServer(
        loadConfig({}, { port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', tls: { cert, key } }),
        createLogger('silent'),
      );
    const missing = path.join(dataDir, 'missing.pem');
    await expect(start(missing, missing)).rejects.toThrow(
      `Invalid configuration: TLS_CERT cannot be read (${missing})`,
    );
    const garbage = path.join(dataDir, 'garbage.pem');
    await fs.writeFile(garbage, 'not a certificate');
    await expect(start(garbage, garbage)).rejects.toThrow(
      /TLS_CERT and TLS_KEY must be a PEM certificate and its private key/,
    );
    await fs.rm(dataDir, { recursive: true, force: true });
  });
});
