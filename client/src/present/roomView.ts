import type { Round, RoundWording } from '@common-ground/shared/api';
import type { Stance } from '@common-ground/shared/rules';
import type { Goal } from '@common-ground/shared/schema';

/** The stances whose reasons the room must read: the ones that stand between the wording and an agreement. */
export type ReasonStance = Extract<Stance, 'object' | 'concerns'>;

export interface RoomReason {
  readonly stance: ReasonStance;
  readonly reason: string;
  /** Null wherever the round's visibility does not name partners, even if this view could trace it. */
  readonly partnerId: string | null;
}

/**
 * Whether the room may see which partner said what. Decided by the visibility, never by the stances at hand: the
 * projector may run on a facilitator's device whose own partner's stance the API adds, and that must not show.
 */
export const roomNamesShown = (round: Round): boolean =>
  round.visibility === 'open' || (round.visibility === 'hidden' && round.status === 'closed');

const isReasonStance = (stance: Stance): stance is ReasonStance =>
  stance === 'object' || stance === 'concerns';

/**
 * The reasons of objections and concerns the room may read. Named rounds: with partner, in the order given.
 * Anonymous: without partner, objections first, then by text (a neutral order: the place in the list must not tell
 * who answered last). Hidden and still open: none — even the reasons alone would show how partners answered.
 */
export function roomReasons(round: Round): RoomReason[] {
  const named = roomNamesShown(round);
  if (!named && round.visibility !== 'anonymous') return [];
  const reasons = round.stances.flatMap((s): RoomReason[] => {
    const reason = s.reason?.trim();
    return isReasonStance(s.stance) && reason
      ? [{ stance: s.stance, reason, partnerId: named ? s.partnerId : null }]
      : [];
  });
  if (named) return reasons;
  return reasons.sort(
    (a, b) =>
      Number(a.stance !== 'object') - Number(b.stance !== 'object') ||
      (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0),
  );
}

/**
 * The wording the room looks at: while a round is open, the frozen wording it decides on (the binding original);
 * otherwise the goal's current wording.
 */
export function roomWording(
  goal: Pick<Goal, 'title' | 'description'>,
  round: Round | null,
): Pick<RoundWording, 'title' | 'description'> {
  if (round?.status === 'open') return { title: round.wording.title, description: round.wording.description };
  return { title: goal.title, description: goal.description };
}

/**
 * The largest scale in [min, max] at which `fits` holds, to `precision`, assuming that smaller is never worse; `min`
 * when nothing fits (the caller then lets the content scroll rather than cut it). Checks `max` first, so content
 * that fits costs one measurement.
 */
export function largestFitting(
  fits: (scale: number) => boolean,
  min: number,
  max: number,
  precision = 0.02,
): number {
  if (fits(max)) return max;
  let low = min;
  let high = max;
  while (high - low > precision) {
    const mid = (low + high) / 2;
    if (fits(mid)) low = mid;
    else high = mid;
  }
  return low;
}
