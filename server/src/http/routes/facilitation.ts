import { FacilitationRequest } from '@common-ground/shared';
import { FacilitationError } from '../../facilitation/errors';
import type { FacilitationService } from '../../facilitation/service';
import { authenticateForBoard } from '../auth';
import { parseInput, readJson } from '../body';
import type { AppDeps } from '../deps';
import { HttpError, sendJson } from '../respond';
import type { Router } from '../router';

export function registerFacilitationRoutes(
  router: Router,
  { config, storage }: AppDeps,
  facilitation: FacilitationService,
): void {
  router.add('GET', '/api/boards/:boardId/facilitation', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    await authenticateForBoard(req, storage, boardId);
    sendJson(res, 200, await facilitation.read(boardId));
  });

  router.add('PUT', '/api/boards/:boardId/facilitation', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    // The role is checked before the body is read: a non-facilitator learns nothing about goal ids.
    if (me.role !== 'facilitator') {
      throw new HttpError(403, 'forbidden', 'Only the facilitator leads the session');
    }
    const request = parseInput(FacilitationRequest, await readJson(req, config.limits.maxBodyBytes));
    try {
      sendJson(res, 200, await facilitation.change(boardId, me, request));
    } catch (error) {
      if (error instanceof FacilitationError) throw new HttpError(error.status, error.code, error.message);
      throw error;
    }
  });
}
