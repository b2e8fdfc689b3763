import { type RestoreRequest, RestoreResponse } from '@common-ground/shared/api';
import { ApiError } from '../app/apiError';
import { errorMessageKey } from '../app/errorMessage';
import { request } from '../app/request';
import type { MessageKey } from '../i18n/catalogues';

/** POST /api/boards/:boardId/restore: one goal (`goalId`) or the whole board back to `at` (facilitator only). */
export const restoreBoard = (boardId: string, token: string, body: RestoreRequest) =>
  request(RestoreResponse, `/api/boards/${encodeURIComponent(boardId)}/restore`, {
    method: 'POST',
    body,
    token,
  });

/** The restore's own refusals get their own words: a locked wording, a goal that did not exist then. */
export function restoreErrorKey(error: unknown): MessageKey {
  if (error instanceof ApiError && error.failure.kind === 'http') {
    if (error.failure.status === 409) return 'restore.locked';
    if (error.failure.status === 404) return 'restore.notFound';
  }
  return errorMessageKey(error);
}
