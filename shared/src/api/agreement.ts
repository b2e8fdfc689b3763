import { z } from 'zod';
import { DecisionRuleSchema, TallySchema } from '../rules/decisionRule';
import { IdSchema, PartnerSchema } from './entities';
import { BoardIdSchema } from './http';
import { ExportLanguageSchema } from './language';
import { RecordedStanceSchema, RoundVisibilitySchema, RoundWordingSchema } from './rounds';

export const AGREEMENT_FORMATS = ['json', 'md'] as const;
/** GET /api/boards/:boardId/export?format=json|md&lang=… (any participant; json is the default). */
export const AgreementQuery = z.object({
  format: z.enum(AGREEMENT_FORMATS).default('json'),
  lang: ExportLanguageSchema,
});
export type AgreementQuery = z.infer<typeof AgreementQuery>;

/** The round whose `agreed` outcome put the goal into the agreement (its latest closed round). */
export const DecidingRoundSchema = z.object({
  id: IdSchema,
  number: z.number().int().min(1),
  openedAt: z.number().int(),
  closedAt: z.number().int(),
  visibility: RoundVisibilitySchema,
  rule: DecisionRuleSchema,
  tally: TallySchema,
});
export type DecidingRound = z.infer<typeof DecidingRoundSchema>;

const Wording = z.object({ title: z.string(), description: z.string() });
const Day = z.string().nullable();

/**
 * One difference between what was agreed and the board now. `agreed` is the frozen value, `current` the board
 * document's; null = none (no lead, the partner commits nothing, no review date).
 */
export const AgreementChangeSchema = z.discriminatedUnion('part', [
  z.object({ part: z.literal('wording'), agreed: Wording, current: Wording }),
  z.object({ part: z.literal('lead'), agreed: IdSchema.nullable(), current: IdSchema.nullable() }),
  z.object({
    part: z.literal('commitment'),
    partnerId: IdSchema,
    agreed: z.string().nullable(),
    current: z.string().nullable(),
  }),
  z.object({ part: z.literal('reviewDate'), agreed: Day, current: Day }),
]);
export type AgreementChange = z.infer<typeof AgreementChangeSchema>;

/**
 * One agreed goal. `stances` are the deciding round's current stances as everyone may see them: in an anonymous
 * round `partnerId` is null. `concerns` are the reasons given with a stance of `concerns`.
 */
export const AgreedGoalSchema = z.object({
  goalId: IdSchema,
  /** The wording the partners agreed on, frozen at the round's opening. */
  wording: RoundWordingSchema,
  /**
   * The goal's wording, lead, commitments or review date were changed after the agreement (`changes` says which):
   * it needs a new round.
   */
  changedSinceAgreement: z.boolean(),
  /** What differs from the agreement, wording first, then lead, commitments (by partner id), review date. */
  changes: z.array(AgreementChangeSchema),
  /**
   * Lead, commitments and review date are the ones frozen when the round closed as agreed. False for a round
   * closed before they were frozen: they are then the board's current values and their changes are not detected.
   */
  structureFrozen: z.boolean(),
  round: DecidingRoundSchema,
  stances: z.array(RecordedStanceSchema),
  concerns: z.array(z.object({ partnerId: IdSchema.nullable(), reason: z.string() })),
  leadPartnerId: IdSchema.nullable(),
  /** Supporting partners with what each commits. */
  commitments: z.array(z.object({ partnerId: IdSchema, text: z.string() })),
  /** 'YYYY-MM-DD' */
  reviewDate: z.string().nullable(),
  /** The (agreed) review date has passed. */
  reviewDue: z.boolean(),
});
export type AgreedGoal = z.infer<typeof AgreedGoalSchema>;

/** The cooperation agreement (Kooperationsvereinbarung): every goal whose latest closed round agreed. */
export const AgreementResponse = z.object({
  boardId: BoardIdSchema,
  title: z.string(),
  generatedAt: z.number().int(),
  partners: z.array(PartnerSchema),
  goals: z.array(AgreedGoalSchema),
});
export type AgreementResponse = z.infer<typeof AgreementResponse>;
