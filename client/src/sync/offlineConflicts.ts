import type { Round } from '@common-ground/shared/api';
import type { Goal } from '@common-ground/shared/schema';
import type { GoalRounds } from './goalRounds';
import type { OfflineEdit } from './offlineJournal';

export type OfflineConflict =
  | {
      readonly kind: 'invalidated';
      readonly goalId: string;
      readonly title: string;
      readonly roundNumber: number;
    }
  | { readonly kind: 'changedSinceAgreement'; readonly goalId: string; readonly title: string };

/**
 * What the person's offline wording edits did to the rounds, once the server stored them: a round on that goal
 * that closed as `invalidated` after the edit (it was open, or opened meanwhile on the old wording), or an agreed
 * goal whose wording now differs from the agreed one.
 */
export function offlineConflicts(input: {
  edits: readonly OfflineEdit[];
  confirmedGoalIds: readonly string[];
  goals: readonly Goal[];
  rounds: readonly Round[];
  goalRounds: Readonly<Record<string, GoalRounds>>;
}): OfflineConflict[] {
  const confirmed = new Set(input.confirmedGoalIds);
  const conflicts: OfflineConflict[] = [];
  for (const edit of input.edits) {
    if (!confirmed.has(edit.goalId)) continue;
    const title = input.goals.find((goal) => goal.id === edit.goalId)?.title || edit.title;
    const invalidated = input.rounds
      .filter(
        (round) =>
          round.goalId === edit.goalId &&
          round.outcome === 'invalidated' &&
          !edit.closedRoundIds.includes(round.id),
      )
      .sort((a, b) => b.number - a.number)[0];
    if (invalidated) {
      conflicts.push({ kind: 'invalidated', goalId: edit.goalId, title, roundNumber: invalidated.number });
    } else if (input.goalRounds[edit.goalId]?.changedSinceAgreement) {
      conflicts.push({ kind: 'changedSinceAgreement', goalId: edit.goalId, title });
    }
  }
  return conflicts;
}
