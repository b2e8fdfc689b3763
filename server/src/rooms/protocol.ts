import { MessageType } from '@common-ground/shared/protocol';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

/** An encoded state vector with no clients (a varuint 0): the joiner has nothing yet. */
export const isEmptyStateVector = (stateVector: Uint8Array): boolean =>
  stateVector.length === 1 && stateVector[0] === 0;

/** y-websocket frames the server sends; each is encoded once and sent to every receiver. */
export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function syncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

/** A sync step 2 carrying `update` as it is, e.g. a stored snapshot that already is the whole document. */
export function syncStep2MessageOf(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function awarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.Awareness);
  encoding.writeVarUint8Array(encoder, awarenessUpdate);
  return encoding.toUint8Array(encoder);
}

/** An awareness frame with no entries: a no-op for clients, but it resets y-websocket's 30 s silence timer. */
export const KEEPALIVE_MESSAGE = awarenessMessage(new Uint8Array([0]));

/**
 * Sync step 2 answers of one document until its next change (`clear`): the full state, which every joiner with
 * an empty state gets, and the last answer to a non-empty state vector — every joiner answered from a load's
 * preview asks with the same one, and encoding it walks the whole document (its delete set) each time.
 */
export class SyncAnswers {
  private lastAnswer: { readonly stateVector: Uint8Array; readonly message: Uint8Array } | null = null;

  constructor(
    private readonly doc: Y.Doc,
    /** The full state as it is stored, if it is (a snapshot with no tail): sent as it is, never re-encoded. */
    private fullState: Uint8Array | null,
  ) {}

  for(stateVector: Uint8Array): Uint8Array {
    if (isEmptyStateVector(stateVector)) {
      this.fullState ??= syncStep2Message(this.doc, stateVector);
      return this.fullState;
    }
    if (this.lastAnswer && equalBytes(this.lastAnswer.stateVector, stateVector))
      return this.lastAnswer.message;
    const message = syncStep2Message(this.doc, stateVector);
    // A copy: the client's vector is a view into its frame.
    this.lastAnswer = { stateVector: stateVector.slice(), message };
    return message;
  }

  clear(): void {
    this.fullState = null;
    this.lastAnswer = null;
  }
}

const equalBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.byteLength === b.byteLength && a.every((byte, i) => byte === b[i]);
