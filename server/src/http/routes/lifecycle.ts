import type { BoardLifecycle } from '@common-ground/shared/api';
import { BoardLifecycleResponse } from '@common-ground/shared/api';
import type { z } from 'zod';
import type { ParticipantRecord } from '../../storage/types';
import { authenticateForBoard } from '../auth';
import type { AppDeps } from '../deps';
import { refusalsAsHttp } from '../refusals';
import { type RouteInfo, type Router, route } from '../router';

const LIFECYCLE = route('GET', '/api/boards/:boardId/lifecycle', {
  summary: 'Whether the board is archived or waiting for its deletion, and how long a deletion can be undone',
  auth: 'participant',
  response: BoardLifecycleResponse,
});
const ARCHIVE = route('POST', '/api/boards/:boardId/archive', {
  summary: 'Archive the board: read-only for everyone, still readable and exportable (again: no change)',
  auth: 'facilitator',
  response: BoardLifecycleResponse,
});
const UNARCHIVE = route('POST', '/api/boards/:boardId/unarchive', {
  summary: 'End the archiving: the board can be changed again (unless its deletion is pending)',
  auth: 'facilitator',
  response: BoardLifecycleResponse,
});
const DELETE_BOARD = route('POST', '/api/boards/:boardId/delete', {
  summary:
    'Delete the board: read-only at once, every participant is told, and after BOARD_DELETION_GRACE_DAYS ' +
    '(default 30) it is removed with everything stored about it; undo with restore-deletion until then',
  auth: 'facilitator',
  response: BoardLifecycleResponse,
});
const RESTORE_DELETION = route('POST', '/api/boards/:boardId/restore-deletion', {
  summary: 'Undo a pending deletion (409 when none is pending or its time is over: code grace_ended)',
  auth: 'facilitator',
  response: BoardLifecycleResponse,
  errors: [409],
});

/** The lifecycle routes: the only writes, besides erasure and leaving, that a read-only board still takes. */
export const LIFECYCLE_ROUTES: readonly RouteInfo[] = [ARCHIVE, UNARCHIVE, DELETE_BOARD, RESTORE_DELETION];

const DAY_MS = 24 * 60 * 60 * 1000;

type Change = (boardId: string, actor: ParticipantRecord) => Promise<BoardLifecycle>;

/** Archive, unarchive, delete and undo: the facilitator's (403 for everyone else, checked by the service). */
export function registerLifecycleRoutes(router: Router, { config, storage, lifecycle }: AppDeps): void {
  const deletionGraceDays = Math.round(config.deletionGraceMs / DAY_MS);
  router.add(LIFECYCLE, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    await authenticateForBoard(req, storage, boardId);
    send({ lifecycle: await lifecycle.get(boardId), deletionGraceDays });
  });
  const add = (info: RouteInfo<z.ZodNever, z.ZodObject, typeof BoardLifecycleResponse>, change: Change) =>
    router.add(info, async ({ req, params, send }) => {
      const boardId = params.boardId ?? '';
      const me = await authenticateForBoard(req, storage, boardId);
      send({ lifecycle: await refusalsAsHttp(() => change(boardId, me)), deletionGraceDays });
    });
  add(ARCHIVE, (boardId, me) => lifecycle.archive(boardId, me));
  add(UNARCHIVE, (boardId, me) => lifecycle.unarchive(boardId, me));
  add(DELETE_BOARD, (boardId, me) => lifecycle.scheduleDeletion(boardId, me));
  add(RESTORE_DELETION, (boardId, me) => lifecycle.restoreDeletion(boardId, me));
}
