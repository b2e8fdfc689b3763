import { RetentionStatusResponse } from '@common-ground/shared/api';
import { authenticateForBoard } from '../auth';
import type { AppDeps } from '../deps';
import { HttpError } from '../respond';
import { type Router, route } from '../router';

const STATUS = route('GET', '/api/boards/:boardId/retention', {
  summary:
    'The retention periods as they apply to this board: who will be pseudonymised for inactivity and when, and ' +
    'since when the board is idle',
  auth: 'facilitator',
  response: RetentionStatusResponse,
});

/** Retention (RETENTION_…): what the facilitators see of it. */
export function registerRetentionRoutes(router: Router, { storage, retention, config }: AppDeps): void {
  router.add(STATUS, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    if (me.role !== 'facilitator')
      throw new HttpError(403, 'forbidden', 'Only a facilitator sees the retention list');
    send(await retention.status(boardId, config.now()));
  });
}
