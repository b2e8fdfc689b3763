import { z } from 'zod';

export const STANCES = ['agree', 'concerns', 'stand_aside', 'object'] as const;
export const StanceSchema = z.enum(STANCES);
export type Stance = z.infer<typeof StanceSchema>;

/** What a decision rule can yield; `invalidated` is not among them because it follows from an edit, not a tally. */
export const DECISION_OUTCOMES = ['agreed', 'objected', 'no_quorum'] as const;
export const DecisionOutcomeSchema = z.enum(DECISION_OUTCOMES);
export type DecisionOutcome = z.infer<typeof DecisionOutcomeSchema>;

/**
 * Machine codes explaining an outcome; the UI translates them. Every failing condition is listed, so a
 * facilitator sees all that stood in the way, not only the one that decided the outcome.
 */
export const REASON_CODES = [
  'no_eligible_partners',
  'objection',
  'quorum_not_met',
  'all_stood_aside',
  'too_many_stand_asides',
  'threshold_not_met',
  /** Informational: at least one counted stance still awaits its organisation's confirmation. */
  'includes_provisional',
] as const;
export const ReasonCodeSchema = z.enum(REASON_CODES);
export type ReasonCode = z.infer<typeof ReasonCodeSchema>;

/**
 * Fractions are > 0 so that no rule can ever call a round "agreed" in which nobody responded or supported.
 * Defaults: a two-thirds quorum of eligible partners, no stand-aside under consensus, half the votes for majority.
 */
const fraction = z.number().gt(0).max(1);
const quorum = fraction.default(2 / 3);

export const DecisionRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('consent'), quorum }),
  z.strictObject({
    kind: z.literal('consensus'),
    quorum,
    maxStandAsides: z.number().int().min(0).default(0),
  }),
  z.strictObject({ kind: z.literal('majority'), quorum, threshold: fraction.default(0.5) }),
]);
export type DecisionRule = z.output<typeof DecisionRuleSchema>;
export type DecisionRuleInput = z.input<typeof DecisionRuleSchema>;

export const DEFAULT_DECISION_RULE: DecisionRule = DecisionRuleSchema.parse({ kind: 'consent' });

const count = z.number().int().min(0);
/** Counts over eligible partners' current stances only; `responded` includes stand-asides. */
export const TallySchema = z.object({
  agree: count,
  concerns: count,
  stand_aside: count,
  object: count,
  responded: count,
  eligible: count,
});
export type Tally = z.infer<typeof TallySchema>;
