import type * as Y from 'yjs';
import type { QuarantineEntry } from '../storage/types';
import type { SequencedUpdate } from './connection';
import { type DocKind, parseDocKey } from './docKeys';

/** Which document an event is about: its storage key, and the board and kind the key names. */
export interface DocumentRef {
  readonly docKey: string;
  readonly boardId: string;
  readonly kind: DocKind;
}

export const documentRef = (docKey: string): DocumentRef => ({ docKey, ...parseDocKey(docKey) });

/** `Room` is the room class (a parameter, so that room.ts can import this module without a cycle). */
export interface LoadedEvent<Room> extends DocumentRef {
  /** Built from storage; nobody has joined it, and the schema has not repaired it yet. */
  readonly room: Room;
}

export interface QuarantineEvent extends DocumentRef {
  readonly entries: readonly QuarantineEntry[];
}

export interface StoredEvent extends DocumentRef {
  /** This instance's updates of the batch, with the sequence numbers the log gave them. */
  readonly entries: readonly SequencedUpdate[];
}

export interface ChangeEvent extends DocumentRef {
  /** The document as it is once the batch is stored and sent (read it now: it goes on changing). */
  readonly doc: Y.Doc;
}

/**
 * What the rooms tell the rest of the server about their documents. The rooms call these and nothing else;
 * server/src/hooks/pipeline.ts implements them by running the registered extensions (see docs/architecture.md,
 * "Hooks"). Only afterLoadDocument may reject; the others never throw or reject.
 */
export interface DocumentHooks<Room> {
  /** Each room once it is built from storage, before the schema repairs it; a rejection fails the load. */
  afterLoadDocument(event: LoadedEvent<Room>): Promise<void>;
  /** Loading skipped log entries that cannot be applied; awaited before the room is used. */
  onQuarantine(event: QuarantineEvent): Promise<void>;
  /** A batch of this instance's updates was stored (called before onChange for that batch). */
  afterStoreDocument(event: StoredEvent): Promise<void>;
  /** A stored batch changed the document (own or another instance's updates), after it was sent. */
  onChange(event: ChangeEvent): Promise<void>;
  /** The room left the registry: idle and unloading, broken, or its load failed after afterLoadDocument. */
  afterUnloadDocument(event: DocumentRef): Promise<void>;
}
