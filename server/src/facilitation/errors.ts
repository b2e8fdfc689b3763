import type { ErrorCode } from '@common-ground/shared';

/** A refused focus, timer or agenda change; the HTTP layer answers with `status` and `{error: {code, message}}`. */
export class FacilitationError extends Error {
  constructor(
    readonly status: 403 | 404 | 409,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FacilitationError';
  }
}

export const forbidden = (message: string) => new FacilitationError(403, 'forbidden', message);
export const notFound = (message: string) => new FacilitationError(404, 'not_found', message);
export const conflict = (message: string) => new FacilitationError(409, 'conflict', message);
