import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { modifiedAt } from './fileTime';
import { PageHtml } from './pageHtml';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Common Ground</title>
<p>The client is not built yet. Run <code>npm run build</code>, then reload.</p>\n`;

/**
 * Serves the built client. Paths that look like files (an extension, or under /assets/) must exist; every other
 * path is a client route and gets index.html, with the chunks of the page it opens preloaded (PageHtml).
 * Hashed assets are immutable; index.html is revalidated each time.
 */
export function createStaticHandler(
  staticDir: string,
): (req: IncomingMessage, res: ServerResponse, pathname: string) => void {
  const root = path.resolve(staticDir);
  const indexFile = path.join(root, 'index.html');
  const pages = new PageHtml(root);
  return (req, res, pathname) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method Not Allowed\n');
      return;
    }
    if (!fs.existsSync(indexFile)) {
      send(req, res, NOT_BUILT, CONTENT_TYPES['.html'], false);
      return;
    }
    const requested = path.resolve(root, `.${path.posix.normalize(pathname)}`);
    // The prefix check is what makes traversal impossible, whatever the decoding above let through.
    const inside = requested === root || requested.startsWith(root + path.sep);
    const looksLikeFile = pathname.startsWith('/assets/') || path.posix.extname(pathname) !== '';
    if (inside && modifiedAt(requested) !== null && requested !== indexFile) {
      sendFile(req, res, requested, pathname.startsWith('/assets/'));
    } else if (looksLikeFile && requested !== indexFile) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not Found\n');
    } else {
      send(req, res, pages.for(pathname), CONTENT_TYPES['.html'], false);
    }
  };
}

/** The build's compressed copies (client/build/precompress.ts), in order of preference. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/**
 * A file, or the compressed copy of it the browser accepts when the build has one. A copy older than its file is
 * stale (the file was replaced after the build) and ignored.
 */
function sendFile(req: IncomingMessage, res: ServerResponse, file: string, immutable: boolean): void {
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()];
  const modified = modifiedAt(file);
  const variants = ENCODINGS.filter(
    (encoding) => (modifiedAt(file + encoding.suffix) ?? -1) >= (modified ?? 0),
  );
  if (variants.length === 0) {
    send(req, res, fs.readFileSync(file), type, immutable);
    return;
  }
  const chosen = variants.find((encoding) => accepts(req.headers['accept-encoding'], encoding.name));
  const headers = { Vary: 'Accept-Encoding', ...(chosen ? { 'Content-Encoding': chosen.name } : {}) };
  send(req, res, fs.readFileSync(chosen ? file + chosen.suffix : file), type, immutable, headers);
}

/** Whether an Accept-Encoding header allows `encoding` (named, or `*`, and not with q=0). */
export function accepts(header: string | undefined, encoding: string): boolean {
  const offers = (header ?? '').split(',').map((part) => {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { name: name.trim(), allowed: q === undefined || Number(q.slice(2)) > 0 };
  });
  const offer = offers.find((o) => o.name === encoding) ?? offers.find((o) => o.name === '*');
  return offer?.allowed ?? false;
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer | string,
  contentType: string | undefined,
  immutable: boolean,
  extraHeaders: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(200, {
    'Content-Type': contentType ?? 'application/octet-stream',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...extraHeaders,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
