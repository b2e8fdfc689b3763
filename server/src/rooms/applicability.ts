import * as Y from 'yjs';
import { malformed, NotYetApplicable } from './violation';

/** What an update that can be applied would do, for the size budget (see DocSize). */
export interface UpdateShape {
  /** It brings structs the document does not have yet (content, or deletions' placeholders). */
  readonly adds: boolean;
  /** Its delete set is not empty. */
  readonly deletes: boolean;
}

/**
 * Proves, before anything is applied, that a client's update integrates completely into `doc`: it decodes, every
 * struct follows on what the document (or the update itself) has of its client, every reference (left and right
 * origin, parent) points at something that exists by then, and every deletion targets something that exists.
 * Yjs would otherwise keep such an update as pending structs or pending deletes, which it re-processes on every
 * later update (stalling the server and every browser), or throw halfway through applying it. Throws a
 * ConnectionViolation (UpdateRefused) naming the first problem; the document is not touched.
 */
export function checkApplicable(doc: Y.Doc, update: Uint8Array): UpdateShape {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    throw malformed('Update does not decode');
  }
  // The clock each client reaches once the update is in: the document's state, extended by the update's structs.
  const reached = new Map<number, number>();
  const stateOf = (client: number) => reached.get(client) ?? Y.getState(doc.store, client);
  const items: Y.Item[] = [];
  let adds = false;
  for (const struct of decoded.structs) {
    const { client, clock } = struct.id;
    const state = stateOf(client);
    if (struct instanceof Y.Skip) continue;
    // An empty struct integrates, but every later encoding of its delete set throws (the board would not load).
    if (struct.length < 1) throw malformed('Update has an empty change');
    if (clock > state) throw new NotYetApplicable('Update refers to changes the board does not have');
    // Yjs resolves the references of structs it has already too, so those must hold as well.
    if (struct instanceof Y.Item) items.push(struct);
    const end = clock + struct.length;
    if (end <= state) continue;
    reached.set(client, end);
    adds = true;
  }
  for (const item of items) {
    const ownClock = item.id.clock;
    for (const ref of [item.origin, item.rightOrigin, item.parent instanceof Y.ID ? item.parent : null]) {
      if (!ref) continue;
      // Its own client's earlier structs come first: a reference ahead of the item itself can never resolve.
      if (ref.client === item.id.client && ref.clock >= ownClock) {
        throw malformed('Update refers to content after itself');
      }
      if (ref.clock >= stateOf(ref.client)) {
        throw new NotYetApplicable('Update refers to content the board does not have');
      }
    }
  }
  let deletes = false;
  for (const [client, ranges] of decoded.ds.clients) {
    for (const range of ranges) {
      if (range.len < 1) throw malformed('Update has an empty deletion');
      if (range.clock + range.len > stateOf(client)) {
        throw new NotYetApplicable('Update deletes content the board does not have');
      }
      deletes = true;
    }
  }
  return { adds, deletes };
}
