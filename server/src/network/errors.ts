import type { ErrorCode } from '@common-ground/shared';

/** A refused profile or relation change; the HTTP layer answers with `status` and `{error: {code, message}}`. */
export class NetworkError extends Error {
  constructor(
    readonly status: 403 | 404 | 409,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

export const forbidden = (message: string) => new NetworkError(403, 'forbidden', message);
export const notFound = (message: string) => new NetworkError(404, 'not_found', message);
export const conflict = (message: string) => new NetworkError(409, 'conflict', message);
