import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../helpers/clients';
import { makeDataDir, startTestServer, type TestServer } from '../helpers/server';

/** A raw GET, so the path reaches the server exactly as written (fetch would normalise `..`). */
function rawGet(url: string, requestPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = http.get({ hostname, port, path: requestPath }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

describe('static files and headers', () => {
  let server: TestServer;
  let root: string;

  beforeAll(async () => {
    // The secret sits next to the static directory: what a traversal would reach first.
    root = await makeDataDir();
    const staticDir = path.join(root, 'client');
    await fs.mkdir(path.join(staticDir, 'assets'), { recursive: true });
    await fs.writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
    await fs.writeFile(path.join(staticDir, 'assets', 'app-123.js'), 'console.log(1)');
    await fs.writeFile(path.join(root, 'secret.txt'), 'secret');
    server = await startTestServer({ config: { staticDir, publicUrl: 'https://board.example.org' } });
  });
  afterAll(async () => {
    await server.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('serves index.html for client routes, never cached', async () => {
    for (const route of ['/', '/join/ABCDEFGHJK', '/b/abcdefghijklmnop']) {
      const response = await fetch(`${server.url}${route}`);
      expect([route, response.status, await response.text()]).toEqual([
        route,
        200,
        '<!doctype html><title>app</title>',
      ]);
      expect(response.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('serves hashed assets as immutable and 404s missing files instead of the app', async () => {
    const asset = await fetch(`${server.url}/assets/app-123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/favicon.ico`)).status).toBe(404);
  });

  it('never serves files outside the static directory', async () => {
    for (const attempt of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
    ]) {
      const { body } = await rawGet(server.url, attempt);
      expect([attempt, body]).not.toEqual([attempt, 'secret']);
    }
  });

  it('sends the security headers on every response', async () => {
    for (const route of ['/', '/api/health', '/api/nothing', '/assets/app-123.js']) {
      const { headers } = await fetch(`${server.url}${route}`);
      expect(headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('referrer-policy')).toBe('no-referrer');
      expect(headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('builds invite links from PUBLIC_URL', async () => {
    const board = await api(server.url).createBoard();
    const invite = await api(server.url).createInvite(board.boardId, board.token, { role: 'partner' });
    expect(invite.url).toBe(`https://board.example.org/join/${invite.code}`);
  });
});

describe('without a built client', () => {
  it('answers / with a hint to run the build', async () => {
    const server = await startTestServer({ config: { staticDir: '/nonexistent/dist/client' } });
    try {
      const response = await fetch(`${server.url}/`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('npm run build');
      expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({
        ok: true,
        quarantinedUpdates: 0,
        logBudgetRefusals: 0,
      });
    } finally {
      await server.close();
    }
  });
});
