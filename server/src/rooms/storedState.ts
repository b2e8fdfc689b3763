import * as Y from 'yjs';
import type { LoadedDocument, QuarantineEntry } from '../storage/types';

export interface StoredState {
  readonly doc: Y.Doc;
  /** Log entries that were skipped: they throw when applied, or leave pending changes (see checkApplicable). */
  readonly quarantined: readonly QuarantineEntry[];
  /** The snapshot carried pending changes (written before updates were checked); they were dropped. */
  readonly droppedPending: boolean;
}

/**
 * After this many entries that throw, the rest are skipped where they fail instead of starting again: a board
 * whose log is that broken still loads in bounded time, with what applied.
 */
const MAX_RESTARTS = 5;

/**
 * Builds a document from what storage returned, so that one bad log entry never stops a board from loading. An
 * entry that throws may have left part of itself in the document, so the document is built again without it; one
 * that leaves pending structs or deletes has its pending part dropped (nothing of that part was integrated, and
 * Yjs would otherwise re-process it on every later update). Throws only if the snapshot itself does not apply.
 */
export function buildStoredState(loaded: LoadedDocument): StoredState {
  const skipped = new Map<number, string>();
  for (let restarts = 0; ; restarts++) {
    const doc = new Y.Doc();
    try {
      const droppedPending = loaded.snapshot ? applyDroppingPending(doc, loaded.snapshot) : false;
      let restart = false;
      for (const entry of loaded.updates) {
        if (skipped.has(entry.seq)) continue;
        try {
          if (applyDroppingPending(doc, entry.update)) skipped.set(entry.seq, 'leaves pending changes');
        } catch (error) {
          skipped.set(entry.seq, `does not apply: ${error instanceof Error ? error.message : String(error)}`);
          if (restarts < MAX_RESTARTS) {
            restart = true;
            break;
          }
        }
      }
      if (!restart) {
        const quarantined = [...skipped].map(([seq, reason]) => ({ seq, reason }));
        return { doc, quarantined, droppedPending };
      }
    } catch (error) {
      doc.destroy();
      throw error;
    }
    doc.destroy();
  }
}

/** Applies an update; true if it left pending structs or deletes, which are then dropped. */
function applyDroppingPending(doc: Y.Doc, update: Uint8Array): boolean {
  Y.applyUpdate(doc, update);
  return dropPending(doc);
}

/**
 * Applies a logged update where a bad entry must not stop the reader (activity, "as of"): one that throws or
 * leaves pending changes is passed over (what it left pending is dropped); false for such an entry. Loading a
 * room quarantines them (buildStoredState); a reader may meet one before that happened.
 */
export function applyLogged(doc: Y.Doc, update: Uint8Array): boolean {
  try {
    return !applyDroppingPending(doc, update);
  } catch {
    return false;
  }
}

/** Drops what Yjs keeps pending (never integrated, so nothing else refers to it); true if there was any. */
export function dropPending(doc: Y.Doc): boolean {
  const { store } = doc;
  if (store.pendingStructs === null && store.pendingDs === null) return false;
  store.pendingStructs = null;
  store.pendingDs = null;
  return true;
}
