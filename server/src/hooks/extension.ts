import type { Connection } from '../rooms/connection';
import type {
  ChangeEvent,
  DocumentRef,
  LoadedEvent,
  QuarantineEvent,
  StoredEvent,
} from '../rooms/documentHooks';
import type { Room } from '../rooms/room';

export interface ConnectEvent extends DocumentRef {
  /** The socket, from the moment its upgrade is accepted: its room may still be loading. */
  readonly socket: Connection;
}

export interface DisconnectEvent extends ConnectEvent {
  /** The loaded room the socket has just left; null if it closed before joining or its room had gone already. */
  readonly room: Room | null;
}

/** What the ws layer tells the rest of the server about sockets (implemented by the hook pipeline). */
export interface ConnectionHooks {
  onConnect(event: ConnectEvent): Promise<void>;
  onDisconnect(event: DisconnectEvent): Promise<void>;
}

/**
 * Something that plugs into the server's document and connection events (rounds, visits, presence, the record
 * projection, the cluster link; e-mail notifications next). Every hook is optional. When each runs, in what
 * order, and what a throw means: docs/architecture.md, "Hooks".
 */
export interface Extension {
  /** Named in the log when one of its hooks fails. */
  readonly name: string;
  /** The one hook that may refuse: a throw fails the load (see DocumentHooks.afterLoadDocument). */
  afterLoadDocument?(event: LoadedEvent<Room>): void | Promise<void>;
  onQuarantine?(event: QuarantineEvent): void | Promise<void>;
  afterStoreDocument?(event: StoredEvent): void | Promise<void>;
  onChange?(event: ChangeEvent): void | Promise<void>;
  afterUnloadDocument?(event: DocumentRef): void | Promise<void>;
  onConnect?(event: ConnectEvent): void | Promise<void>;
  onDisconnect?(event: DisconnectEvent): void | Promise<void>;
  /** On shutdown, once every room is stored and closed and before storage closes. */
  onDestroy?(): void | Promise<void>;
}
