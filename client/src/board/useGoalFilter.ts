import { type Goal, goalAuthor } from '@common-ground/shared/schema';
import { useMemo } from 'react';
import { useBoard } from '../sync/SessionContext';
import { type GoalFilter, isFiltering, visibleGoalIds } from './goalFilter';

const NO_GOALS: readonly Goal[] = [];
const onBoard = (goal: Goal) => goal.withdrawnAt === undefined;

/**
 * The goals the filter lets through (null while no filter is on), with how many the board has. Reads the goals'
 * texts only while filtering, so typing elsewhere re-renders nothing when the filter is off.
 */
export function useGoalFilter(filter: GoalFilter): {
  visible: ReadonlySet<string> | null;
  /** Goals on the board (withdrawn ones are not) and how many of them the filter hides. */
  total: number;
  hidden: number;
} {
  const filtering = isFiltering(filter);
  const goals = useBoard((s) => (filtering ? s.goals : NO_GOALS));
  const total = useBoard((s) => s.goals.filter(onBoard).length);
  const authors = useBoard((s) => s.authors);
  const participants = useBoard((s) => s.participants);
  const details = useBoard((s) => s.details);
  const visible = useMemo(() => {
    if (!filtering) return null;
    const partnerOf = new Map(participants.map((p) => [p.id, p.partnerId ?? null]));
    // The proposer's organisation by the server's record of who wrote the goal, never the document's claim.
    const organisationsOf = (goalId: string) => [
      partnerOf.get(goalAuthor(authors, goalId) ?? '') ?? null,
      details[goalId]?.structure.leadPartnerId ?? null,
    ];
    return visibleGoalIds(goals, filter, organisationsOf);
  }, [filtering, goals, filter, authors, participants, details]);
  const shown = visible ? goals.filter((goal) => onBoard(goal) && visible.has(goal.id)).length : total;
  return { visible, total, hidden: total - shown };
}
