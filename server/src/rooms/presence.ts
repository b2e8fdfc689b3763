import { ClientOrigin } from '@common-ground/shared/schema';
import * as awarenessProtocol from 'y-protocols/awareness';
import {
  type AwarenessEntry,
  checkOwnState,
  encodeAwarenessEntries,
  parseAwarenessUpdate,
} from './awarenessGuard';
import type { Connection } from './connection';
import { forbidden } from './violation';

/** Which connection owns which awareness client id in one room, and what each connection may set. */
export class PresenceBindings {
  private readonly ownerOfClient = new Map<number, Connection>();
  private readonly clientOfConnection = new Map<Connection, number>();

  constructor(
    private readonly awareness: awarenessProtocol.Awareness,
    private readonly maxAwarenessBytes: number,
  ) {}

  /**
   * A connection may set awareness only for the one client id it announced first, and only with states that
   * name its own participant and claim editing only if it may write (see checkOwnState). y-websocket clients
   * also send back every awareness change they receive; such an echo (a known client id at a clock the room
   * already has) changes nothing and is skipped. A client id held by another connection of the same participant
   * moves over (a reconnect whose old socket has not timed out yet); held by someone else, or unknown once the
   * connection has its own, it is refused.
   */
  apply(conn: Connection, update: Uint8Array): void {
    const own: AwarenessEntry[] = [];
    for (const entry of parseAwarenessUpdate(update, this.maxAwarenessBytes)) {
      const bound = this.clientOfConnection.get(conn);
      if (entry.clientId !== bound) {
        const known = this.awareness.meta.get(entry.clientId);
        if (known && entry.clock <= known.clock) continue;
        if (bound !== undefined) throw forbidden('Awareness for a client id this connection does not own');
      }
      checkOwnState(entry.state, conn);
      if (entry.clientId !== bound) this.bind(conn, entry.clientId);
      own.push(entry);
    }
    if (own.length > 0) {
      const origin = new ClientOrigin(conn.participantId, conn);
      awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(own), origin);
    }
  }

  ownedClientIds(): number[] {
    return [...this.ownerOfClient.keys()];
  }

  /** The connection left: its client's presence goes with it (unless another connection took it over). */
  release(conn: Connection): void {
    const clientId = this.clientOfConnection.get(conn);
    this.clientOfConnection.delete(conn);
    if (clientId !== undefined && this.ownerOfClient.get(clientId) === conn) {
      this.ownerOfClient.delete(clientId);
      awarenessProtocol.removeAwarenessStates(this.awareness, [clientId], null);
    }
  }

  private bind(conn: Connection, clientId: number): void {
    const owner = this.ownerOfClient.get(clientId);
    if (owner && owner !== conn) {
      if (owner.participantId !== conn.participantId) {
        throw forbidden('Awareness client id belongs to another participant');
      }
      this.clientOfConnection.delete(owner);
    }
    this.ownerOfClient.set(clientId, conn);
    this.clientOfConnection.set(conn, clientId);
  }
}
