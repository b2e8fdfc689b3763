import { z } from 'zod';
import {
  DecisionRuleSchema,
  ReasonCodeSchema,
  StanceSchema,
  type Tally,
  TallySchema,
} from '../rules/decisionRule';
import { IdSchema } from './entities';
import { BoardIdSchema } from './http';

export const MAX_REASON_CHARS = 2000;

/**
 * open: live tally with names. hidden: only how many answered until closed, then everything. anonymous: stances
 * and reasons, but never who, when, or whether a partner changed its stance; the server still keeps one voice each.
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

/** A stance the viewer may trace to its partner: its own partner's, or any once the round's visibility names them. */
export const LinkedStanceSchema = z.object({
  partnerId: IdSchema,
  stance: StanceSchema,
  reason: z.string().optional(),
  provisional: z.object({ until: EpochMsSchema }).optional(),
  /** The participant who gave it. */
  recordedBy: IdSchema,
  recordedByFacilitator: z.boolean(),
  at: EpochMsSchema,
});
export type LinkedStance = z.infer<typeof LinkedStanceSchema>;

/**
 * Another partner's stance in an anonymous round: no partner, no person, and no time — a time would link it to
 * whoever was seen answering then, and a time later than the others' would show that a partner changed its stance.
 */
export const UnlinkedStanceSchema = z.object({
  partnerId: z.null(),
  stance: StanceSchema,
  reason: z.string().optional(),
  provisional: z.object({ until: EpochMsSchema }).optional(),
  recordedBy: z.null(),
  recordedByFacilitator: z.boolean(),
});
export type UnlinkedStance = z.infer<typeof UnlinkedStanceSchema>;

export const RecordedStanceSchema = z.union([LinkedStanceSchema, UnlinkedStanceSchema]);
export type RecordedStance = z.infer<typeof RecordedStanceSchema>;

/** Only stances the viewer may trace have a history: an unlinked one would tell that its partner changed it. */
export const StanceHistoryEntrySchema = LinkedStanceSchema.extend({
  /** A later stance of the same partner replaced this one; the record keeps it anyway. */
  superseded: z.boolean(),
});
export type StanceHistoryEntry = z.infer<typeof StanceHistoryEntrySchema>;

/**
 * The tally as a viewer sees it: `responded` and `eligible` always; the counts per stance only where the viewer
 * may see how the partners answered (not in a hidden round before it closes).
 */
export const RoundTallySchema = TallySchema.partial({
  agree: true,
  concerns: true,
  stand_aside: true,
  object: true,
});
export type RoundTally = z.infer<typeof RoundTallySchema>;

/** The tally shows how the partners answered, not only how many. */
export const showsStances = (tally: RoundTally): tally is Tally =>
  tally.agree !== undefined &&
  tally.concerns !== undefined &&
  tally.stand_aside !== undefined &&
  tally.object !== undefined;

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
  /**
   * The current stances the viewer may see: every partner's, except in a hidden round before it closes (then only
   * the viewer's own partner's). In the order given where they name their partners; unlinked ones in a neutral order.
   */
  stances: z.array(RecordedStanceSchema),
  /** Every stance ever recorded that the viewer may trace (see LinkedStanceSchema), oldest first. */
  history: z.array(StanceHistoryEntrySchema),
  tally: RoundTallySchema,
});
export type Round = z.infer<typeof RoundSchema>;

/** GET /api/boards/:boardId/rounds */
export const RoundsResponse = z.object({ rounds: z.array(RoundSchema) });
export type RoundsResponse = z.infer<typeof RoundsResponse>;

export const DecisionRuleResponse = z.object({ rule: DecisionRuleSchema });
export type DecisionRuleResponse = z.infer<typeof DecisionRuleResponse>;
