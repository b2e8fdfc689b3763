import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { FileCache, notModified, TextTags } from './etag';
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
 * Hashed assets are immutable; index.html is revalidated each time. Every answer carries a strong ETag (the
 * content's hash), and a request naming it gets 304 without a body.
 */
export function createStaticHandler(
  staticDir: string,
): (req: IncomingMessage, res: ServerResponse, pathname: string) => void {
  const root = path.resolve(staticDir);
  const indexFile = path.join(root, 'index.html');
  const pages = new PageHtml(root);
  const files = new FileCache();
  const pageTags = new TextTags();
  return (req, res, pathname) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method Not Allowed\n');
      return;
    }
    if (!fs.existsSync(indexFile)) {
      send(req, res, { body: NOT_BUILT, etag: pageTags.of(NOT_BUILT) }, CONTENT_TYPES['.html'], false);
      return;
    }
    const requested = path.resolve(root, `.${path.posix.normalize(pathname)}`);
    // The prefix check is what makes traversal impossible, whatever the decoding above let through.
    const inside = requested === root || requested.startsWith(root + path.sep);
    const looksLikeFile = pathname.startsWith('/assets/') || path.posix.extname(pathname) !== '';
    if (inside && modifiedAt(requested) !== null && requested !== indexFile) {
      sendFile(req, res, files, requested, pathname.startsWith('/assets/'));
    } else if (looksLikeFile && requested !== indexFile) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not Found\n');
    } else {
      const html = pages.for(pathname);
      send(req, res, { body: html, etag: pageTags.of(html) }, CONTENT_TYPES['.html'], false);
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
function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  files: FileCache,
  file: string,
  immutable: boolean,
): void {
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()];
  const modified = modifiedAt(file);
  const variants = ENCODINGS.filter(
    (encoding) => (modifiedAt(file + encoding.suffix) ?? -1) >= (modified ?? 0),
  );
  const chosen = variants.find((encoding) => accepts(req.headers['accept-encoding'], encoding.name));
  // Each encoding is its own file, so its ETag differs from the others' as RFC 9110 requires.
  const content = files.read(chosen ? file + chosen.suffix : file);
  if (!content) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not Found\n');
    return;
  }
  const headers =
    variants.length === 0
      ? {}
      : { Vary: 'Accept-Encoding', ...(chosen ? { 'Content-Encoding': chosen.name } : {}) };
  send(req, res, content, type, immutable, headers);
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
  { body, etag }: { readonly body: Buffer | string; readonly etag: string },
  contentType: string | undefined,
  immutable: boolean,
  extraHeaders: Readonly<Record<string, string>> = {},
): void {
  const cacheHeaders = {
    ETag: etag,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...extraHeaders,
  };
  if (notModified(req.headers['if-none-match'], etag)) {
    res.writeHead(304, cacheHeaders);
    res.end();
    return;
  }
  res.writeHead(200, {
    'Content-Type': contentType ?? 'application/octet-stream',
    'Content-Length': Buffer.byteLength(body),
    ...cacheHeaders,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
