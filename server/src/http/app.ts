import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { ActivityService } from '../activity/service';
import { FacilitationService } from '../facilitation/service';
import { NetworkService } from '../network/service';
import type { AppDeps } from './deps';
import { HttpError, SECURITY_HEADERS, sendError } from './respond';
import { Router } from './router';
import { registerActivityRoutes } from './routes/activity';
import { registerAmendmentRoutes } from './routes/amendments';
import { registerBoardRoutes } from './routes/boards';
import { registerCommentRoutes } from './routes/comments';
import { registerExportRoutes } from './routes/export';
import { registerFacilitationRoutes } from './routes/facilitation';
import { registerHealthRoute } from './routes/health';
import { registerInviteRoutes } from './routes/invites';
import { registerJoinRoutes } from './routes/join';
import { registerNetworkRoutes } from './routes/network';
import { registerPartnerRoutes } from './routes/partners';
import { registerPeopleRoutes } from './routes/people';
import { registerProcessRoutes } from './routes/process';
import { registerRestoreRoutes } from './routes/restore';
import { registerRoundRoutes } from './routes/rounds';
import { createStaticHandler } from './static';

/** SQLite result codes of a full, read-only, locked or failing disk: the request may succeed later. */
const UNAVAILABLE = /^SQLITE_(FULL|IOERR|READONLY|BUSY|LOCKED|CANTOPEN)/;

function isStorageUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNAVAILABLE.test(code);
}

export function createRequestHandler(deps: AppDeps): RequestListener {
  const router = new Router();
  registerHealthRoute(router, deps);
  registerBoardRoutes(router, deps);
  registerInviteRoutes(router, deps);
  registerJoinRoutes(router, deps);
  registerPeopleRoutes(router, deps);
  registerPartnerRoutes(router, deps);
  registerRoundRoutes(router, deps);
  registerAmendmentRoutes(router, deps);
  registerCommentRoutes(router, deps);
  registerExportRoutes(router, deps);
  const activity = new ActivityService(deps.storage);
  registerActivityRoutes(router, deps, activity);
  registerNetworkRoutes(router, deps, new NetworkService({ ...deps, now: deps.config.now }), activity);
  registerFacilitationRoutes(router, deps, new FacilitationService({ ...deps, now: deps.config.now }));
  registerProcessRoutes(router, deps, activity);
  registerRestoreRoutes(router, deps, activity);
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
      await route.handler({ req, res, url, params: route.params });
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
