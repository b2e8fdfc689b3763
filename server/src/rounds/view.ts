import type {
  LinkedStance,
  RecordedStance,
  Role,
  Round,
  RoundTally,
  StanceHistoryEntry,
  UnlinkedStance,
} from '@common-ground/shared/api';
import {
  type CurrentStance,
  type Decision,
  decideOutcome,
  STANCES,
  type Tally,
} from '@common-ground/shared/rules';
import type { StanceRecord, StoredRound } from '../storage/types';

/** Who looks at a round: the only thing that widens a view is being a person of the partner that gave a stance. */
export interface Viewer {
  /**
   * A confirmed membership only (storage maps an unconfirmed claim to null, as pendingPartnerId), so a person who
   * merely claims an organisation sees none of its hidden or anonymous stances.
   */
  readonly partnerId: string | null;
  readonly role?: Role;
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

/**
 * The partner whose stances `viewer` sees in full whatever the visibility: the people who answer for it must see
 * what their organisation said (to confirm or change it), and that tells them nothing about anyone else. Nobody
 * else — not the facilitator, who runs the process and must not be able to lean on anyone before the close.
 * Observers never speak for a partner, so a partner id on one (which the design rules out) widens nothing.
 */
const ownPartner = (viewer: Viewer): string | null => (viewer.role === 'observer' ? null : viewer.partnerId);

/** Whether everyone may see which partner gave which stance, with its time and history. */
const namesShown = (round: StoredRound): boolean =>
  round.visibility === 'open' || (round.visibility === 'hidden' && round.closure !== null);

function linked(stance: StanceRecord): LinkedStance {
  return {
    partnerId: stance.partnerId,
    stance: stance.stance,
    ...(stance.reason !== null ? { reason: stance.reason } : {}),
    ...(stance.provisionalUntil !== null ? { provisional: { until: stance.provisionalUntil } } : {}),
    recordedBy: stance.recordedBy,
    recordedByFacilitator: stance.byFacilitator,
    at: stance.at,
  };
}

function unlinked(stance: StanceRecord): UnlinkedStance {
  return {
    partnerId: null,
    stance: stance.stance,
    ...(stance.reason !== null ? { reason: stance.reason } : {}),
    ...(stance.provisionalUntil !== null ? { provisional: { until: stance.provisionalUntil } } : {}),
    recordedBy: null,
    recordedByFacilitator: stance.byFacilitator,
  };
}

/**
 * A neutral order for an anonymous round: by what was said, never by when, so that a partner that answered last
 * or changed its stance cannot be told from the others by its place in the list.
 */
function neutralOrder(a: RecordedStance, b: RecordedStance): number {
  const text = (s: RecordedStance) => s.reason ?? '';
  return (
    STANCES.indexOf(a.stance) - STANCES.indexOf(b.stance) ||
    (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0) ||
    (a.provisional?.until ?? 0) - (b.provisional?.until ?? 0) ||
    Number(a.recordedByFacilitator) - Number(b.recordedByFacilitator) ||
    Number(a.partnerId !== null) - Number(b.partnerId !== null)
  );
}

/**
 * The current stances `viewer` may see. Named: all, in the order given. Hidden and not yet closed: only the own
 * partner's (anything more, even unnamed, would show the distribution and, by its order and times, who said what).
 * Anonymous: the own partner's linked, the others unlinked, all in the neutral order.
 */
function visibleStances(
  round: StoredRound,
  current: readonly StanceRecord[],
  own: string | null,
): RecordedStance[] {
  if (namesShown(round)) return current.map(linked);
  const isOwn = (s: StanceRecord) => own !== null && s.partnerId === own;
  if (round.visibility === 'hidden') return current.filter(isOwn).map(linked);
  return current.map((s) => (isOwn(s) ? linked(s) : unlinked(s))).sort(neutralOrder);
}

/** Only the counts that may be seen: how many answered, and how they answered only where stances are shown. */
function visibleTally(round: StoredRound, tally: Tally): RoundTally {
  if (namesShown(round) || round.visibility === 'anonymous') return tally;
  return { responded: tally.responded, eligible: tally.eligible };
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
  const own = ownPartner(viewer);
  // The history is shown only where each entry names its partner: unnamed, its length alone would tell changes.
  const history: StanceHistoryEntry[] = round.stances
    .filter((s) => namesShown(round) || (own !== null && s.partnerId === own))
    .map((s) => ({ ...linked(s), superseded: !currentIds.has(s.id) }));
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
    stances: visibleStances(round, current, own),
    history,
    tally: visibleTally(round, decision.tally),
  };
}
