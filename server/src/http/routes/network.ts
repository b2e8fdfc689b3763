import {
  CreateRelationRequest,
  IdSchema,
  NetworkResponse,
  PartnerProfileSchema,
  RelationSchema,
  UpdateProfileRequest,
} from '@common-ground/shared/api';
import { z } from 'zod';
import { buildNetwork } from '../../network/view';
import { authenticateForBoard } from '../auth';
import type { AppDeps } from '../deps';
import { refusalsAsHttp } from '../refusals';
import { HttpError } from '../respond';
import { type Router, route } from '../router';

function idParam(params: Readonly<Record<string, string>>, name: string, what: string): string {
  const id = params[name] ?? '';
  if (!IdSchema.safeParse(id).success) throw new HttpError(404, 'not_found', `No such ${what} on this board`);
  return id;
}

const NETWORK = route('GET', '/api/boards/:boardId/network', {
  summary: 'The network map: partners with profiles and positions, and their relations',
  auth: 'participant',
  response: NetworkResponse,
});
const SAVE_PROFILE = route('PUT', '/api/boards/:boardId/partners/:partnerId/profile', {
  summary: 'Save a partner’s profile (its own people or the facilitator)',
  auth: 'participant',
  body: UpdateProfileRequest,
  response: PartnerProfileSchema,
});
const CREATE_RELATION = route('POST', '/api/boards/:boardId/relations', {
  summary: 'Add a relation between two partners (a partner at one end, or the facilitator)',
  auth: 'participant',
  body: CreateRelationRequest,
  status: 201,
  response: RelationSchema,
  errors: [409],
});
const REMOVE_RELATION = route('DELETE', '/api/boards/:boardId/relations/:relationId', {
  summary: 'Remove a relation (a partner at one end, or the facilitator)',
  auth: 'participant',
  status: 204,
  response: z.undefined(),
});

/** Partner profiles, relations and the network map. */
export function registerNetworkRoutes(router: Router, { storage, network, activity }: AppDeps): void {
  router.add(NETWORK, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    await authenticateForBoard(req, storage, boardId);
    send(await buildNetwork(storage, activity.replays, boardId));
  });

  router.add(SAVE_PROFILE, async ({ req, params, body, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    const partnerId = idParam(params, 'partnerId', 'partner');
    // Who may edit is settled before the body is read.
    await refusalsAsHttp(() => network.checkProfileEditor(boardId, me, partnerId));
    const request = await body();
    send(await refusalsAsHttp(() => network.saveProfile(boardId, me, partnerId, request)));
  });

  router.add(CREATE_RELATION, async ({ req, params, body, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    if (me.role === 'observer') throw new HttpError(403, 'forbidden', 'Observers cannot add relations');
    const request = await body();
    send(await refusalsAsHttp(() => network.createRelation(boardId, me, request)));
  });

  router.add(REMOVE_RELATION, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    const relationId = idParam(params, 'relationId', 'relation');
    await refusalsAsHttp(() => network.removeRelation(boardId, me, relationId));
    send(undefined);
  });
}
