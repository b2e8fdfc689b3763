/** One logged document update with the sequence number the database gave it. */
export interface DocUpdateEntry {
  readonly seq: number;
  readonly update: Uint8Array;
}

/**
 * How the instances serving one board tell each other about document updates and presence. The database stays
 * the source of truth: the bus only makes other instances hear of a change soon, and an instance that misses a
 * message finds out by a gap in the sequence numbers and catches up from the database (see catchUp.ts).
 */
export interface ClusterBus {
  readonly instanceId: string;
  /** After the entries are durable in the database. Never throws; a failure is logged (others catch up). */
  publishUpdates(docKey: string, entries: readonly DocUpdateEntry[]): void;
  /** Presence may be lost on the way: it is repeated by the clients anyway. Never throws. */
  publishAwareness(docKey: string, update: Uint8Array): void;
  /** Handlers get only messages from OTHER instances. */
  onUpdates(handler: (docKey: string, entries: readonly DocUpdateEntry[]) => void): void;
  onAwareness(handler: (docKey: string, update: Uint8Array) => void): void;
  close(): Promise<void>;
}
