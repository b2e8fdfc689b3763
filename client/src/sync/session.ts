import type { Round } from '@common-ground/shared/api';
import { readRounds } from '@common-ground/shared/schema';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { StoreApi } from 'zustand/vanilla';
import type { AccessCheck } from './accessCheck';
import { bridgeBoardDoc } from './boardDocBridge';
import type { BoardState } from './boardState';
import { createBoardStore } from './boardStore';
import { trackConnection } from './connection';
import { type BoardIntents, createIntents } from './intents';
import { runLifecycle } from './lifecycle';
import { keepLocalCopy } from './localPersistence';
import { createMoveUndo } from './moveUndo';
import { type OfflineTracker, trackOfflineChanges } from './offlineChanges';
import { type Editing, readOnline, sameOnline } from './presence';
import { createProvider } from './provider';
import { bridgeRecord, type RecordSeed } from './recordBridge';

export type { BoardState } from './boardState';
export type { GoalDetails } from './goalDetails';

export interface BoardSession extends BoardIntents {
  readonly store: StoreApi<BoardState>;
  readonly participantId: string;
  /** Changes not yet confirmed by the server, and wordings edited offline (see offlineChanges.ts). */
  readonly offline: OfflineTracker;
  /** A round the API returned to this participant: shown at once, before the record catches up. */
  putRound(round: Round): void;
  /** Tells the others which text this person is editing (or null when they stop). */
  setEditing(editing: Editing | null): void;
  /** Partners and participants as the API reported them, until the live record has them too. */
  seedRecord(entries: RecordSeed): void;
  /** Takes back this person's last move or stage change (never someone else's); false when none was left. */
  undo(): boolean;
  /** Makes the last undone move again; false when none was left. */
  redo(): boolean;
  destroy(): void;
}

/**
 * A live board: its two documents (the board and the server-written record), each with a provider, the device's
 * copy of both, and the store the screens read, kept current by the bridges (boardDocBridge, recordBridge).
 */
export function openBoardSession(options: {
  boardId: string;
  participantId: string;
  token: string;
  /** This participant's view of the rounds (GET …/rounds). */
  loadRounds: () => Promise<readonly Round[]>;
  /** Asks the API whether the token still counts, when a connection attempt fails (see accessCheck.ts). */
  checkAccess: AccessCheck;
}): BoardSession {
  const { boardId, participantId, token } = options;
  const serverUrl = `${location.origin.replace(/^http/, 'ws')}/ws`;
  const doc = new Y.Doc();
  const record = new Y.Doc();

  // Our awareness state must be valid from the first frame: the server checks it against our token.
  const awareness = new Awareness(doc);
  awareness.setLocalState({ participantId, editing: null });
  // The record socket carries no presence; a null state means nothing is ever sent on it.
  const recordAwareness = new Awareness(record);
  recordAwareness.setLocalState(null);

  const board = createProvider({ serverUrl, room: boardId, doc, awareness, token });
  const recordSocket = createProvider({
    serverUrl,
    room: `${boardId}/record`,
    doc: record,
    awareness: recordAwareness,
    token,
  });
  const provider = board.provider;
  // The providers do not connect before the local copy is loaded (lifecycle.ts); they apply the server's updates.
  const localCopy = keepLocalCopy(
    boardId,
    doc,
    record,
    (origin) => origin === provider || origin === recordSocket.provider,
  );

  const store = createBoardStore(doc, record, readOnline(awareness.getStates()));
  const stopDocBridge = bridgeBoardDoc(doc, store);
  const recordBridge = bridgeRecord(record, store, options.loadRounds);
  const onAwarenessChange = () => {
    const online = readOnline(awareness.getStates());
    if (!sameOnline(online, store.getState().online)) store.setState({ online });
  };
  const onSync = (synced: boolean) => {
    if (synced) store.setState({ loaded: true });
  };
  awareness.on('change', onAwarenessChange);
  provider.on('sync', onSync);
  const stopTracking = trackConnection(provider, doc, (connection) => store.setState({ connection }));
  const offline = trackOfflineChanges({
    boardId,
    provider,
    doc,
    closedRoundIds: (goalId) =>
      readRounds(record)
        .filter((round) => round.goalId === goalId && round.status === 'closed')
        .map((round) => round.id),
  });
  const stopLifecycle = runLifecycle({
    providers: [provider, recordSocket.provider],
    localCopy,
    offline,
    checkAccess: options.checkAccess,
    onRefusal: (refusal) => store.setState({ refusal }),
  });
  const intents = createIntents(doc, participantId, {
    texts: () => store.getState(),
    journalGoalIds: () => offline.store.getState().edits.map((edit) => edit.goalId),
  });
  const moveUndo = createMoveUndo(doc, (history) => store.setState({ history }));

  return {
    ...intents,
    undo: moveUndo.undo,
    redo: moveUndo.redo,
    store,
    participantId,
    offline,
    putRound: recordBridge.putRound,
    setEditing: (editing) => awareness.setLocalStateField('editing', editing),
    seedRecord: recordBridge.seed,
    destroy: () => {
      moveUndo.destroy();
      stopLifecycle();
      offline.destroy();
      localCopy.destroy();
      stopTracking();
      recordBridge.stop();
      stopDocBridge();
      awareness.off('change', onAwarenessChange);
      provider.off('sync', onSync);
      board.destroy();
      recordSocket.destroy();
      awareness.destroy();
      recordAwareness.destroy();
      doc.destroy();
      record.destroy();
    },
  };
}
