import { CreateRelationRequest, IdSchema, UpdateProfileRequest } from '@common-ground/shared';
import type { ActivityService } from '../../activity/service';
import { NetworkError } from '../../network/errors';
import type { NetworkService } from '../../network/service';
import { buildNetwork } from '../../network/view';
import { authenticateForBoard } from '../auth';
import { parseInput, readJson } from '../body';
import type { AppDeps } from '../deps';
import { HttpError, sendJson } from '../respond';
import type { Router } from '../router';

/** Runs a network-service call, turning its refusals into HTTP errors. */
async function refusalsAsHttp<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof NetworkError) throw new HttpError(error.status, error.code, error.message);
    throw error;
  }
}

function idParam(params: Readonly<Record<string, string>>, name: string, what: string): string {
  const id = params[name] ?? '';
  if (!IdSchema.safeParse(id).success) throw new HttpError(404, 'not_found', `No such ${what} on this board`);
  return id;
}

/** Partner profiles, relations and the network map. */
export function registerNetworkRoutes(
  router: Router,
  { config, storage }: AppDeps,
  network: NetworkService,
  activity: ActivityService,
): void {
  const body = async (req: Parameters<typeof readJson>[0]) => readJson(req, config.limits.maxBodyBytes);

  router.add('GET', '/api/boards/:boardId/network', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    await authenticateForBoard(req, storage, boardId);
    sendJson(res, 200, await buildNetwork(storage, activity.replays, boardId));
  });

  router.add('PUT', '/api/boards/:boardId/partners/:partnerId/profile', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    const partnerId = idParam(params, 'partnerId', 'partner');
    // Who may edit is settled before the body is read.
    await refusalsAsHttp(() => network.checkProfileEditor(boardId, me, partnerId));
    const request = parseInput(UpdateProfileRequest, await body(req));
    sendJson(res, 200, await refusalsAsHttp(() => network.saveProfile(boardId, me, partnerId, request)));
  });

  router.add('POST', '/api/boards/:boardId/relations', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    if (me.role === 'observer') throw new HttpError(403, 'forbidden', 'Observers cannot add relations');
    const request = parseInput(CreateRelationRequest, await body(req));
    sendJson(res, 201, await refusalsAsHttp(() => network.createRelation(boardId, me, request)));
  });

  router.add('DELETE', '/api/boards/:boardId/relations/:relationId', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    const relationId = idParam(params, 'relationId', 'relation');
    await refusalsAsHttp(() => network.removeRelation(boardId, me, relationId));
    res.writeHead(204, { 'Cache-Control': 'no-store' });
    res.end();
  });
}
