import { isWithdrawnAt } from '@common-ground/shared/schema';
import * as Y from 'yjs';
import {
  currentStructure,
  type RefusedChange,
  type StructureBefore,
  type WithdrawalValues,
} from './writePermissions';

/** How far a client's clock may be off before the server writes its own time as a goal's withdrawal time. */
export const WITHDRAWAL_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * After a permitted withdrawal or restore of the goals in `goalIds` (call inside a server transaction): the goal
 * names its writer as `withdrawnBy` and a time within the skew of the server's clock as `withdrawnAt`; a restored
 * goal keeps neither. Returns the goals it changed.
 */
export function settleWithdrawals(
  doc: Y.Doc,
  before: StructureBefore,
  goalIds: ReadonlySet<string>,
  participantId: string,
  now: number,
): string[] {
  const settled: string[] = [];
  const goals = doc.getMap<unknown>('goals');
  for (const goalId of goalIds) {
    const goal = goals.get(goalId);
    if (!(goal instanceof Y.Map)) continue;
    const { at, by } = currentStructure(goal).withdrawal;
    const was = before.get(goalId)?.withdrawal;
    if (was?.at === at && was?.by === by) continue;
    let changed = false;
    if (at === undefined) {
      if (by !== undefined) {
        goal.delete('withdrawnBy');
        changed = true;
      }
    } else {
      if (!isWithdrawnAt(at) || Math.abs(at - now) > WITHDRAWAL_CLOCK_SKEW_MS) {
        goal.set('withdrawnAt', now);
        changed = true;
      }
      if (by !== participantId) {
        goal.set('withdrawnBy', participantId);
        changed = true;
      }
    }
    if (changed) settled.push(goalId);
  }
  return settled;
}

/**
 * Makes a withdrawal or restore the server first put back (its proposer was not recorded yet) once it turns out
 * permitted: unless someone changed the goal's withdrawal since, it is written with the writer's id and the
 * server's time. Call inside a server transaction.
 */
export function reapplyWithdrawal(
  doc: Y.Doc,
  change: RefusedChange,
  participantId: string,
  now: number,
): boolean {
  const goal = doc.getMap<unknown>('goals').get(change.goalId);
  if (!(goal instanceof Y.Map)) return false;
  const current = currentStructure(goal).withdrawal;
  const was = change.before as WithdrawalValues | undefined;
  if (current.at !== (typeof was?.at === 'number' ? was.at : undefined)) return false;
  const after = change.after as WithdrawalValues;
  if (after.at === undefined) {
    goal.delete('withdrawnAt');
    goal.delete('withdrawnBy');
  } else {
    goal.set('withdrawnAt', now);
    goal.set('withdrawnBy', participantId);
  }
  return true;
}
