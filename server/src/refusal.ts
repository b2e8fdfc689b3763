import type { ErrorCode } from '@common-ground/shared/api';

/**
 * A refused domain operation (round, network, facilitation, restore, amendment); the HTTP layer answers with
 * `status` and `{error: {code, message}}`, so services stay free of HTTP types.
 */
export class Refusal extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

export const forbidden = (message: string) => new Refusal(403, 'forbidden', message);
export const notFound = (message: string) => new Refusal(404, 'not_found', message);
export const conflict = (message: string) => new Refusal(409, 'conflict', message);
export const invalid = (message: string) => new Refusal(400, 'invalid_input', `Invalid input: ${message}`);
