import { RestoreRequest } from '@common-ground/shared';
import { RestoreService } from '../../activity/restoreService';
import type { ActivityService } from '../../activity/service';
import { authenticateForBoard } from '../auth';
import { parseInput, readJson } from '../body';
import type { AppDeps } from '../deps';
import { sendJson } from '../respond';
import type { Router } from '../router';
import { refusalsAsHttp } from './rounds';

/** Restoring one goal or the whole board to an earlier moment: the facilitator's undo of vandalism. */
export function registerRestoreRoutes(router: Router, deps: AppDeps, activity: ActivityService): void {
  const { config, storage, rooms } = deps;
  const restorer = new RestoreService({ storage, rooms, activity, now: config.now });

  router.add('POST', '/api/boards/:boardId/restore', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    await refusalsAsHttp(async () => RestoreService.assertMayRestore(me));
    const request = parseInput(RestoreRequest, await readJson(req, config.limits.maxBodyBytes));
    sendJson(res, 200, await refusalsAsHttp(() => restorer.restore(boardId, me, request)));
  });
}
