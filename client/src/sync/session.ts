import {
  type Amendment,
  type Attribution,
  addComment,
  CloseCode,
  type DecisionRule,
  EMPTY_FACILITATION,
  editGoalText,
  type FacilitationState,
  type Goal,
  type GoalComment,
  type GoalStructure,
  type GoalTextField,
  goalText,
  type HiddenComment,
  INITIAL_PROCESS,
  type MoveTarget,
  moveGoal,
  type Participant,
  type Partner,
  type PartnerProfile,
  type ProcessState,
  type ProposedPartner,
  proposeGoal,
  type Relation,
  type Round,
  readAmendments,
  readAuthors,
  readBoardTitle,
  readComments,
  readDecisionRule,
  readGoalStructure,
  readGoals,
  readHiddenComments,
  readParticipants,
  readPartners,
  readProfiles,
  readProposedPartners,
  readRelations,
  readRounds,
  type Stage,
  setCommitment,
  setGoalLead,
  setGoalStage,
  setReviewDate,
} from '@common-ground/shared';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { trackProcess } from '../process/trackProcess';
import { type AccessCheck, watchAccess } from './accessCheck';
import { type ConnectionState, trackConnection } from './connection';
import { type GoalRounds, mergeRounds, roundsByGoal } from './goalRounds';
import { type KeptText, keptCandidates } from './keptText';
import { keepLocalCopy } from './localPersistence';
import { type OfflineTracker, trackOfflineChanges } from './offlineChanges';
import { followBrowserNetwork } from './offlineSignals';
import { sendOnlyOwnAwareness } from './ownAwareness';
import { type Editing, type OnlineParticipant, readOnline, sameOnline } from './presence';
import { jitterReconnects, shouldReconnect } from './reconnect';
import { type Refusal, watchRefusal } from './refusal';
import { trackFacilitation } from './sessionState';
import { bindText, type TextElement } from './textBinding';
import { createViewerRounds } from './viewerRounds';

export interface GoalDetails {
  readonly structure: GoalStructure;
  readonly comments: readonly GoalComment[];
}

/** Everything the board screens read: plain values only, no Yjs types. */
export interface BoardState {
  readonly title: string;
  readonly goals: readonly Goal[];
  readonly partners: readonly Partner[];
  /** Organisations proposed by a join, waiting for the facilitator (never counted as partners). */
  readonly proposedPartners: readonly ProposedPartner[];
  readonly participants: readonly Participant[];
  /** The network inventory, live from the record: profiles by partner id, and relations between partners. */
  readonly profiles: Readonly<Record<string, PartnerProfile>>;
  readonly relations: readonly Relation[];
  /** Who created goals and comments, by the server's record (authors.ts): never the document's own claim. */
  readonly authors: Readonly<Record<string, Attribution>>;
  /** Comments the facilitator hid, by comment id (server-written, in the record): shown as hidden, never as text. */
  readonly hiddenComments: Readonly<Record<string, HiddenComment>>;
  /** Edits a round's wording lock refused, kept as proposed amendments (server-written, in the record). */
  readonly amendments: readonly Amendment[];
  readonly online: readonly OnlineParticipant[];
  /** Every round, as this participant may see it (the record's live view plus the own partner's stances). */
  readonly rounds: readonly Round[];
  readonly decisionRule: DecisionRule;
  /** Focus, timer and agenda as the facilitator set them (server-written, in the record). */
  readonly facilitation: FacilitationState;
  /** The board's phase on its process path and every move (server-written, in the record). */
  readonly process: ProcessState;
  /** Per goal id: its rounds, whether it is agreed, whether its wording changed since. */
  readonly goalRounds: Readonly<Record<string, GoalRounds>>;
  /** Per goal id: lead, commitments, review date and discussion thread. */
  readonly details: Readonly<Record<string, GoalDetails>>;
  readonly connection: ConnectionState;
  /** True once the board document has been received from the server at least once. */
  readonly loaded: boolean;
  /** The server closed a socket for good; the session then stays disconnected (see refusal.ts). */
  readonly refusal: Refusal | null;
}

