import { IntentOrigin, observeGoals, readGoalById } from '@common-ground/shared/schema';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { loadJournal, type OfflineEdit, saveJournal } from './offlineJournal';
import { followProbeAnswers, sendSyncProbe } from './provider';

export interface OfflineState {
  /** Local changes the server has not confirmed yet (also those made before a reload). */
  readonly unsent: number;
  /** Changes made offline during this visit have all been confirmed by the server. */
  readonly allSent: boolean;
  /** Wordings edited offline; once confirmed, they are checked against the rounds for conflicts. */
  readonly edits: readonly OfflineEdit[];
  /** Goal ids whose offline edits the server has confirmed during this visit. */
  readonly confirmedGoalIds: readonly string[];
  /** This device had the board before this visit: it shows that copy while the server cannot be reached. */
  readonly localCopy: boolean;
  /** A connection attempt failed since the last sync: with a local copy, that is "offline", not "connecting". */
  readonly unreachable: boolean;
}

export interface OfflineTracker {
  readonly store: StoreApi<OfflineState>;
  markLocalCopy(hadCopy: boolean): void;
  /** The person read the conflict notice for these goals. */
  dismissEdits(goalIds: readonly string[]): void;
  destroy(): void;
}

/**
 * Counts the person's changes that the server has not confirmed. A change counts while the board is not live;
 * it is confirmed by a round trip after the reconnect: y-websocket sends our missing updates (sync step 2) in
 * answer to the server's step 1, and we then send one more step 1. The server handles a socket's messages in
 * order and stores an update before it answers anything after it, so its answer to that probe means everything
 * sent before it is stored. `synced` alone is not enough: it only says that we have the server's state.
 */
export function trackOfflineChanges(options: {
  boardId: string;
  provider: WebsocketProvider;
  doc: Y.Doc;
  closedRoundIds: (goalId: string) => string[];
}): OfflineTracker {
  const { boardId, provider, doc } = options;
  const journal = loadJournal(boardId);
  const store = createStore<OfflineState>()(() => ({
    unsent: journal.unsent,
    allSent: false,
    edits: journal.edits,
    confirmedGoalIds: [],
    localCopy: false,
    unreachable: false,
  }));
  // Counted changes ever made (from the journal's unsent on) and confirmed so far; unsent = made - confirmed.
  let made = journal.unsent;
  let confirmed = 0;
  let probes: number[] = [];

  const save = () => {
    const { unsent, edits, confirmedGoalIds } = store.getState();
    const confirmedIds = new Set(confirmedGoalIds);
    saveJournal(boardId, { unsent, edits: edits.filter((edit) => !confirmedIds.has(edit.goalId)) });
  };

  const connectedAndSynced = () => provider.wsconnected && provider.synced;

  const probe = () => {
    if (connectedAndSynced() && sendSyncProbe(provider)) probes.push(made);
  };

  const onAnswer = (value: number) => {
    confirmed = Math.max(confirmed, value);
    const unsent = made - confirmed;
    if (unsent > 0) {
      store.setState({ unsent });
    } else {
      // Everything is stored: each wording edited offline can now have had its effect on the rounds.
      store.setState({
        unsent,
        allSent: true,
        confirmedGoalIds: store.getState().edits.map((e) => e.goalId),
      });
    }
    save();
  };

  const stopFollowingAnswers = followProbeAnswers(provider, {
    onAnswer: () => {
      const value = probes.shift();
      if (value !== undefined) onAnswer(value);
    },
    // Answers to probes sent on a closed socket never come; the next sync probes again.
    onNewSocket: () => {
      probes = [];
    },
  });
  const onSync = (synced: boolean) => {
    if (synced) store.setState({ unreachable: false });
    if (synced && made > confirmed) probe();
  };
  const onClose = () => {
    if (!store.getState().unreachable) store.setState({ unreachable: true });
  };

  // Goals whose wording the person edited in the current transaction: goal events come before its update event.
  const wordingEdits = new Set<string>();
  const stopObservingGoals = observeGoals(doc, (change, transaction) => {
    if (transaction.origin instanceof IntentOrigin) for (const id of change.wordingIds) wordingEdits.add(id);
  });
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    const edited = [...wordingEdits];
    wordingEdits.clear();
    // Only the person's own intents (and their undo of a move) count: not what the server sent, not the local copy.
    if (!(origin instanceof IntentOrigin || origin instanceof Y.UndoManager)) return;
    // Live and nothing outstanding: the update goes out at once, as every live edit does.
    if (connectedAndSynced() && made === confirmed) return;
    made += 1;
    const known = new Set(store.getState().edits.map((edit) => edit.goalId));
    const newEdits: OfflineEdit[] = edited
      .filter((goalId) => !known.has(goalId))
      .flatMap((goalId) => {
        const goal = readGoalById(doc, goalId);
        return goal
          ? [{ goalId, title: goal.title, at: Date.now(), closedRoundIds: options.closedRoundIds(goalId) }]
          : [];
      });
    const state = store.getState();
    store.setState({ unsent: made - confirmed, allSent: false, edits: [...state.edits, ...newEdits] });
    save();
    if (connectedAndSynced()) probe();
  };

  provider.on('sync', onSync);
  provider.on('connection-close', onClose);
  doc.on('update', onUpdate);

  return {
    store,
    markLocalCopy: (hadCopy) => store.setState({ localCopy: hadCopy }),
    dismissEdits: (goalIds) => {
      const dismissed = new Set(goalIds);
      const state = store.getState();
      store.setState({
        edits: state.edits.filter((edit) => !dismissed.has(edit.goalId)),
        confirmedGoalIds: state.confirmedGoalIds.filter((id) => !dismissed.has(id)),
      });
      save();
    },
    destroy: () => {
      stopFollowingAnswers();
      stopObservingGoals();
      provider.off('sync', onSync);
      provider.off('connection-close', onClose);
      doc.off('update', onUpdate);
    },
  };
}
