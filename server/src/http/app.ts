import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createApiRouter } from './api';
import { serveCalendarFeed } from './calendarFeed';
import type { AppDeps } from './deps';
import { serveMailPage } from './mailPages';
import { refuseWritesToReadOnlyBoard } from './readOnlyGuard';
import { HttpError, SECURITY_HEADERS, sendError } from './respond';
import { createStaticHandler } from './static';

/** SQLite result codes of a full, read-only, locked or failing disk: the request may succeed later. */
const UNAVAILABLE = /^SQLITE_(FULL|IOERR|READONLY|BUSY|LOCKED|CANTOPEN)/;

function isStorageUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNAVAILABLE.test(code);
}

export function createRequestHandler(deps: AppDeps): RequestListener {
  const router = createApiRouter(deps);
  const serveStatic = createStaticHandler(deps.config.staticDir);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://request.invalid');
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      const retryAfter = deps.limiter.api(req);
      if (retryAfter > 0) {
        res.setHeader('Retry-After', String(retryAfter));
        throw new HttpError(429, 'rate_limited', 'Too many requests; try again later');
      }
      const route = router.match(req.method ?? 'GET', url.pathname);
      if (!route) throw new HttpError(404, 'not_found', 'No such API endpoint');
      await refuseWritesToReadOnlyBoard(deps, req, { method: req.method ?? 'GET', ...route });
      await route.handler({ req, res, url, params: route.params });
      return;
    }
    if (url.pathname.startsWith('/mail/')) {
      // The links in mails carry tokens: limited like the API, so guessing them costs as much as guessing others.
      const retryAfter = deps.limiter.api(req);
      if (retryAfter > 0) {
        res.setHeader('Retry-After', String(retryAfter));
        throw new HttpError(429, 'rate_limited', 'Too many requests; try again later');
      }
      if (await serveMailPage(deps.mail, req, res, url)) return;
    }
    if (url.pathname.startsWith('/cal/')) {
      // A feed's address is its secret: limited like the API, so guessing one costs as much as guessing a token.
      const retryAfter = deps.limiter.api(req);
      if (retryAfter > 0) {
        res.setHeader('Retry-After', String(retryAfter));
        throw new HttpError(429, 'rate_limited', 'Too many requests; try again later');
      }
      await serveCalendarFeed(deps, req, res, url);
      return;
    }
    serveStatic(req, res, decodeURIComponent(url.pathname));
  };

  // Every failure ends in a response here; nothing a request does can take the process down.
  return (req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
      } else if (error instanceof HttpError) {
        // The rest of a refused body is never read, so the connection cannot carry another request.
        if (error.status === 413) res.setHeader('Connection', 'close');
        sendError(res, error.status, error.code, error.message);
      } else if (error instanceof URIError) {
        sendError(res, 400, 'invalid_input', 'Malformed URL encoding');
      } else if (isStorageUnavailable(error)) {
        deps.log.error('storage unavailable', { method: req.method, url: req.url, error });
        res.setHeader('Retry-After', '10');
        sendError(res, 503, 'internal', 'Storage is unavailable; nothing was saved. Try again later.');
      } else {
        deps.log.error('request failed', { method: req.method, url: req.url, error });
        sendError(res, 500, 'internal', 'Internal server error');
      }
    });
  };
}
