import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDataDir, startTestServer, type TestServer } from '../helpers/server';

const INDEX = '<!doctype html><html><head><title>app</title></head><body></body></html>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(4000))});`;

/** Vite's manifest for a main entry and a board page chunk with two imports (one shared with the main entry). */
const manifest = (boardFile: string) => ({
  'index.html': { file: 'assets/index-1.js', name: 'index', isEntry: true, css: ['assets/index-1.css'] },
  '_BoardPage-2.js': {
    file: `assets/${boardFile}`,
    name: 'BoardPage',
    imports: ['index.html', '_rounds-3.js'],
    css: ['assets/BoardPage-2.css'],
  },
  '_rounds-3.js': { file: 'assets/rounds-3.js', name: 'rounds', imports: ['index.html'] },
  'src/present/PresentPage.tsx': {
    file: 'assets/PresentPage-4.js',
    name: 'PresentPage',
    imports: ['_rounds-3.js'],
  },
});

/** A raw GET with the given Accept-Encoding (fetch would add its own and decode the body). */
function get(url: string, requestPath: string, acceptEncoding?: string, ifNoneMatch?: string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      const { hostname, port } = new URL(url);
      const headers = {
        ...(acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding }),
        ...(ifNoneMatch === undefined ? {} : { 'If-None-Match': ifNoneMatch }),
      };
      http
        .get({ hostname, port, path: requestPath, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          );
        })
        .on('error', reject);
    },
  );
}

