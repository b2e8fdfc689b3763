import type { Round } from '@common-ground/shared/api';
import {
  observeGoals,
  readBoardTitle,
  readComments,
  readGoalById,
  readGoalStructure,
  readGoals,
  readGoalTranslations,
} from '@common-ground/shared/schema';
import type * as Y from 'yjs';
import type { StoreApi } from 'zustand/vanilla';
import type { BoardState } from './boardState';
import { type GoalDetails, mergeDetails } from './goalDetails';
import { mergeGoals } from './goalList';
import { roundsByGoal, updateRoundsByGoal } from './goalRounds';

export type BoardDocState = Pick<BoardState, 'title' | 'goals' | 'details' | 'goalRounds'>;

const readDetails = (doc: Y.Doc, goalId: string): GoalDetails => ({
  structure: readGoalStructure(doc, goalId),
  comments: readComments(doc, goalId),
  translations: readGoalTranslations(doc, goalId),
});

/** The board document's part of the state, read whole: when the session opens. */
export function readBoardDoc(doc: Y.Doc, rounds: readonly Round[]): BoardDocState {
  const goals = readGoals(doc);
  return {
    title: readBoardTitle(doc),
    goals,
    details: Object.fromEntries(goals.map((goal) => [goal.id, readDetails(doc, goal.id)])),
    goalRounds: roundsByGoal(goals, rounds),
  };
}

/**
 * Keeps the board document's part of the state current without reading the whole board on every keystroke: the
 * goals map's deep events name the goals a transaction touched, and after the transaction (its `update` event)
 * only those are read again. Untouched goals, their details and round states keep their objects, and a field of
 * the state is set only when it changed, so a remote keystroke in one goal re-renders that goal's card alone.
 */
export function bridgeBoardDoc(doc: Y.Doc, store: StoreApi<BoardState>): () => void {
  const touched = new Set<string>();
  const stopObserving = observeGoals(doc, (change) => {
    for (const id of change.goalIds) touched.add(id);
  });
  const onUpdate = () => {
    const state = store.getState();
    const patch: { -readonly [K in keyof BoardDocState]?: BoardDocState[K] } = {};
    const title = readBoardTitle(doc);
    if (title !== state.title) patch.title = title;
    if (touched.size > 0) {
      const ids = new Set(touched);
      touched.clear();
      const goals = mergeGoals(state.goals, ids, (id) => readGoalById(doc, id));
      const present = new Set(goals.filter((goal) => ids.has(goal.id)).map((goal) => goal.id));
      const details = mergeDetails(state.details, ids, (id) =>
        present.has(id) ? readDetails(doc, id) : null,
      );
      const goalRounds = updateRoundsByGoal(state.goalRounds, goals, state.rounds, ids);
      if (goals !== state.goals) patch.goals = goals;
      if (details !== state.details) patch.details = details;
      if (goalRounds !== state.goalRounds) patch.goalRounds = goalRounds;
    }
    if (Object.keys(patch).length > 0) store.setState(patch);
  };
  doc.on('update', onUpdate);
  return () => {
    stopObserving();
    doc.off('update', onUpdate);
  };
}
