import { z } from 'zod';
import { DecisionRuleSchema, ReasonCodeSchema, StanceSchema, TallySchema } from '../rules/decisionRule';
import { IdSchema } from './entities';
import { BoardIdSchema } from './http';

export const MAX_REASON_CHARS = 2000;

/**
 * open: live tally with names. hidden: counts live, names once closed. anonymous: names never shown to others;
 * the server still keeps one voice per partner.
 */
export const ROUND_VISIBILITIES = ['open', 'hidden', 'anonymous'] as const;
export const RoundVisibilitySchema = z.enum(ROUND_VISIBILITIES);
export type RoundVisibility = z.infer<typeof RoundVisibilitySchema>;

export const ROUND_STATUSES = ['open', 'closed'] as const;
export const RoundStatusSchema = z.enum(ROUND_STATUSES);
export type RoundStatus = z.infer<typeof RoundStatusSchema>;

/** The decision rule's outcomes plus `invalidated`: the goal's wording changed while the round was open. */
export const ROUND_OUTCOMES = ['agreed', 'objected', 'no_quorum', 'invalidated'] as const;
export const RoundOutcomeSchema = z.enum(ROUND_OUTCOMES);
export type RoundOutcome = z.infer<typeof RoundOutcomeSchema>;

/** Milliseconds since the epoch; whether a time lies in the future is for the server, which owns the clock. */
const EpochMsSchema = z.number().int().positive();

/** PUT /api/boards/:boardId/decision-rule (facilitator): applies to rounds opened afterwards. */
export const UpdateDecisionRuleRequest = z.strictObject({ rule: DecisionRuleSchema });
export type UpdateDecisionRuleRequest = z.infer<typeof UpdateDecisionRuleRequest>;

/** POST /api/boards/:boardId/rounds (facilitator) */
export const OpenRoundRequest = z.strictObject({
  goalId: IdSchema,
  visibility: RoundVisibilitySchema.default('open'),
  deadline: EpochMsSchema.optional(),
  /** Close as soon as every eligible partner has responded. */
  autoClose: z.boolean().default(false),
});
export type OpenRoundRequest = z.infer<typeof OpenRoundRequest>;

/** Empty after trimming means "no reason given". */
const ReasonSchema = z
  .string()
  .trim()
  .max(MAX_REASON_CHARS)
  .transform((reason) => reason || undefined);

/**
 * POST /api/boards/:boardId/rounds/:roundId/stances. Not strict on purpose: a body naming another partner
 * (`partnerId`, …) is stripped and ignored, the stance always belongs to the caller's partner. Only a facilitator
 * may use `onBehalfOfPartnerId`, for a partner whose people have no device; the server enforces that.
 */
export const StanceRequest = z
  .object({
    stance: StanceSchema,
    reason: ReasonSchema.optional(),
    /** "Agree, subject to my organisation's approval", to be confirmed or withdrawn by `until`. */
    provisional: z.strictObject({ until: EpochMsSchema }).optional(),
    onBehalfOfPartnerId: IdSchema.optional(),
  })
  .superRefine((body, ctx) => {
    if ((body.stance === 'concerns' || body.stance === 'object') && !body.reason) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: `A stance of ${body.stance} needs a reason`,
      });
    }
  });
export type StanceRequest = z.infer<typeof StanceRequest>;

/** The frozen wording a round decides on; `hash` is `wordingHash(title, description)`. */
export const RoundWordingSchema = z.object({
  title: z.string(),
  description: z.string(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type RoundWording = z.infer<typeof RoundWordingSchema>;

/**
 * A recorded stance as a viewer sees it. `partnerId` and `recordedBy` (a participant id) are null where the
 * round's visibility hides them from that viewer: always in anonymous rounds, in hidden rounds until closed.
 */
export const RecordedStanceSchema = z.object({
  partnerId: IdSchema.nullable(),
  stance: StanceSchema,
  reason: z.string().optional(),
  provisional: z.object({ until: EpochMsSchema }).optional(),
  recordedBy: IdSchema.nullable(),
  recordedByFacilitator: z.boolean(),
  at: EpochMsSchema,
});
export type RecordedStance = z.infer<typeof RecordedStanceSchema>;

export const StanceHistoryEntrySchema = RecordedStanceSchema.extend({
  /** A later stance of the same partner replaced this one; the record keeps it anyway. */
  superseded: z.boolean(),
});
export type StanceHistoryEntry = z.infer<typeof StanceHistoryEntrySchema>;

/** A round in every response: GET …/rounds, the result of opening, of a stance, of closing. */
export const RoundSchema = z.object({
  id: IdSchema,
  boardId: BoardIdSchema,
  goalId: IdSchema,
  /** Per goal, from 1. */
  number: z.number().int().min(1),
  status: RoundStatusSchema,
  /** Set once closed. */
  outcome: RoundOutcomeSchema.optional(),
  /** Why the rule gave the outcome (see REASON_CODES); set once closed, absent for `invalidated`. */
  outcomeReasons: z.array(ReasonCodeSchema).optional(),
  openedAt: EpochMsSchema,
  /** Participant id of the facilitator who opened it. */
  openedBy: IdSchema,
  closedAt: EpochMsSchema.optional(),
  deadline: EpochMsSchema.optional(),
  visibility: RoundVisibilitySchema,
  autoClose: z.boolean(),
  /** The board's rule at opening; a later change of the board's rule does not touch an open round. */
  rule: DecisionRuleSchema,
  wording: RoundWordingSchema,
  eligiblePartnerIds: z.array(IdSchema),
  /** The current stance of each partner that responded. */
  stances: z.array(RecordedStanceSchema),
  /** Every stance ever recorded in this round, oldest first. */
  history: z.array(StanceHistoryEntrySchema),
  tally: TallySchema,
});
export type Round = z.infer<typeof RoundSchema>;

/** GET /api/boards/:boardId/rounds */
export const RoundsResponse = z.object({ rounds: z.array(RoundSchema) });
export type RoundsResponse = z.infer<typeof RoundsResponse>;
