import { type AmendmentsResponse, IdSchema } from '@common-ground/shared';
import { authenticateForBoard } from '../auth';
import type { AppDeps } from '../deps';
import { HttpError, sendJson } from '../respond';
import type { Router } from '../router';
import { refusalsAsHttp } from './rounds';

function amendmentIdOf(params: Readonly<Record<string, string>>): string {
  const amendmentId = params.amendmentId ?? '';
  if (!IdSchema.safeParse(amendmentId).success) {
    throw new HttpError(404, 'not_found', 'No such amendment on this board');
  }
  return amendmentId;
}

/** Proposed amendments: everyone on the board reads them; only the facilitator adopts or dismisses one. */
export function registerAmendmentRoutes(router: Router, { storage, amendments }: AppDeps): void {
  router.add('GET', '/api/boards/:boardId/amendments', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    await authenticateForBoard(req, storage, boardId);
    const response: AmendmentsResponse = { amendments: await amendments.list(boardId) };
    sendJson(res, 200, response);
  });

  for (const action of ['adopt', 'dismiss'] as const) {
    router.add(
      'POST',
      `/api/boards/:boardId/amendments/:amendmentId/${action}`,
      async ({ req, res, params }) => {
        const boardId = params.boardId ?? '';
        const me = await authenticateForBoard(req, storage, boardId);
        const amendmentId = amendmentIdOf(params);
        sendJson(res, 200, await refusalsAsHttp(() => amendments[action](boardId, amendmentId, me)));
      },
    );
  }
}
