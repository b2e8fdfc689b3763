import { CloseCode } from '@common-ground/shared/protocol';

/** A client broke the protocol or a rule; its socket is closed with `code`, nothing of the frame is applied. */
export class ConnectionViolation extends Error {
  constructor(
    readonly code: CloseCode,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectionViolation';
  }
}

export const malformed = (message: string) => new ConnectionViolation(CloseCode.UpdateRefused, message);
export const forbidden = (message: string) => new ConnectionViolation(CloseCode.Forbidden, message);
export const tooBig = (message: string) => new ConnectionViolation(CloseCode.BoardFull, message);
export const tooMany = (message: string) => new ConnectionViolation(CloseCode.TooManyChanges, message);

/**
 * An update that refers to changes the board does not have yet. From a client that has not sent its sync step 2,
 * that is expected: it types on while its own earlier (offline) changes are still on their way in that step 2.
 */
export class NotYetApplicable extends ConnectionViolation {
  constructor(message: string) {
    super(CloseCode.UpdateRefused, message);
    this.name = 'NotYetApplicable';
  }
}

/** Storage refused a write; the room was closed and evicted so it reloads from what was stored. */
export class StorageWriteError extends Error {
  constructor(
    readonly docKey: string,
    options: { cause: unknown },
  ) {
    super(`Could not store an update of ${docKey}`, options);
    this.name = 'StorageWriteError';
  }
}
