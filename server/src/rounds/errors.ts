import type { ErrorCode } from '@common-ground/shared';

/** A refused round operation; the HTTP layer answers with `status` and `{error: {code, message}}`. */
export class RoundError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RoundError';
  }
}

export const forbidden = (message: string) => new RoundError(403, 'forbidden', message);
export const notFound = (message: string) => new RoundError(404, 'not_found', message);
export const conflict = (message: string) => new RoundError(409, 'conflict', message);
export const invalid = (message: string) => new RoundError(400, 'invalid_input', `Invalid input: ${message}`);
