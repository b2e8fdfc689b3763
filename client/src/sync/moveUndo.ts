import { IntentOrigin } from '@common-ground/shared/schema';
import * as Y from 'yjs';

/** What the undo and redo buttons show: whether this person has a move to take back or to make again. */
export interface UndoState {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

export const NO_UNDO: UndoState = { canUndo: false, canRedo: false };

export interface MoveUndo {
  /** Takes back this person's last move or stage change; false when nothing was left to take back. */
  undo(): boolean;
  redo(): boolean;
  destroy(): void;
}

/**
 * Undo for this person's own moves and stage changes (both are the `moveGoal` intent). Text edits are left to
 * the text boxes' own undo; what others did and what the server repaired never arrives with an intent origin,
 * so it is never taken back. Yjs restores a goal's stage or rank only while no later change of someone else
 * overwrote it, so an undo never clobbers another person's move of the same goal.
 */
export function createMoveUndo(
  doc: Y.Doc,
  onChange: (state: UndoState) => void,
  // Transactions closer together than this are one step: a drop that re-ranks a stage stays one undo.
  captureTimeout = 300,
): MoveUndo {
  const manager = new Y.UndoManager(doc.getMap('goals'), {
    trackedOrigins: new Set([IntentOrigin]),
    // The manager's own undo transactions must be captured too, or nothing could be redone.
    captureTransaction: (transaction) =>
      !(transaction.origin instanceof IntentOrigin) || transaction.origin.intent === 'moveGoal',
    captureTimeout,
  });
  let last = NO_UNDO;
  const report = () => {
    const next = { canUndo: manager.canUndo(), canRedo: manager.canRedo() };
    if (next.canUndo === last.canUndo && next.canRedo === last.canRedo) return;
    last = next;
    onChange(next);
  };
  manager.on('stack-item-added', report);
  manager.on('stack-item-popped', report);
  manager.on('stack-cleared', report);
  return {
    undo: () => {
      // Each undo is its own step, never merged with a move made right before it.
      manager.stopCapturing();
      return manager.undo() !== null;
    },
    redo: () => manager.redo() !== null,
    destroy: () => manager.destroy(),
  };
}
