import { z } from 'zod';
import { StanceSchema } from '../rules/decisionRule';
import { VoiceBalanceSchema } from '../rules/voiceBalance';
import { STAGES } from '../schema/stages';
import { IdSchema } from './entities';
import { RoundOutcomeSchema, RoundSchema } from './rounds';

const EpochMs = z.number().int().min(0);
const StageSchema = z.enum(STAGES);

/**
 * Who did it, from the server's update log (which participant's socket sent the update) or its round record —
 * never from what a client wrote into the document. `participantId` null = the server itself, or a stance
 * whose author the round's visibility hides. `partnerId` is the participant's partner; for a stance, the partner
 * it was given for (null where hidden). Names are resolved when answering, for a readable feed.
 */
const actorFields = {
  participantId: IdSchema.nullable(),
  participantName: z.string().nullable(),
  partnerId: IdSchema.nullable(),
  partnerName: z.string().nullable(),
};

const baseFields = {
  /** Stable per event: the log sequence number it came from (or the round id) and an index. */
  id: z.string(),
  at: EpochMs,
  goalId: z.string(),
  /** The goal's title right after the event (its last title, for a removed goal). */
  goalTitle: z.string(),
  ...actorFields,
};

export const WORDING_FIELDS = ['title', 'description'] as const;

export const ActivityEventSchema = z.discriminatedUnion('type', [
  z.object({ ...baseFields, type: z.literal('goal_proposed'), title: z.string(), description: z.string() }),
  z.object({
    ...baseFields,
    type: z.literal('wording_changed'),
    field: z.enum(WORDING_FIELDS),
    before: z.string(),
    after: z.string(),
    /**
     * One contribution (`groupEdits` in rules/voiceBalance): the person's edits of this field with gaps under a
     * minute, over at most ten minutes. `before` is the text before its first edit, `after` the text after its
     * last — including what others typed into the field meanwhile. `startedAt` is the first edit, `at` the last.
     */
    startedAt: EpochMs,
  }),
  z.object({ ...baseFields, type: z.literal('stage_changed'), from: StageSchema, to: StageSchema }),
  /** A new position within the same stage. */
  z.object({ ...baseFields, type: z.literal('goal_moved'), stage: StageSchema }),
  z.object({ ...baseFields, type: z.literal('goal_removed') }),
  z.object({
    ...baseFields,
    type: z.literal('comment_added'),
    commentId: z.string(),
    /** Empty when the facilitator hid the comment (`hidden`): the text stays in the log, not in what is shown. */
    text: z.string(),
    hidden: z.boolean().optional(),
  }),
  z.object({
    ...baseFields,
    type: z.literal('lead_changed'),
    before: z.string().nullable(),
    after: z.string().nullable(),
  }),
  z.object({
    ...baseFields,
    type: z.literal('commitment_changed'),
    /** The supporting partner whose commitment changed (null text = not supporting). */
    commitmentPartnerId: z.string(),
    before: z.string().nullable(),
    after: z.string().nullable(),
  }),
  z.object({
    ...baseFields,
    type: z.literal('review_date_changed'),
    before: z.string().nullable(),
    after: z.string().nullable(),
  }),
  z.object({
    ...baseFields,
    type: z.literal('round_opened'),
    roundId: IdSchema,
    roundNumber: z.number().int(),
  }),
  z.object({
    ...baseFields,
    type: z.literal('stance_given'),
    roundId: IdSchema,
    roundNumber: z.number().int(),
    stance: StanceSchema,
    recordedByFacilitator: z.boolean(),
  }),
  z.object({
    ...baseFields,
    type: z.literal('round_closed'),
    roundId: IdSchema,
    roundNumber: z.number().int(),
    outcome: RoundOutcomeSchema,
  }),
]);
export type ActivityEvent = z.infer<typeof ActivityEventSchema>;
export type ActivityEventType = ActivityEvent['type'];

const optionalMs = z.coerce.number().int().min(0).optional();