export interface BoardSession {
  readonly store: StoreApi<BoardState>;
  readonly participantId: string;
  /** Changes not yet confirmed by the server, and wordings edited offline (see offlineChanges.ts). */
  readonly offline: OfflineTracker;
  proposeGoal(input: { title: string; description: string }): string;
  moveGoal(goalId: string, target: MoveTarget): void;
  setGoalStage(goalId: string, stage: Stage): void;
  addComment(goalId: string, text: string): void;
  setGoalLead(goalId: string, partnerId: string | null): void;
  setCommitment(goalId: string, partnerId: string, text: string): void;
  setReviewDate(goalId: string, date: string | null): void;
  /** A round the API returned to this participant: shown at once, before the record catches up. */
  putRound(round: Round): void;
  /** Binds a field to the goal's shared text; returns the unbinding function. */
  bindTextField(element: TextElement, goalId: string, field: GoalTextField): () => void;
  /** Tells the others which text this person is editing (or null when they stop). */
  setEditing(editing: Editing | null): void;
  /** Partners and participants as the API reported them, until the live record has them too. */
  seedRecord(entries: { partners: readonly Partner[]; participants: readonly Participant[] }): void;
  /** Goal texts and comments this device changed, as they read now: offered back if this copy is discarded. */
  touchedTexts(): KeptText[];
  destroy(): void;
}

const mergeById = <T extends { id: string }>(live: readonly T[], seed: readonly T[]): T[] => {
  const ids = new Set(live.map((item) => item.id));
  return [...live, ...seed.filter((item) => !ids.has(item.id))];
};

