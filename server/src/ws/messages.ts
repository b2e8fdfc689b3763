import { MessageType } from '@common-ground/shared/protocol';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import type { Connection } from '../rooms/connection';
import type { Room } from '../rooms/room';
import { malformed } from '../rooms/violation';

/**
 * Handles one y-websocket frame, synchronously: an update is checked and applied before the next frame is read;
 * what it changed is stored, and only then sent to the others (applied, then stored, then sent: see Room). A sync
 * step 1 is answered once nothing unstored is in the document.
 * Throws ConnectionViolation for bad frames and lets decoding errors escape; the caller closes the socket. Writes
 * from connections that may not write, and every write to a read-only (archived) board, are dropped without a
 * reply: y-websocket clients always answer our sync step 1 with a step 2, so closing would only make them
 * reconnect forever.
 */
export function handleMessage(room: Room, conn: Connection, frame: Uint8Array): void {
  const decoder = decoding.createDecoder(frame);
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.Sync: {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === syncProtocol.messageYjsSyncStep1) {
        room.answerSyncStep1(conn, payload);
      } else if (step === syncProtocol.messageYjsSyncStep2) {
        if (conn.canWrite && !room.readOnly) room.applyClientUpdate(conn, payload, 'step2');
      } else if (step === syncProtocol.messageYjsUpdate) {
        if (conn.canWrite && !room.readOnly) room.applyClientUpdate(conn, payload, 'update');
      } else {
        throw malformed(`Unknown sync message ${step}`);
      }
      return;
    }
    case MessageType.Awareness:
      room.applyAwareness(conn, decoding.readVarUint8Array(decoder));
      return;
    case MessageType.QueryAwareness:
      conn.send(room.awarenessStatesMessage());
      return;
    case MessageType.Auth:
      // Authentication happens at the upgrade; y-websocket's auth frames carry nothing we use.
      return;
    default:
      throw malformed(`Unknown message type ${type}`);
  }
}

/**
 * The state vector of a sync step 1 frame; null for any other frame, malformed ones included (handleMessage
 * rejects those once the room is there).
 */
export function syncStep1StateVector(frame: Uint8Array): Uint8Array | null {
  try {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.Sync) return null;
    if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep1) return null;
    return decoding.readVarUint8Array(decoder);
  } catch {
    return null;
  }
}
