import { EMPTY_FACILITATION, INITIAL_PROCESS } from '@common-ground/shared/schema';
import type * as Y from 'yjs';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { readBoardDoc } from './boardDocBridge';
import type { BoardState } from './boardState';
import { NO_UNDO } from './moveUndo';
import type { OnlineParticipant } from './presence';
import { readRecordEntries } from './recordBridge';

/** The store the screens read, as the documents are when the session opens (empty, or the device's copy later). */
export function createBoardStore(
  doc: Y.Doc,
  record: Y.Doc,
  online: readonly OnlineParticipant[],
): StoreApi<BoardState> {
  return createStore<BoardState>()(() => ({
    ...readBoardDoc(doc, []),
    ...readRecordEntries(record, { partners: [], participants: [] }),
    online,
    rounds: [],
    facilitation: EMPTY_FACILITATION,
    process: INITIAL_PROCESS,
    connection: { status: 'connecting', pending: false },
    loaded: false,
    refusal: null,
    history: NO_UNDO,
  }));
}