describe('delivering the built client', () => {
  let server: TestServer;
  let root: string;
  let staticDir: string;

  beforeAll(async () => {
    root = await makeDataDir();
    staticDir = path.join(root, 'client');
    await fs.mkdir(path.join(staticDir, 'assets'), { recursive: true });
    await fs.mkdir(path.join(staticDir, '.vite'));
    await fs.writeFile(path.join(staticDir, 'index.html'), INDEX);
    const script = path.join(staticDir, 'assets', 'index-1.js');
    await fs.writeFile(script, SCRIPT);
    await fs.writeFile(`${script}.br`, zlib.brotliCompressSync(SCRIPT));
    await fs.writeFile(`${script}.gz`, zlib.gzipSync(SCRIPT));
    await fs.writeFile(path.join(staticDir, 'assets', 'plain-5.js'), SCRIPT);
    await fs.writeFile(
      path.join(staticDir, '.vite', 'manifest.json'),
      JSON.stringify(manifest('BoardPage-2.js')),
    );
    server = await startTestServer({ config: { staticDir } });
  });
  afterAll(async () => {
    await server.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('sends the compressed copy the browser accepts, and the file itself to one that accepts none', async () => {
    const br = await get(server.url, '/assets/index-1.js', 'gzip, deflate, br, zstd');
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
    const gzip = await get(server.url, '/assets/index-1.js', 'br;q=0, gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.body).toString()).toBe(SCRIPT);
    for (const accepted of [undefined, 'identity']) {
      const raw = await get(server.url, '/assets/index-1.js', accepted);
      expect(raw.headers['content-encoding']).toBeUndefined();
      expect(raw.body.toString()).toBe(SCRIPT);
    }
    for (const response of [br, gzip]) {
      expect(response.headers.vary).toBe('Accept-Encoding');
      expect(response.headers['content-type']).toContain('text/javascript');
      expect(response.headers['cache-control']).toContain('immutable');
      expect(Number(response.headers['content-length'])).toBe(response.body.byteLength);
    }
    // A file the build did not compress goes out as it is.
    const plain = await get(server.url, '/assets/plain-5.js', 'br, gzip');
    expect([plain.headers['content-encoding'], plain.body.toString()]).toEqual([undefined, SCRIPT]);
  });

  it('tags each file and encoding with its content hash and answers a current tag with 304', async () => {
    const br = await get(server.url, '/assets/index-1.js', 'br');
    const gzip = await get(server.url, '/assets/index-1.js', 'gzip');
    const raw = await get(server.url, '/assets/index-1.js');
    const tags = [br, gzip, raw].map((response) => response.headers.etag);
    expect(new Set(tags).size).toBe(3);
    for (const tag of tags) expect(tag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await get(server.url, '/assets/index-1.js', 'br', `"stale", ${br.headers.etag}`);
    expect([again.status, again.body.byteLength]).toEqual([304, 0]);
    expect(again.headers.etag).toBe(br.headers.etag);
    expect(again.headers['cache-control']).toContain('immutable');
    expect(again.headers.vary).toBe('Accept-Encoding');
    // A tag of another encoding is not current for this one.
    expect((await get(server.url, '/assets/index-1.js', 'br', gzip.headers.etag)).status).toBe(200);

    const page = await get(server.url, '/');
    expect(page.headers['cache-control']).toBe('no-cache');
    const revalidated = await get(server.url, '/', undefined, page.headers.etag);
    expect([revalidated.status, revalidated.body.byteLength]).toEqual([304, 0]);
    expect(revalidated.headers['cache-control']).toBe('no-cache');
    // The board page preloads its chunks, so it is another body with another tag.
    const board = await get(server.url, '/b/abcdefghijklmnop', undefined, page.headers.etag);
    expect(board.status).toBe(200);
    expect(board.headers.etag).not.toBe(page.headers.etag);
  });

  it('ignores a compressed copy older than its file (the file was replaced after the build)', async () => {
    const file = path.join(staticDir, 'sw.js');
    await fs.writeFile(file, SCRIPT);
    await fs.writeFile(`${file}.br`, zlib.brotliCompressSync(SCRIPT));
    const replaced = `${SCRIPT}// next`;
    await fs.writeFile(file, replaced);
    const later = new Date(Date.now() + 5000);
    await fs.utimes(file, later, later);
    const response = await get(server.url, '/sw.js', 'br');
    expect([response.headers['content-encoding'], response.body.toString()]).toEqual([undefined, replaced]);
  });

  it('preloads the chunks of the page a board or join link opens, and nothing on other pages', async () => {
    const board = (await get(server.url, '/b/abcdefghijklmnop')).body.toString();
    expect(board).toContain('<link rel="modulepreload" crossorigin href="/assets/BoardPage-2.js">');
    expect(board).toContain('<link rel="modulepreload" crossorigin href="/assets/rounds-3.js">');
    expect(board).toContain('<link rel="preload" as="style" crossorigin href="/assets/BoardPage-2.css">');
    // The main entry is the page's own script already.
    expect(board).not.toContain('index-1.js');
    expect(board.indexOf('BoardPage-2.js')).toBeLessThan(board.indexOf('</head>'));
    expect((await get(server.url, '/join/ABCDEFGHJK')).body.toString()).toContain('BoardPage-2.js');
    const present = (await get(server.url, '/b/abcdefghijklmnop/present')).body.toString();
    expect(present).toContain('PresentPage-4.js');
    expect(present).not.toContain('BoardPage-2.js');
    for (const other of ['/', '/b/abcdefghijklmnop/health', '/index.html']) {
      expect((await get(server.url, other)).body.toString()).toBe(INDEX);
    }
  });

  it('reads a new build, and serves the HTML as built when the manifest is not Vite’s', async () => {
    const manifestFile = path.join(staticDir, '.vite', 'manifest.json');
    await fs.writeFile(manifestFile, JSON.stringify(manifest('BoardPage-6.js')));
    // A rebuild within the same millisecond would keep the mtime; the test sets it apart.
    const later = new Date(Date.now() + 5000);
    await fs.utimes(manifestFile, later, later);
    expect((await get(server.url, '/b/abcdefghijklmnop')).body.toString()).toContain('BoardPage-6.js');
    await fs.writeFile(manifestFile, '{"index.html": 42}');
    await fs.utimes(manifestFile, new Date(Date.now() + 10_000), new Date(Date.now() + 10_000));
    expect((await get(server.url, '/b/abcdefghijklmnop')).body.toString()).toBe(INDEX);
  });
});
