import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { AppDeps } from './deps';
import { HttpError, SECURITY_HEADERS, sendError, sendJson } from './respond';
import { Router } from './router';
import { registerBoardRoutes } from './routes/boards';
import { registerExportRoutes } from './routes/export';
import { registerInviteRoutes } from './routes/invites';
import { registerJoinRoutes } from './routes/join';
import { registerRoundRoutes } from './routes/rounds';
import { serveStatic } from './static';

export function createRequestHandler(deps: AppDeps): RequestListener {
  const router = new Router();
  router.add('GET', '/api/health', ({ res }) => sendJson(res, 200, { ok: true }));
  registerBoardRoutes(router, deps);
  registerInviteRoutes(router, deps);
  registerJoinRoutes(router, deps);
  registerRoundRoutes(router, deps);
  registerExportRoutes(router, deps);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://request.invalid');
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      const route = router.match(req.method ?? 'GET', url.pathname);
      if (!route) throw new HttpError(404, 'not_found', 'No such API endpoint');
      await route.handler({ req, res, url, params: route.params });
      return;
    }
    serveStatic(req, res, deps.config.staticDir, decodeURIComponent(url.pathname));
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
      } else {
        deps.log.error('request failed', { method: req.method, url: req.url, error });
        sendError(res, 500, 'internal', 'Internal server error');
      }
    });
  };
}
