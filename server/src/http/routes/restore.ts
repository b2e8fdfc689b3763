import { RestoreRequest, RestoreResponse } from '@common-ground/shared/api';
import { RestoreService } from '../../activity/restoreService';
import { authenticateForBoard } from '../auth';
import type { AppDeps } from '../deps';
import { refusalsAsHttp } from '../refusals';
import { type Router, route } from '../router';

const RESTORE = route('POST', '/api/boards/:boardId/restore', {
  summary: 'Write one goal or the whole board back to how it stood at a moment',
  auth: 'facilitator',
  body: RestoreRequest,
  response: RestoreResponse,
  errors: [409],
});

/** Restoring one goal or the whole board to an earlier moment: the facilitator's undo of vandalism. */
export function registerRestoreRoutes(router: Router, { storage, restorer }: AppDeps): void {
  router.add(RESTORE, async ({ req, params, body, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    await refusalsAsHttp(async () => RestoreService.assertMayRestore(me));
    const request = await body();
    send(await refusalsAsHttp(() => restorer.restore(boardId, me, request)));
  });
}
