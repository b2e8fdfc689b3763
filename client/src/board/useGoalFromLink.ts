import { useEffect, useState } from 'react';
import { useBoard } from '../sync/SessionContext';
import type { GoalFocus } from './GoalDialog';

/** What a link from a mail asks for: `/b/<boardId>?goal=<goalId>` and, for a round, `&focus=round`. */
export function linkedGoal(search: string): { goalId: string; focus: GoalFocus } | null {
  const params = new URLSearchParams(search);
  const goalId = params.get('goal');
  // The same shape as the ids the board uses; anything else is not a goal of this board.
  if (!goalId || !/^[A-Za-z0-9_-]{1,64}$/.test(goalId)) return null;
  return { goalId, focus: params.get('focus') === 'round' ? 'round' : 'goal' };
}

/**
 * Opens the goal a mail's link names once the board has it, then takes the question out of the address: a reload
 * or a shared address shows the board, not the dialog again. A goal the board does not have (withdrawn, another
 * board's id) opens nothing.
 */
export function useGoalFromLink(open: (goalId: string, focus: GoalFocus) => void): void {
  // Read once: after the dialog opened, the address no longer names the goal.
  const [wanted, setWanted] = useState(() => linkedGoal(window.location.search));
  const present = useBoard((s) => (wanted ? s.goals.some((goal) => goal.id === wanted.goalId) : false));
  useEffect(() => {
    if (!wanted || !present) return;
    open(wanted.goalId, wanted.focus);
    setWanted(null);
    window.history.replaceState(window.history.state, '', window.location.pathname + window.location.hash);
  }, [wanted, present, open]);
}
