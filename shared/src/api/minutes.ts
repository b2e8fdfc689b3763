import { z } from 'zod';
import { DecisionRuleSchema } from '../rules/decisionRule';
import { STAGES } from '../schema/stages';
import { IdSchema, PartnerSchema } from './entities';
import { MeetingSchema } from './meetings';
import {
  RecordedStanceSchema,
  RoundOutcomeSchema,
  RoundTallySchema,
  RoundVisibilitySchema,
  RoundWordingSchema,
} from './rounds';

/**
 * Minutes of a meeting (Sitzungsprotokoll). While a draft, they are computed from the board when read (who was
 * there, what happened to each goal during the meeting, open objections) plus what the facilitator added
 * (corrections of the attendance, people who came without a device, next steps, notes) and partners' comments.
 * Finalising freezes the computed content, by participant and organisation ids only: names are looked up when the
 * minutes are read, so that a later erasure of a person applies to finalised minutes too.
 */

export const MAX_MINUTES_NOTES_CHARS = 8000;
export const MAX_NEXT_STEPS = 50;
export const MAX_NEXT_STEP_CHARS = 500;
export const MAX_GUESTS = 100;
export const MAX_GUEST_NAME_CHARS = 100;
export const MAX_ATTENDANCE_CORRECTIONS = 500;
export const MAX_MINUTES_COMMENT_CHARS = 2000;
/** Comments on one meeting's minutes, from everyone together; stops a script from burying the draft. */
export const MAX_MINUTES_COMMENTS = 300;

const EpochMs = z.number().int().min(0);
/** A calendar day, 'YYYY-MM-DD' (a due date: no time, no zone). */
export const DaySchema = z.iso.date();

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what goes
const CONTROLS = /[\u0000-\u001f\u007f\u2028\u2029]+/g;
const oneLine = (max: number) =>
  z
    .string()
    .max(max)
    .transform((text) => text.replace(CONTROLS, ' ').trim())
    .pipe(z.string().min(1));

/** Someone who attended without a device: the facilitator types the name (and may give the organisation). */
export const MinutesGuestSchema = z.strictObject({
  id: IdSchema,
  name: oneLine(MAX_GUEST_NAME_CHARS),
  partnerId: IdSchema.nullable(),
});
export type MinutesGuest = z.infer<typeof MinutesGuestSchema>;

/** "Who does what by when": owned by an organisation (or nobody yet), with an optional due day. */
export const NextStepSchema = z.strictObject({
  id: IdSchema,
  text: oneLine(MAX_NEXT_STEP_CHARS),
  ownerPartnerId: IdSchema.nullable(),
  due: DaySchema.nullable(),
});
export type NextStep = z.infer<typeof NextStepSchema>;

/**
 * PUT /api/boards/:boardId/meetings/:meetingId/minutes (facilitator, draft only): the parts to replace, with the
 * version the facilitator edited (a change from another device meanwhile answers 409, nothing is lost).
 */
export const UpdateMinutesRequest = z
  .strictObject({
    version: z.number().int().min(0),
    /** Corrections to the attendance seen from presence: participants added or taken off the list. */
    attendance: z
      .strictObject({
        added: z.array(IdSchema).max(MAX_ATTENDANCE_CORRECTIONS),
        removed: z.array(IdSchema).max(MAX_ATTENDANCE_CORRECTIONS),
      })
      .optional(),
    guests: z.array(MinutesGuestSchema).max(MAX_GUESTS).optional(),
    nextSteps: z.array(NextStepSchema).max(MAX_NEXT_STEPS).optional(),
    notes: z
      .string()
      .max(MAX_MINUTES_NOTES_CHARS)
      .transform((text) => text.trim() || null)
      .nullable()
      .optional(),
  })
  .refine((change) => Object.keys(change).length > 1, 'nothing to change');
export type UpdateMinutesRequest = z.infer<typeof UpdateMinutesRequest>;

/** POST …/minutes/finalise (facilitator): freezes the draft at this version. */
export const FinaliseMinutesRequest = z.strictObject({ version: z.number().int().min(0) });
export type FinaliseMinutesRequest = z.infer<typeof FinaliseMinutesRequest>;

/** POST …/minutes/comments (facilitator and partners' people, not observers; draft only). */
export const MinutesCommentRequest = z.strictObject({
  text: z
    .string()
    .max(MAX_MINUTES_COMMENT_CHARS)
    .transform((text) => text.trim())
    .pipe(z.string().min(1)),
});
export type MinutesCommentRequest = z.infer<typeof MinutesCommentRequest>;

export const MinutesCommentSchema = z.object({
  id: IdSchema,
  participantId: IdSchema,
  text: z.string(),
  at: EpochMs,
});
export type MinutesComment = z.infer<typeof MinutesCommentSchema>;

