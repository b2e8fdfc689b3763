import {
  addComment,
  editGoalText,
  type GoalTextField,
  goalText,
  type MoveTarget,
  moveGoal,
  proposeGoal,
  removeGoalTranslation,
  restoreGoal,
  type Stage,
  setCommitment,
  setGoalLead,
  setGoalStage,
  setGoalTranslation,
  setReviewDate,
  withdrawGoal,
} from '@common-ground/shared/schema';
import type * as Y from 'yjs';
import { type BoardTexts, type KeptText, keptCandidates } from './keptText';
import { bindText, type TextElement } from './textBinding';

/** What a person does on the board; each is one intent transaction on the board document (origins.ts). */
export interface BoardIntents {
  proposeGoal(input: { title: string; description: string }): string;
  moveGoal(goalId: string, target: MoveTarget): void;
  setGoalStage(goalId: string, stage: Stage): void;
  addComment(goalId: string, text: string): void;
  setGoalLead(goalId: string, partnerId: string | null): void;
  setCommitment(goalId: string, partnerId: string, text: string): void;
  setReviewDate(goalId: string, date: string | null): void;
  /** Takes a goal off the board, keeping its stage; the server allows it to its proposer and the facilitator. */
  withdrawGoal(goalId: string): void;
  restoreGoal(goalId: string): void;
  /** Writes the goal's translation into `lang`, based on the original as it stands; false if refused. */
  setGoalTranslation(goalId: string, lang: string, wording: { title: string; description: string }): boolean;
  removeGoalTranslation(goalId: string, lang: string): void;
  /** Binds a field to the goal's shared text; returns the unbinding function. */
  bindTextField(element: TextElement, goalId: string, field: GoalTextField): () => void;
  /** Goal texts and comments this device changed, as they read now: offered back if this copy is discarded. */
  touchedTexts(): KeptText[];
}

/**
 * The person's intents on the board document, noting which texts they wrote (only their own edits) so that a
 * discarded copy can offer them back.
 */
export function createIntents(
  doc: Y.Doc,
  participantId: string,
  sources: {
    /** The board's texts as the screens show them now. */
    texts: () => BoardTexts;
    /** Goals whose wording was edited offline in an earlier visit and may be unsent too (the offline journal). */
    journalGoalIds: () => readonly string[];
    now?: () => number;
  },
): BoardIntents {
  const now = sources.now ?? Date.now;
  // Keyed by goal and field; a goal's two fields, or comment ids.
  const touchedFields = new Map<string, { goalId: string; field: GoalTextField }>();
  const touchedCommentIds = new Set<string>();
  const touch = (goalId: string, field: GoalTextField) =>
    touchedFields.set(`${goalId}\u0000${field}`, { goalId, field });

  return {
    proposeGoal: ({ title, description }) => {
      const goalId = proposeGoal(doc, { title, description, createdBy: participantId, now: now() });
      touch(goalId, 'title');
      touch(goalId, 'description');
      return goalId;
    },
    moveGoal: (goalId, target) => {
      moveGoal(doc, goalId, target);
    },
    withdrawGoal: (goalId) => {
      withdrawGoal(doc, goalId, participantId, now());
    },
    restoreGoal: (goalId) => {
      restoreGoal(doc, goalId);
    },
    setGoalTranslation: (goalId, lang, wording) => setGoalTranslation(doc, goalId, lang, wording),
    removeGoalTranslation: (goalId, lang) => {
      removeGoalTranslation(doc, goalId, lang);
    },
    setGoalStage: (goalId, stage) => {
      setGoalStage(doc, goalId, stage);
    },
    addComment: (goalId, text) => {
      const commentId = addComment(doc, goalId, { authorId: participantId, text, now: now() });
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
    bindTextField: (element, goalId, field) => {
      const text = goalText(doc, goalId, field);
      if (!text) return () => {};
      return bindText(element, text, (change) => {
        touch(goalId, field);
        editGoalText(doc, goalId, field, change);
      });
    },
    touchedTexts: () => {
      for (const goalId of sources.journalGoalIds()) {
        touch(goalId, 'title');
        touch(goalId, 'description');
      }
      return keptCandidates(
        { fields: [...touchedFields.values()], commentIds: [...touchedCommentIds] },
        sources.texts(),
      );
    },
  };
}
