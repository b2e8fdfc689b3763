import { jsonEqual } from '@common-ground/shared/rules';
import type { GoalComment, GoalStructure, GoalTranslations } from '@common-ground/shared/schema';

export interface GoalDetails {
  readonly structure: GoalStructure;
  readonly comments: readonly GoalComment[];
  /** The original's language and the goal's translations (the original stays the binding wording). */
  readonly translations: GoalTranslations;
}

/**
 * Details by goal id after a change that touched `touched`: each touched goal's details are read again (null:
 * the goal is gone), every other entry stays, and re-read details equal to the previous ones keep the previous
 * object. `previous` itself when nothing changed.
 */
export function mergeDetails(
  previous: Readonly<Record<string, GoalDetails>>,
  touched: ReadonlySet<string>,
  read: (goalId: string) => GoalDetails | null,
): Readonly<Record<string, GoalDetails>> {
  let next: Record<string, GoalDetails> | null = null;
  const edit = () => {
    next ??= { ...previous };
    return next;
  };
  for (const id of touched) {
    const before = previous[id];
    const now = read(id);
    if (now === null) {
      if (before) delete edit()[id];
    } else if (!before || !jsonEqual(before, now)) {
      edit()[id] = now;
    }
  }
  return next ?? previous;
}
