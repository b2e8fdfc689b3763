import {
  editGoalText,
  type Goal,
  type GoalTextField,
  goalText,
  type MoveTarget,
  moveGoal,
  type Participant,
  type Partner,
  proposeGoal,
  readBoardTitle,
  readGoals,
  readParticipants,
  readPartners,
  type Stage,
  setGoalStage,
} from '@common-ground/shared';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { type ConnectionState, trackConnection } from './connection';
import { sendOnlyOwnAwareness } from './ownAwareness';
import { type Editing, type OnlineParticipant, readOnline, sameOnline } from './presence';
import { bindText, type TextElement } from './textBinding';

/** Everything the board screens read: plain values only, no Yjs types. */
export interface BoardState {
  readonly title: string;
  readonly goals: readonly Goal[];
  readonly partners: readonly Partner[];
  readonly participants: readonly Participant[];
  readonly online: readonly OnlineParticipant[];
  readonly connection: ConnectionState;
  /** True once the board document has been received from the server at least once. */
  readonly loaded: boolean;
}

export interface BoardSession {
  readonly store: StoreApi<BoardState>;
  readonly participantId: string;
  proposeGoal(input: { title: string; description: string }): string;
  moveGoal(goalId: string, target: MoveTarget): void;
  setGoalStage(goalId: string, stage: Stage): void;
  /** Binds a field to the goal's shared text; returns the unbinding function. */
  bindTextField(element: TextElement, goalId: string, field: GoalTextField): () => void;
  /** Tells the others which text this person is editing (or null when they stop). */
  setEditing(editing: Editing | null): void;
  /** Partners and participants as the API reported them, until the live record has them too. */
  seedRecord(entries: { partners: readonly Partner[]; participants: readonly Participant[] }): void;
  destroy(): void;
}

const mergeById = <T extends { id: string }>(live: readonly T[], seed: readonly T[]): T[] => {
  const ids = new Set(live.map((item) => item.id));
  return [...live, ...seed.filter((item) => !ids.has(item.id))];
};

export function openBoardSession(options: {
  boardId: string;
  participantId: string;
  token: string;
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

  // No BroadcastChannel: every change goes through the server, which checks roles and keeps the audit trail.
  const provider = new WebsocketProvider(serverUrl, boardId, doc, {
    params: { token },
    awareness,
    disableBc: true,
  });
  const recordProvider = new WebsocketProvider(serverUrl, `${boardId}/record`, record, {
    params: { token },
    awareness: recordAwareness,
    disableBc: true,
  });
  sendOnlyOwnAwareness(provider);
  sendOnlyOwnAwareness(recordProvider);

  let seed: { partners: readonly Partner[]; participants: readonly Participant[] } = {
    partners: [],
    participants: [],
  };
  const readRecord = () => ({
    partners: mergeById(readPartners(record), seed.partners),
    participants: mergeById(readParticipants(record), seed.participants),
  });

  const store = createStore<BoardState>()(() => ({
    title: readBoardTitle(doc),
    goals: readGoals(doc),
    ...readRecord(),
    online: readOnline(awareness.getStates()),
    connection: { status: 'connecting', pending: false },
    loaded: false,
  }));

  const onDocUpdate = () => store.setState({ title: readBoardTitle(doc), goals: readGoals(doc) });
  const onRecordUpdate = () => store.setState(readRecord());
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

  return {
    store,
    participantId,
    proposeGoal: ({ title, description }) =>
      proposeGoal(doc, { title, description, createdBy: participantId, now: Date.now() }),
    moveGoal: (goalId, target) => {
      moveGoal(doc, goalId, target);
    },
    setGoalStage: (goalId, stage) => {
      setGoalStage(doc, goalId, stage);
    },
    bindTextField: (element, goalId, field) => {
      const text = goalText(doc, goalId, field);
      if (!text) return () => {};
      return bindText(element, text, (change) => editGoalText(doc, goalId, field, change));
    },
    setEditing: (editing) => awareness.setLocalStateField('editing', editing),
    seedRecord: (entries) => {
      seed = entries;
      onRecordUpdate();
    },
    destroy: () => {
      stopTracking();
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