const readDetails = (doc: Y.Doc, goals: readonly Goal[]): Record<string, GoalDetails> =>
  Object.fromEntries(
    goals.map((goal) => [
      goal.id,
      { structure: readGoalStructure(doc, goal.id), comments: readComments(doc, goal.id) },
    ]),
  );

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

  // The device's copy first: the board opens offline, and the sync then exchanges only what changed.
  const localCopy = keepLocalCopy(boardId, doc, record);
  // No BroadcastChannel: every change goes through the server, which checks roles and keeps the audit trail.
  const provider = new WebsocketProvider(serverUrl, boardId, doc, {
    params: { token },
    awareness,
    disableBc: true,
    connect: false,
    shouldReconnect,
  });
  const recordProvider = new WebsocketProvider(serverUrl, `${boardId}/record`, record, {
    params: { token },
    awareness: recordAwareness,
    disableBc: true,
    connect: false,
    shouldReconnect,
  });
  sendOnlyOwnAwareness(provider);
  sendOnlyOwnAwareness(recordProvider);
  // Thirty phones on one Wi-Fi must not come back in lockstep after an outage.
  const stopJitter = [jitterReconnects(provider), jitterReconnects(recordProvider)];

  let seed: { partners: readonly Partner[]; participants: readonly Participant[] } = {
    partners: [],
    participants: [],
  };
  const readRecord = () => ({
    partners: mergeById(readPartners(record), seed.partners),
    proposedPartners: readProposedPartners(record),
    participants: mergeById(readParticipants(record), seed.participants),
    profiles: Object.fromEntries(readProfiles(record)),
    relations: readRelations(record),
    authors: readAuthors(record),
    hiddenComments: readHiddenComments(record),
    amendments: readAmendments(record),
  });

  let recordRounds: Round[] = [];
  const roundsState = (goals: readonly Goal[]) => {
    const rounds = mergeRounds(recordRounds, viewerRounds.get());
    return { rounds, goalRounds: roundsByGoal(goals, rounds) };
  };
  const viewerRounds = createViewerRounds(options.loadRounds, () =>
    store.setState(roundsState(store.getState().goals)),
  );

  const goals = readGoals(doc);
  const store = createStore<BoardState>()(() => ({
    title: readBoardTitle(doc),
    goals,
    ...readRecord(),
    online: readOnline(awareness.getStates()),
    rounds: [],
    decisionRule: readDecisionRule(record),
    facilitation: EMPTY_FACILITATION,
    process: INITIAL_PROCESS,
    goalRounds: roundsByGoal(goals, []),
    details: readDetails(doc, goals),
    connection: { status: 'connecting', pending: false },
    loaded: false,
    refusal: null,
  }));

  const onDocUpdate = () => {
    const goals = readGoals(doc);
    store.setState({
      title: readBoardTitle(doc),
      goals,
      details: readDetails(doc, goals),
      ...roundsState(goals),
    });
  };
  const onRecordUpdate = () => {
    const rounds = readRounds(record);
    const roundsChanged = JSON.stringify(rounds) !== JSON.stringify(recordRounds);
    recordRounds = rounds;
    store.setState({
      ...readRecord(),
      decisionRule: readDecisionRule(record),
      ...roundsState(store.getState().goals),
    });
    if (roundsChanged) viewerRounds.refresh();
  };
  const onAwarenessChange = () => {
    const online = readOnline(awareness.getStates());
    if (!sameOnline(online, store.getState().online)) store.setState({ online });
  };
  const onSync = (synced: boolean) => {
    if (synced) store.setState({ loaded: true });
  };
  doc.on('update', onDocUpdate);
  record.on('update', onRecordUpdate);
  awareness.on('change', onAwarenessChange);
  provider.on('sync', onSync);
  const stopTracking = trackConnection(provider, doc, (connection) => store.setState({ connection }));
  const offline = trackOfflineChanges({
    boardId,
    provider,
    doc,
    ignoreOrigins: localCopy.origins,
    closedRoundIds: (goalId) =>
      readRounds(record)
        .filter((round) => round.goalId === goalId && round.status === 'closed')
        .map((round) => round.id),
  });
  let destroyed = false;
  void localCopy.readyToConnect.then(() => {
    if (destroyed) return;
    offline.markLocalCopy(localCopy.hadCopy());
    provider.connect();
    recordProvider.connect();
  });
  const stopFollowingNetwork = followBrowserNetwork([provider, recordProvider]);
  // Nothing may reconnect by itself after a refusal, not even the browser coming back online.
  const endWith = (refusal: Refusal) => {
    if (store.getState().refusal) return;
    stopFollowingNetwork();
    provider.disconnect();
    recordProvider.disconnect();
    store.setState({ refusal });
  };
  const stopWatchingRefusal = watchRefusal([provider, recordProvider], endWith);
  // A refused upgrade ends the session as the close code 4401 would have.
  const stopWatchingAccess = watchAccess([provider, recordProvider], options.checkAccess, () =>
    endWith({ code: CloseCode.AccessEnded, at: Date.now() }),
  );
  const stopFacilitation = trackFacilitation(record, (facilitation) => store.setState({ facilitation }));
  const stopProcess = trackProcess(record, (process) => store.setState({ process }));

  // Keyed by goal and field; a goal's two fields, or comment ids. Only the person's own edits are noted here.
  const touchedFields = new Map<string, { goalId: string; field: GoalTextField }>();
  const touchedCommentIds = new Set<string>();
  const touch = (goalId: string, field: GoalTextField) =>
    touchedFields.set(`${goalId}\u0000${field}`, { goalId, field });

  return {
    store,
    participantId,
    offline,
    proposeGoal: ({ title, description }) => {
      const goalId = proposeGoal(doc, { title, description, createdBy: participantId, now: Date.now() });
      touch(goalId, 'title');
      touch(goalId, 'description');
      return goalId;
    },
    moveGoal: (goalId, target) => {
      moveGoal(doc, goalId, target);
    },
    setGoalStage: (goalId, stage) => {
      setGoalStage(doc, goalId, stage);
    },
    addComment: (goalId, text) => {
      const commentId = addComment(doc, goalId, { authorId: participantId, text, now: Date.now() });
      if (commentId) touchedCommentIds.add(commentId);
    },
    setGoalLead: (goalId, partnerId) => {
      setGoalLead(doc, goalId, partnerId);
    },
    setCommitment: (goalId, partnerId, text) => {
      setCommitment(doc, goalId, partnerId, text);
    },
    setReviewDate: (goalId, date) => {
      setReviewDate(doc, goalId, date);
    },
    putRound: (round) => viewerRounds.put(round),
    bindTextField: (element, goalId, field) => {
      const text = goalText(doc, goalId, field);
      if (!text) return () => {};
      return bindText(element, text, (change) => {
        touch(goalId, field);
        editGoalText(doc, goalId, field, change);
      });
    },
    setEditing: (editing) => awareness.setLocalStateField('editing', editing),
    seedRecord: (entries) => {
      seed = entries;
      onRecordUpdate();
    },
    touchedTexts: () => {
      // Wordings edited offline in an earlier visit may be unsent too; the journal names their goals.
      for (const edit of offline.store.getState().edits) {
        touch(edit.goalId, 'title');
        touch(edit.goalId, 'description');
      }
      const { goals, details } = store.getState();
      return keptCandidates(
        { fields: [...touchedFields.values()], commentIds: [...touchedCommentIds] },
        { goals, details },
      );
    },
    destroy: () => {
      destroyed = true;
      stopWatchingRefusal();
      stopWatchingAccess();
      offline.destroy();
      stopFollowingNetwork();
      localCopy.destroy();
      stopTracking();
      stopFacilitation();
      stopProcess();
      for (const stop of stopJitter) stop();
      viewerRounds.stop();
      doc.off('update', onDocUpdate);
      record.off('update', onRecordUpdate);
      awareness.off('change', onAwarenessChange);
      provider.off('sync', onSync);
      provider.destroy();
      recordProvider.destroy();
      awareness.destroy();
      recordAwareness.destroy();
      doc.destroy();
      record.destroy();
    },
  };
}
