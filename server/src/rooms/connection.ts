import type { CloseCode } from '@common-ground/shared/protocol';

/** One socket in a room, as the room sees it (the ws layer implements it). */
export interface Connection {
  readonly participantId: string;
  /** False for observers and for every client of the record document: their updates are dropped. */
  readonly canWrite: boolean;
  send(message: Uint8Array): void;
  /** Sends a message that goes to many connections in a row: the transport may prepare its wire form once. */
  sendShared(message: Uint8Array): void;
  close(code: CloseCode, reason: string): void;
}

/** A stored update with its sequence number in the log (what the room announces to the other instances). */
export interface SequencedUpdate {
  readonly seq: number;
  readonly update: Uint8Array;
}
