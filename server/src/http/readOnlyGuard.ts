import type { IncomingMessage } from 'node:http';
import { BOARD_ID_PATTERN } from '@common-ground/shared/protocol';
import { hashToken } from '../auth/secrets';
import type { LifecycleService } from '../lifecycle/service';
import type { Storage } from '../storage/types';
import { bearerToken } from './bearer';
import { HttpError } from './respond';
import { LIFECYCLE_ROUTES } from './routes/lifecycle';

/**
 * The writes an archived board (or one waiting for its deletion) still takes: its lifecycle, a person's rights
 * over their own data (erasure, removing their address or calendar feed, leaving), and keeping access to read it
 * (moving to another device, a re-entry link, revoking an invite). Every other write is refused, including routes
 * added later: a new write route is refused on a read-only board until it is named here.
 */
const ALLOWED_WHILE_READ_ONLY: ReadonlySet<string> = new Set([
  ...LIFECYCLE_ROUTES.map(({ method, path }) => `${method} ${path}`),
  'POST /api/boards/:boardId/me/erase',
  'POST /api/boards/:boardId/people/:participantId/erase',
  'POST /api/boards/:boardId/leave',
  'DELETE /api/boards/:boardId/me/email',
  'DELETE /api/boards/:boardId/me/calendar-feed',
  'POST /api/boards/:boardId/device-links',
  'POST /api/boards/:boardId/people/:participantId/reentry',
  'POST /api/boards/:boardId/invites/:inviteId/revoke',
]);

export interface ReadOnlyGuardDeps {
  readonly storage: Pick<Storage, 'people'>;
  readonly lifecycle: Pick<LifecycleService, 'isReadOnly'>;
}

/**
 * The one place where HTTP writes to a read-only board are refused (409 board_archived), before any handler
 * runs. Reads (GET: the board, exports, the agreement, minutes, "my data") always pass. Only the board's own
 * people learn that it is archived: without their token the handler answers as it always does (401/403/404).
 */
export async function refuseWritesToReadOnlyBoard(
  deps: ReadOnlyGuardDeps,
  req: IncomingMessage,
  route: {
    readonly method: string;
    readonly path: string;
    readonly params: Readonly<Record<string, string>>;
  },
): Promise<void> {
  if (route.method === 'GET') return;
  const boardId = route.params.boardId;
  if (boardId === undefined || !BOARD_ID_PATTERN.test(boardId)) return;
  if (ALLOWED_WHILE_READ_ONLY.has(`${route.method} ${route.path}`)) return;
  if (!(await deps.lifecycle.isReadOnly(boardId))) return;
  const token = bearerToken(req);
  if (!token) return;
  const participant = await deps.storage.people.findParticipantByTokenHash(hashToken(token));
  if (participant?.boardId !== boardId) return;
  throw new HttpError(
    409,
    'board_archived',
    'The board is archived or waiting for its deletion: it is read-only',
  );
}
