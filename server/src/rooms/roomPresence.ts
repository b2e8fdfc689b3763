import * as awarenessProtocol from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { Connection } from './connection';
import { PresenceBindings } from './presence';
import { awarenessMessage } from './protocol';

/**
 * One room's awareness. The server relays presence but has none of its own: what a connection may set is checked
 * (PresenceBindings), and every change is sent to every connection, the sender too: the echo is what keeps
 * y-websocket's silence timer quiet.
 */
export class RoomPresence {
  readonly awareness: awarenessProtocol.Awareness;
  private readonly bindings: PresenceBindings;

  constructor(
    doc: Y.Doc,
    maxAwarenessBytes: number,
    private readonly connections: ReadonlySet<Connection>,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.bindings = new PresenceBindings(this.awareness, maxAwarenessBytes);
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onUpdate);
  }

  /** A connection joined: it gets everyone's presence, if anyone is present. */
  greet(conn: Connection): void {
    if (this.awareness.getStates().size > 0) conn.send(this.statesMessage());
  }

  /** All current awareness states, for a client's query. */
  statesMessage(): Uint8Array {
    const clients = [...this.awareness.getStates().keys()];
    return awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
  }

  /** A client's awareness update; throws ConnectionViolation for presence it may not set (PresenceBindings). */
  apply(conn: Connection, update: Uint8Array): void {
    this.bindings.apply(conn, update);
  }

  /** Awareness client ids owned by this instance's connections. */
  ownedClientIds(): number[] {
    return this.bindings.ownedClientIds();
  }

  /** The connection left: its client's presence goes with it (unless another connection took it over). */
  release(conn: Connection): void {
    this.bindings.release(conn);
  }

  destroy(): void {
    this.awareness.off('update', this.onUpdate);
    this.awareness.destroy();
  }

  private readonly onUpdate = ({
    added,
    updated,
    removed,
  }: {
    added: number[];
    updated: number[];
    removed: number[];
  }): void => {
    const changed = [...added, ...updated, ...removed];
    const message = awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const conn of this.connections) conn.sendShared(message);
  };
}
