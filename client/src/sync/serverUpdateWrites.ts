import type { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';

// How long updates from the server are gathered into one write; y-indexeddb's own compaction waits as long.
export const SERVER_WRITE_DELAY_MS = 1000;

/**
 * y-indexeddb writes every update of its document in its own IndexedDB transaction the moment it happens: while
 * another participant types, one transaction (and its round trips to the browser's storage) per remote
 * keystroke, on the main thread. Updates from the server are written here at most once per
 * SERVER_WRITE_DELAY_MS: the first at once (the first sync after opening, a lone remote edit), those that follow
 * within the window merged at its end, for as long as they keep coming. The server has them, so losing the last
 * second of them (a crashed tab) only means the next sync fetches them again. Everything else — the person's own
 * edits — is written at once, as before, after the held server updates: a stored edit never depends on a server
 * update that is not stored, and an edit made offline survives a closed tab exactly as before. A hidden page, a
 * closing page and `stop` write what is held.
 */
export function writeServerUpdatesLater(
  persistence: IndexeddbPersistence,
  doc: Y.Doc,
  fromServer: (origin: unknown) => boolean,
): () => void {
  const write = persistence._storeUpdate;
  let held: Uint8Array[] = [];
  let gathering: ReturnType<typeof setTimeout> | undefined;
  const writeHeld = () => {
    if (held.length === 0) return false;
    const update = held.length === 1 ? held[0] : Y.mergeUpdates(held);
    held = [];
    if (update) write(update, null);
    return true;
  };
  // The window stays open while updates came in it, so a steady stream is written once per window.
  const endWindow = () => {
    gathering = writeHeld() ? setTimeout(endWindow, SERVER_WRITE_DELAY_MS) : undefined;
  };
  const flush = () => {
    clearTimeout(gathering);
    gathering = undefined;
    writeHeld();
  };
  const onUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === persistence) return; // the stored copy being loaded: y-indexeddb skips it too
    if (!fromServer(origin)) {
      flush();
      write(update, origin);
    } else if (gathering === undefined) {
      write(update, origin);
      gathering = setTimeout(endWindow, SERVER_WRITE_DELAY_MS);
    } else {
      held.push(update);
    }
  };
  const onHidden = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  // No page outside a browser (unit tests): then only the timer and `stop` write.
  const page = typeof window === 'undefined' ? null : window;
  doc.off('update', write);
  doc.on('update', onUpdate);
  page?.addEventListener('pagehide', flush);
  page?.document.addEventListener('visibilitychange', onHidden);
  return () => {
    flush();
    doc.off('update', onUpdate);
    page?.removeEventListener('pagehide', flush);
    page?.document.removeEventListener('visibilitychange', onHidden);
  };
}
