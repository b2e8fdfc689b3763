import type { LinkedStance, RecordedStance, Round } from '@common-ground/shared/api';

/** The current stance of `partnerId` in `round`, if the viewer may see it (always so for the own partner). */
export const stanceOf = (round: Round, partnerId: string | null): LinkedStance | undefined =>
  round.stances.find((s): s is LinkedStance => s.partnerId !== null && s.partnerId === partnerId);

/**
 * Stable React keys for stances that may carry neither partner nor time (anonymous rounds): what was said,
 * numbered among equal ones, so two partners who both agreed without a reason still get distinct keys.
 */
export function keyedStances<S extends RecordedStance>(stances: readonly S[]): { key: string; stance: S }[] {
  const seen = new Map<string, number>();
  return stances.map((stance) => {
    const base = `${stance.partnerId ?? ''}|${stance.stance}|${stance.reason ?? ''}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return { key: `${base}|${n}`, stance };
  });
}
