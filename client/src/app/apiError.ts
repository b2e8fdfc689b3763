import type { ErrorCode } from '@common-ground/shared/api';

/** Why a request failed, reduced to what the UI explains differently. */
export type ApiFailure = { kind: 'network' } | { kind: 'http'; status: number; code: ErrorCode | null };

/** Apart from api.ts (and zod): the landing and join pages tell failures apart before the API client loaded. */
export class ApiError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.kind === 'network' ? 'network' : `HTTP ${failure.status} ${failure.code ?? ''}`);
  }
}
