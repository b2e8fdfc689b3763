/**
 * Who made a Yjs transaction. Every transaction this code base starts carries one of these origins, so observers
 * (the server's write path, the client's offline journal, an undo manager) tell them apart by `kind` instead of by
 * comparing strings or casting objects. Transactions that libraries start (a y-websocket provider applying what the
 * server sent, y-indexeddb loading the local copy) carry the library's own object and are not an `Origin`.
 *
 * Origins are classes, not plain objects, because `Y.UndoManager` tracks origins by identity or by constructor:
 * `trackedOrigins: new Set([IntentOrigin])` scopes undo to this person's own intents.
 */

/** Every intent-named mutation of the schema: the `intent` a local transaction was made for. */
export type Intent =
  | 'initBoard'
  | 'proposeGoal'
  | 'moveGoal'
  | 'removeGoal'
  | 'withdrawGoal'
  | 'restoreGoal'
  | 'editGoalText'
  | 'setGoalLead'
  | 'setCommitment'
  | 'setReviewDate'
  | 'addComment'
  | 'setGoalTranslation'
  | 'removeGoalTranslation'
  | 'setGoalLanguage';

/** A person's intent on this device (client side; the server never makes one). */
export class IntentOrigin {
  readonly kind = 'intent';
  constructor(readonly intent: Intent) {}
}

/** A write the server makes itself: schema repair, record and process projections, restores. Logged without a participant. */
export class ServerOrigin {
  readonly kind = 'server';
}

/** Updates another instance of the cluster stored already: sent on to this instance's clients, never stored again. */
export class PeerOrigin {
  readonly kind = 'peer';
}

/**
 * A connected client's update applied on the server. `sender` is the connection it came from (opaque here: the
 * server's own type), so the room relays it to everyone else and attributes it to `participantId`.
 */
export class ClientOrigin<Sender extends object = object> {
  readonly kind = 'client';
  constructor(
    readonly participantId: string,
    readonly sender: Sender,
  ) {}
}

export type Origin = IntentOrigin | ServerOrigin | PeerOrigin | ClientOrigin;

export type OriginKind = Origin['kind'];

/** One instance each: they carry no data, and identity compares are what Yjs observers see. */
export const SERVER_ORIGIN = new ServerOrigin();
export const PEER_ORIGIN = new PeerOrigin();

export function isOrigin(value: unknown): value is Origin {
  return (
    value instanceof IntentOrigin ||
    value instanceof ServerOrigin ||
    value instanceof PeerOrigin ||
    value instanceof ClientOrigin
  );
}

/** The typed origin of a transaction, or `null` when a library (provider, local persistence) made it. */
export function originOf(transactionOrigin: unknown): Origin | null {
  return isOrigin(transactionOrigin) ? transactionOrigin : null;
}

/** The participant a server-side transaction is attributed to: a client's, or nobody's (server, peer, library). */
export function participantOf(transactionOrigin: unknown): string | null {
  return transactionOrigin instanceof ClientOrigin ? transactionOrigin.participantId : null;
}
