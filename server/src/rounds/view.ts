import {
  type CurrentStance,
  type Decision,
  decideOutcome,
  type RecordedStance,
  type Round,
  type StanceHistoryEntry,
} from '@common-ground/shared';
import type { StanceRecord, StoredRound } from '../storage/types';

/** Who looks at a round: the only thing that widens a view is being a person of the partner that gave a stance. */
export interface Viewer {
  readonly partnerId: string | null;
}

/** What everyone may see: the record document, the agreement export. */
export const PUBLIC_VIEWER: Viewer = { partnerId: null };

/** Each partner's latest stance, in the order they were given. */
export function currentStances(round: StoredRound): StanceRecord[] {
  const latest = new Map<string, StanceRecord>();
  for (const stance of round.stances) latest.set(stance.partnerId, stance);
  return [...latest.values()].sort((a, b) => a.id - b.id);
}

/**
 * The rule's verdict over the current stances at `at`. A provisional stance whose confirmation date has passed by
 * then was neither confirmed nor withdrawn in time, so it no longer counts.
 */
export function decide(round: StoredRound, at: number): Decision {
  const stances: CurrentStance[] = currentStances(round)
    .filter((s) => s.provisionalUntil === null || s.provisionalUntil > at)
    .map((s) => ({ partnerId: s.partnerId, stance: s.stance, provisional: s.provisionalUntil !== null }));
  return decideOutcome({ eligiblePartnerIds: round.eligiblePartnerIds, stances, rule: round.rule });
}

type Disclosure = 'full' | 'counts' | 'unlinked';

/**
 * How much of a stance `viewer` may see. open: everything. hidden: counts only until the round closes.
 * anonymous: reasons but never who. A partner's own people always see its own stances.
 */
function disclosure(round: StoredRound, stance: StanceRecord, viewer: Viewer): Disclosure {
  if (viewer.partnerId !== null && stance.partnerId === viewer.partnerId) return 'full';
  if (round.visibility === 'open') return 'full';
  if (round.visibility === 'hidden') return round.closure ? 'full' : 'counts';
  return 'unlinked';
}

function recorded(stance: StanceRecord, shown: Disclosure): RecordedStance {
  const named = shown === 'full';
  return {
    partnerId: named ? stance.partnerId : null,
    stance: stance.stance,
    ...(stance.reason !== null && shown !== 'counts' ? { reason: stance.reason } : {}),
    ...(stance.provisionalUntil !== null ? { provisional: { until: stance.provisionalUntil } } : {}),
    recordedBy: named ? stance.recordedBy : null,
    recordedByFacilitator: stance.byFacilitator,
    at: stance.at,
  };
}

/**
 * A round as `viewer` may see it. Pure: the tally of an open round counts every current stance; a closed round
 * shows the tally its outcome was decided on (at its closing time), so the view never changes after closing.
 */
export function roundView(round: StoredRound, viewer: Viewer): Round {
  const { closure } = round;
  const current = currentStances(round);
  const currentIds = new Set(current.map((s) => s.id));
  const decision = closure ? decide(round, closure.closedAt) : decide(round, Number.NEGATIVE_INFINITY);
  const history: StanceHistoryEntry[] = round.stances.map((s) => ({
    ...recorded(s, disclosure(round, s, viewer)),
    superseded: !currentIds.has(s.id),
  }));
  return {
    id: round.id,
    boardId: round.boardId,
    goalId: round.goalId,
    number: round.number,
    status: closure ? 'closed' : 'open',
    ...(closure ? { outcome: closure.outcome, closedAt: closure.closedAt } : {}),
    ...(closure && closure.outcome !== 'invalidated' ? { outcomeReasons: [...closure.reasons] } : {}),
    openedAt: round.openedAt,
    openedBy: round.openedBy,
    ...(round.deadline !== null ? { deadline: round.deadline } : {}),
    visibility: round.visibility,
    autoClose: round.autoClose,
    rule: round.rule,
    wording: { ...round.wording },
    eligiblePartnerIds: [...round.eligiblePartnerIds],
    stances: current.map((s) => recorded(s, disclosure(round, s, viewer))),
    history,
    tally: decision.tally,
  };
}
