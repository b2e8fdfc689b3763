import type { MessageKey } from '../i18n/catalogues';
import { ApiError } from './apiError';

/** The plain-words explanation for a failed request: what happened and what to do. */
export function errorMessageKey(error: unknown): MessageKey {
  if (!(error instanceof ApiError)) return 'error.generic';
  const failure = error.failure;
  if (failure.kind === 'network') return 'error.network';
  if (failure.code === 'invite_revoked') return 'error.inviteRevoked';
  if (failure.status === 410 || failure.code === 'invite_expired') return 'error.inviteExpired';
  if (failure.code === 'create_key_invalid') return 'error.createKey';
  if (failure.code === 'board_archived') return 'error.boardArchived';
  if (failure.status === 400 || failure.status === 413) return 'error.invalid';
  if (failure.status === 401) return 'error.unauthorized';
  if (failure.status === 403) return 'error.forbidden';
  if (failure.status === 429) return 'error.tooMany';
  return 'error.generic';
}
