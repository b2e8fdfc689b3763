import { FacilitationRequest, FacilitationResponse } from '@common-ground/shared/api';
import { authenticateForBoard } from '../auth';
import type { AppDeps } from '../deps';
import { refusalsAsHttp } from '../refusals';
import { HttpError } from '../respond';
import { type Router, route } from '../router';

const FACILITATION = route('GET', '/api/boards/:boardId/facilitation', {
  summary: 'The session’s focus, timer and agenda',
  auth: 'participant',
  response: FacilitationResponse,
});
const CHANGE_FACILITATION = route('PUT', '/api/boards/:boardId/facilitation', {
  summary: 'Change the focus, the timer or the agenda',
  auth: 'facilitator',
  body: FacilitationRequest,
  response: FacilitationResponse,
  errors: [409],
});

export function registerFacilitationRoutes(router: Router, { storage, facilitation }: AppDeps): void {
  router.add(FACILITATION, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    await authenticateForBoard(req, storage, boardId);
    send(await facilitation.read(boardId));
  });

  router.add(CHANGE_FACILITATION, async ({ req, params, body, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    // The role is checked before the body is read: a non-facilitator learns nothing about goal ids.
    if (me.role !== 'facilitator') {
      throw new HttpError(403, 'forbidden', 'Only the facilitator leads the session');
    }
    const request = await body();
    send(await refusalsAsHttp(() => facilitation.change(boardId, me, request)));
  });
}
