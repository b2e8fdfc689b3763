import type { AppDeps } from './deps';
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
import { registerMailRoutes } from './routes/mail';
import { registerMeetingRoutes } from './routes/meetings';
import { registerNetworkRoutes } from './routes/network';
import { registerOpenApiRoute } from './routes/openapi';
import { registerPartnerRoutes } from './routes/partners';
import { registerPeopleRoutes } from './routes/people';
import { registerProcessRoutes } from './routes/process';
import { registerRestoreRoutes } from './routes/restore';
import { registerRoundRoutes } from './routes/rounds';

/** Every /api route, in one router: the request handler dispatches through it and the API document reads it. */
export function createApiRouter(deps: AppDeps): Router {
  const router = new Router(deps.config.limits.maxBodyBytes);
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
  registerActivityRoutes(router, deps);
  registerNetworkRoutes(router, deps);
  registerFacilitationRoutes(router, deps);
  registerProcessRoutes(router, deps);
  registerRestoreRoutes(router, deps);
  registerMailRoutes(router, deps);
  registerMeetingRoutes(router, deps);
  registerOpenApiRoute(router);
  return router;
}