/** How someone is on the attendance list. */
export const ATTENDANCE_SOURCES = ['presence', 'facilitator'] as const;
export const AttendeeSchema = z.object({
  participantId: IdSchema,
  /** The organisation the person belonged to when the minutes were made (null: facilitator or observer without one). */
  partnerId: IdSchema.nullable(),
  /** Seen connected to the board during the meeting, or added by the facilitator. */
  source: z.enum(ATTENDANCE_SOURCES),
});
export type Attendee = z.infer<typeof AttendeeSchema>;

export const MinutesRoundSchema = z.object({
  roundId: IdSchema,
  number: z.number().int().min(1),
  openedAt: EpochMs,
  closedAt: EpochMs.nullable(),
  outcome: RoundOutcomeSchema.nullable(),
  visibility: RoundVisibilitySchema,
  rule: DecisionRuleSchema,
  /** The wording the round decided on (frozen at its opening). */
  wording: RoundWordingSchema,
  /** As everyone may see them: the round's visibility applies (no partner in an anonymous round). */
  stances: z.array(RecordedStanceSchema),
  tally: RoundTallySchema,
});
export type MinutesRound = z.infer<typeof MinutesRoundSchema>;

/** What happened to one goal during the meeting. */
export const MinutesGoalSchema = z.object({
  goalId: IdSchema,
  /** The goal's title at the end of the period (its last title, if it was removed). */
  title: z.string(),
  /** Proposed during the meeting: by which organisation (null: a facilitator or observer without one). */
  proposed: z.object({ participantId: IdSchema.nullable(), partnerId: IdSchema.nullable() }).nullable(),
  /** Contributions that changed its title or description during the meeting. */
  wordingChanges: z.number().int().min(0),
  /** The column it ended the meeting in, if it moved to another one. */
  movedTo: z.enum(STAGES).nullable(),
  removed: z.boolean(),
  /** On the meeting's agenda. */
  onAgenda: z.boolean(),
  rounds: z.array(MinutesRoundSchema),
});
export type MinutesGoal = z.infer<typeof MinutesGoalSchema>;

/** An objection still standing when the minutes were made: in an open round, or the reason a round failed. */
export const OpenObjectionSchema = z.object({
  goalId: IdSchema,
  goalTitle: z.string(),
  roundId: IdSchema,
  roundNumber: z.number().int().min(1),
  roundOpen: z.boolean(),
  /** Null where the round's visibility hides who objected. */
  partnerId: IdSchema.nullable(),
  reason: z.string().nullable(),
});
export type OpenObjection = z.infer<typeof OpenObjectionSchema>;

/**
 * The content of minutes, ids only. A draft's is computed when read; a final one's is what was frozen. The same
 * object is in the record document's `minutes` map once final.
 */
export const MinutesContentSchema = z.object({
  meetingId: IdSchema,
  /** The meeting as it was: title, times, place, agenda. */
  meeting: MeetingSchema,
  /** The period the happenings were read from: the meeting's start to its end. */
  period: z.object({ from: EpochMs, to: EpochMs }),
  attendees: z.array(AttendeeSchema),
  guests: z.array(MinutesGuestSchema),
  /** Confirmed partners when the minutes were made: those without anyone present are listed as absent. */
  partnerIds: z.array(IdSchema),
  goals: z.array(MinutesGoalSchema),
  openObjections: z.array(OpenObjectionSchema),
  nextSteps: z.array(NextStepSchema),
  notes: z.string().nullable(),
  comments: z.array(MinutesCommentSchema),
  /** When they were made final, and by whom; null for a draft. */
  finalisedAt: EpochMs.nullable(),
  finalisedBy: IdSchema.nullable(),
});
export type MinutesContent = z.infer<typeof MinutesContentSchema>;

export const MINUTES_STATUSES = ['draft', 'final'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

/** A participant's name as it is now (an erased person's pseudonym, later). */
export const MinutesPersonSchema = z.object({
  id: IdSchema,
  name: z.string(),
  partnerId: IdSchema.nullable(),
});

/** GET /api/boards/:boardId/meetings/:meetingId/minutes (every participant). */
export const MinutesResponse = z.object({
  status: z.enum(MINUTES_STATUSES),
  /** The draft's version, for the next change (unchanged once final). */
  version: z.number().int().min(0),
  content: MinutesContentSchema,
  /** The facilitator's corrections of the attendance (for editing the draft). */
  corrections: z.object({ added: z.array(IdSchema), removed: z.array(IdSchema) }),
  /** Names as they are now, for every id the content names. */
  people: z.array(MinutesPersonSchema),
  partners: z.array(PartnerSchema),
});
export type MinutesResponse = z.infer<typeof MinutesResponse>;

/** ?lang= of the Markdown download. */
export const MinutesMarkdownQuery = z.object({ lang: z.string().max(35).optional() });