/** GET /api/boards/:boardId/activity?since=<ms>&limit=<n> */
export const ActivityQuery = z.object({
  since: optionalMs,
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type ActivityQuery = z.infer<typeof ActivityQuery>;

/** Newest first; `truncated` when more events matched than `limit`. */
export const ActivityResponse = z.object({ events: z.array(ActivityEventSchema), truncated: z.boolean() });
export type ActivityResponse = z.infer<typeof ActivityResponse>;

/**
 * GET /api/boards/:boardId/goals/:goalId/history: oldest first, the proposal (with its first wording) and every
 * wording change after it, each with author and time. Render a change with `diffWording(before, after)`.
 */
export const GoalHistoryResponse = z.object({
  goalId: z.string(),
  events: z.array(ActivityEventSchema),
});
export type GoalHistoryResponse = z.infer<typeof GoalHistoryResponse>;

/** GET /api/boards/:boardId/as-of?at=<ms> */
export const AsOfQuery = z.object({ at: z.coerce.number().int().min(0) });

export const AsOfGoalSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  stage: StageSchema,
  rank: z.string(),
  /** Who proposed it, by the update log; null for a goal the server wrote. */
  proposedBy: IdSchema.nullable(),
  createdAt: EpochMs,
  leadPartnerId: z.string().nullable(),
  commitments: z.array(z.object({ partnerId: z.string(), text: z.string() })),
  reviewDate: z.string().nullable(),
  /** Comments with the author from the update log (`authorId` as written by the client is not trusted). */
  /** A hidden comment comes with an empty text and `hidden` (see comment_added). */
  comments: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      at: z.number(),
      by: IdSchema.nullable(),
      hidden: z.boolean().optional(),
    }),
  ),
});
export type AsOfGoal = z.infer<typeof AsOfGoalSchema>;

/** The board read-only as it stood at `at`: every update logged at or before it; rounds as they stood then. */
export const AsOfResponse = z.object({
  at: EpochMs,
  title: z.string(),
  /** In board order (stage, then rank). */
  goals: z.array(AsOfGoalSchema),
  rounds: z.array(RoundSchema),
});
export type AsOfResponse = z.infer<typeof AsOfResponse>;

/** GET /api/boards/:boardId/since-last-visit */
export const SinceLastVisitResponse = z.object({
  /** When this participant's last board connection closed; null on a first visit (then nothing is listed). */
  lastVisitAt: EpochMs.nullable(),
  changedGoals: z.array(
    z.object({
      goalId: z.string(),
      /** The current title, or the last one of a removed goal. */
      title: z.string(),
      removed: z.boolean(),
      /** Every goal event since the visit, oldest first; wording changes carry before and after. */
      changes: z.array(ActivityEventSchema),
    }),
  ),
  /** Rounds opened, and rounds closed, since the visit, as the caller may see them. */
  roundsOpened: z.array(RoundSchema),
  roundsClosed: z.array(RoundSchema),
});
export type SinceLastVisitResponse = z.infer<typeof SinceLastVisitResponse>;

/** GET /api/boards/:boardId/voice-balance?from=<ms>&to=<ms> (both optional, inclusive). */
export const VoiceBalanceQuery = z.object({ from: optionalMs, to: optionalMs });
export const VoiceBalanceResponse = VoiceBalanceSchema;
export type VoiceBalanceResponse = z.infer<typeof VoiceBalanceResponse>;

/**
 * POST /api/boards/:boardId/restore (facilitator only): sets one goal (`goalId`), or every goal of the board, back
 * to how it stood at `at`, as a new change the log attributes to the facilitator. `at` must not lie in the future;
 * the server checks that against its own clock.
 */
export const RestoreRequest = z.strictObject({ at: EpochMs, goalId: IdSchema.optional() });
export type RestoreRequest = z.infer<typeof RestoreRequest>;

/** How many goals the restore changed: rewritten, re-created or (whole board only) removed. */
export const RestoreResponse = z.object({ restoredGoals: z.number().int().min(0) });
export type RestoreResponse = z.infer<typeof RestoreResponse>;
