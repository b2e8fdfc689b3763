import type { Participant, Round } from '@common-ground/shared/api';
import { readParticipants, readRounds } from '@common-ground/shared/schema';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { listDatabaseNames, takeDatabaseNames } from './databaseNames';
import { saveJournal } from './offlineJournal';
import { writeServerUpdatesLater } from './serverUpdateWrites';

/** IndexedDB database names of a board's two documents on this device. */
export const localDbNames = (boardId: string) => ({
  board: `common-ground.board.${boardId}`,
  record: `common-ground.record.${boardId}`,
});

// IndexedDB can hang (a blocked upgrade in another tab) or be missing (some private modes): the live connection
// must never wait for it longer than this.
const LOCAL_LOAD_TIMEOUT_MS = 3000;

export interface LocalCopy {
  /**
   * Resolves once the live connection may start: the stored copies are in the documents, this device has none
   * (nothing to load first, so a first visit does not wait for IndexedDB to create the databases), or IndexedDB
   * failed or took too long.
   */
  readonly readyToConnect: Promise<void>;
  /** True if this device had a copy of the board document before this visit. */
  readonly hadCopy: () => boolean;
  destroy(): void;
}

function persist(name: string, doc: Y.Doc): IndexeddbPersistence | null {
  try {
    return new IndexeddbPersistence(name, doc);
  } catch {
    return null;
  }
}

/**
 * Keeps the board and record documents of one board in IndexedDB (y-indexeddb stores every update, whatever
 * its origin): a board opened once opens again without a network, and edits made offline survive a closed tab.
 * Updates for which `fromServer` holds are written up to a second later, merged (see serverUpdateWrites.ts).
 */
export function keepLocalCopy(
  boardId: string,
  doc: Y.Doc,
  record: Y.Doc,
  fromServer: (origin: unknown) => boolean = () => false,
): LocalCopy {
  const names = localDbNames(boardId);
  // Asked before the persistence opens (and so creates) the database; an existing one is listed either way.
  const listing = takeDatabaseNames();
  const boardStore = persist(names.board, doc);
  const recordStore = persist(names.record, record);
  const stopWrites = [
    boardStore && writeServerUpdatesLater(boardStore, doc, fromServer),
    recordStore && writeServerUpdatesLater(recordStore, record, fromServer),
  ];
  let hadCopy = false;
  let knownAbsent = false;
  const loaded = Promise.all(
    [boardStore, recordStore].map((store) => store?.whenSynced.catch(() => undefined)),
  ).then(() => {
    // A fresh IndexedDB copy holds only the empty document's state; a stored board has its title. Once known
    // absent, the server's data may already be in the document.
    if (!knownAbsent) hadCopy = doc.getMap('board').size > 0;
  });
  const absent = new Promise<void>((resolve) => {
    void listing.then((existing) => {
      knownAbsent = existing !== null && !existing.includes(names.board);
      if (knownAbsent) resolve();
    });
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, LOCAL_LOAD_TIMEOUT_MS);
  });
  return {
    readyToConnect: Promise.race([loaded, absent, timeout]).finally(() => clearTimeout(timer)),
    hadCopy: () => hadCopy,
    destroy: () => {
      clearTimeout(timer);
      for (const stop of stopWrites) stop?.();
      void boardStore?.destroy();
      void recordStore?.destroy();
    },
  };
}

/** Deletes this device's copies of a board and its offline journal (when the person leaves it here). */
export async function forgetLocalCopy(boardId: string): Promise<void> {
  saveJournal(boardId, { unsent: 0, edits: [] });
  const names = localDbNames(boardId);
  await Promise.all(
    [names.board, names.record].map(
      (name) =>
        new Promise<void>((resolve) => {
          const request = indexedDB.deleteDatabase(name);
          request.onsuccess = request.onerror = request.onblocked = () => resolve();
        }),
    ),
  );
}

/**
 * The rounds and participants of a board's record as last stored on this device, without opening the board:
 * null if this device never opened it (the database is not created just to look).
 */
export async function readLocalRecord(
  boardId: string,
): Promise<{ rounds: Round[]; participants: Participant[] } | null> {
  const name = localDbNames(boardId).record;
  if (!(await listDatabaseNames())?.includes(name)) return null;
  const record = new Y.Doc();
  const store = persist(name, record);
  try {
    await store?.whenSynced;
    return { rounds: readRounds(record), participants: readParticipants(record) };
  } catch {
    return null;
  } finally {
    await store?.destroy();
    record.destroy();
  }
}
