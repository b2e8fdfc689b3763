import type { DecisionOutcome, DecisionRule, ReasonCode, Stance, Tally } from './decisionRule';

/**
 * A partner's current stance — one voice per partner, however many of its people took part.
 * A provisional stance ("agree, subject to my organisation's approval") counts as given: the round reflects
 * what the table said. Dropping a provisional stance whose confirmation date passed is the caller's job,
 * because this function knows no clock.
 */
export interface CurrentStance {
  partnerId: string;
  stance: Stance;
  provisional?: boolean;
}

export interface DecisionInput {
  /** The partners frozen at the round's opening; duplicates are harmless. */
  eligiblePartnerIds: readonly string[];
  /** Stances of partners not eligible are ignored (e.g. a partner that joined after the round opened). */
  stances: readonly CurrentStance[];
  rule: DecisionRule;
}

export interface Decision {
  outcome: DecisionOutcome;
  tally: Tally;
  quorumMet: boolean;
  reasons: ReasonCode[];
}

/**
 * Fractions such as 2/3 are compared after division, so that `responded / eligible` and the configured fraction
 * round the same way; the tolerance absorbs fractions computed elsewhere (0.1 + 0.2). Distinct ratios of board-
 * sized counts differ by far more than this.
 */
const EPSILON = 1e-9;
const atLeast = (part: number, whole: number, fraction: number): boolean =>
  whole > 0 && part / whole >= fraction - EPSILON;

/** Reasons that mean "too few voices to decide anything" rather than "the wording was not accepted". */
const NO_QUORUM_REASONS: readonly ReasonCode[] = [
  'no_eligible_partners',
  'quorum_not_met',
  'all_stood_aside',
];

/**
 * The outcome of a round under the board's decision rule.
 *
 * - consent: agreed iff no objection and the quorum of eligible partners responded.
 * - consensus: as consent, and at most `maxStandAsides` stand-asides. Too many stand-asides means the wording
 *   lacks the support consensus asks for, so it goes back to discussion like an objection: outcome `objected`,
 *   reason `too_many_stand_asides` (the UI must not present it as an Einwand).
 * - majority: objections are votes, not vetoes. Agreed iff the quorum is met and agree + concerns ≥ threshold of
 *   the votes cast. Stand-asides count towards the quorum but not as votes (as an Enthaltung in German meeting
 *   procedure), so abstaining never works as a hidden "no". A tie at threshold 0.5 is agreed (≥, as specified).
 *
 * For every rule: stand-asides count as responses for the quorum; if every response is a stand-aside there is
 * nobody for or against the wording, which is `no_quorum` (`all_stood_aside`), never agreed. Under consent and
 * consensus an objection decides the outcome even below quorum, because it must be heard before a next round.
 */
export function decideOutcome({ eligiblePartnerIds, stances, rule }: DecisionInput): Decision {
  const eligible = new Set(eligiblePartnerIds);
  const counted = countedStances(eligible, stances);
  const tally: Tally = {
    agree: 0,
    concerns: 0,
    stand_aside: 0,
    object: 0,
    responded: counted.length,
    eligible: eligible.size,
  };
  for (const { stance } of counted) tally[stance] += 1;

  const quorumMet = atLeast(tally.responded, tally.eligible, rule.quorum);
  const vetoed = rule.kind !== 'majority' && tally.object > 0;
  const reasons: ReasonCode[] = [];
  if (tally.eligible === 0) reasons.push('no_eligible_partners');
  if (vetoed) reasons.push('objection');
  if (!quorumMet) reasons.push('quorum_not_met');
  if (tally.responded > 0 && tally.stand_aside === tally.responded) reasons.push('all_stood_aside');
  if (rule.kind === 'consensus' && tally.stand_aside > rule.maxStandAsides)
    reasons.push('too_many_stand_asides');
  if (rule.kind === 'majority') {
    const support = tally.agree + tally.concerns;
    const votes = support + tally.object;
    // With no votes cast the quorum or all_stood_aside already explains the outcome.
    if (votes > 0 && !atLeast(support, votes, rule.threshold)) reasons.push('threshold_not_met');
  }
  const blocked = reasons.length > 0;
  if (counted.some((s) => s.provisional)) reasons.push('includes_provisional');

  return { outcome: outcomeOf(blocked, vetoed, reasons), tally, quorumMet, reasons };
}

function outcomeOf(blocked: boolean, vetoed: boolean, reasons: readonly ReasonCode[]): DecisionOutcome {
  if (!blocked) return 'agreed';
  if (vetoed) return 'objected';
  if (reasons.some((r) => NO_QUORUM_REASONS.includes(r))) return 'no_quorum';
  return 'objected';
}

function countedStances(eligible: ReadonlySet<string>, stances: readonly CurrentStance[]): CurrentStance[] {
  const seen = new Set<string>();
  const counted: CurrentStance[] = [];
  for (const stance of stances) {
    // Two current stances for one partner would silently give it two voices or depend on order: a caller bug.
    if (seen.has(stance.partnerId)) throw new Error(`Two current stances for partner ${stance.partnerId}`);
    seen.add(stance.partnerId);
    if (eligible.has(stance.partnerId)) counted.push(stance);
  }
  return counted;
}

/**
 * Whether every eligible partner has responded, for rounds that close automatically. A round without eligible
 * partners is never complete: auto-closing it at once would only record a meaningless `no_quorum`.
 */
export function isComplete(
  eligiblePartnerIds: readonly string[],
  stances: readonly Pick<CurrentStance, 'partnerId'>[],
): boolean {
  if (eligiblePartnerIds.length === 0) return false;
  const responded = new Set(stances.map((s) => s.partnerId));
  return eligiblePartnerIds.every((id) => responded.has(id));
}
