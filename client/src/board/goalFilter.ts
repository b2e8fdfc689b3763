import type { Goal, Stage } from '@common-ground/shared/schema';

/** What the filter bar asks for; empty text and null mean "any". Local to this device, never synced. */
export interface GoalFilter {
  readonly text: string;
  readonly stage: Stage | null;
  readonly partnerId: string | null;
}

export const NO_FILTER: GoalFilter = { text: '', stage: null, partnerId: null };

export function isFiltering(filter: GoalFilter): boolean {
  return filter.text.trim() !== '' || filter.stage !== null || filter.partnerId !== null;
}

/** Case- and accent-insensitive, so "cafe" finds "Café" and "STRASSE" finds "Straße". */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('de').replaceAll('ß', 'ss');
}

/**
 * The goals the filter lets through, by id. Every word of the text must occur in the title or description; the
 * organisation matches the partner of the person who proposed the goal or the goal's lead partner.
 */
export function visibleGoalIds(
  goals: readonly Goal[],
  filter: GoalFilter,
  organisationsOf: (goalId: string) => readonly (string | null)[],
): ReadonlySet<string> {
  const words = fold(filter.text).split(/\s+/).filter(Boolean);
  const visible = new Set<string>();
  for (const goal of goals) {
    if (filter.stage !== null && goal.stage !== filter.stage) continue;
    if (filter.partnerId !== null && !organisationsOf(goal.id).includes(filter.partnerId)) continue;
    if (words.length > 0) {
      const haystack = fold(`${goal.title}\n${goal.description}`);
      if (!words.every((word) => haystack.includes(word))) continue;
    }
    visible.add(goal.id);
  }
  return visible;
}
