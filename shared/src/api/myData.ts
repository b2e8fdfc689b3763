import { z } from 'zod';
import { StanceSchema } from '../rules/decisionRule';
import { AGREEMENT_FORMATS } from './agreement';
import { AmendmentStatusSchema } from './amendments';
import { IdSchema, PartnerKindSchema, RoleSchema } from './entities';
import { ExportLanguageSchema } from './language';
import { MailAddressStatusSchema, MailLanguageSchema, MailPreferencesSchema } from './mail';
import { MeetingStatusSchema } from './meetings';
import { RelationKindSchema } from './network';
import { RoundOutcomeSchema, RoundVisibilitySchema } from './rounds';

/** GET /api/boards/:boardId/me/data?format=json|md&lang=… (any participant, their own data only). */
export const MyDataQuery = z.object({
  format: z.enum(AGREEMENT_FORMATS).default('json'),
  lang: ExportLanguageSchema,
});
export type MyDataQuery = z.infer<typeof MyDataQuery>;

const Ms = z.number().int();
const OrganisationSchema = z.object({ id: IdSchema, name: z.string(), kind: PartnerKindSchema });
/** A goal as the copy names it: its id and its current title (its last one, if it was taken off the board). */
const goalFields = { goalId: z.string(), goalTitle: z.string() };

/** One of the goal changes the board's update log attributes to the person (activity, not client-written). */
export const MyEditSchema = z.object({
  ...goalFields,
  type: z.enum([
    'wording_changed',
    'stage_changed',
    'goal_moved',
    'goal_removed',
    'lead_changed',
    'commitment_changed',
    'review_date_changed',
  ]),
  at: Ms,
  /** For a wording contribution: which field, and the text before and after it (as the log replays it). */
  field: z.enum(['title', 'description']).optional(),
  before: z.string().nullable().optional(),
  after: z.string().nullable().optional(),
});

export const MyStanceSchema = z.object({
  ...goalFields,
  roundId: IdSchema,
  roundNumber: z.number().int(),
  organisation: z.object({ id: IdSchema, name: z.string().nullable() }),
  stance: StanceSchema,
  reason: z.string().nullable(),
  provisionalUntil: Ms.nullable(),
  at: Ms,
  /**
   * `self`: the person gave it (for their organisation, or as facilitator for one). `facilitator`: a facilitator
   * recorded it for the person's organisation: it is the organisation's, listed here because it speaks for them.
   */
  recordedBy: z.enum(['self', 'facilitator']),
});

const roundFields = {
  ...goalFields,
  roundId: IdSchema,
  roundNumber: z.number().int(),
  visibility: RoundVisibilitySchema,
  openedAt: Ms,
  closedAt: Ms.nullable(),
  outcome: RoundOutcomeSchema.nullable(),
};

/**
 * Everything stored about one participant on one board (DSGVO Art. 15): what they entered, what the server
 * recorded about them, and what they did. Other people appear in it by no name, address or id.
 */
export const MyDataResponse = z.object({
  format: z.literal('common-ground/my-data'),
  version: z.literal(1),
  generatedAt: Ms,
  board: z.object({ id: z.string(), title: z.string() }),
  person: z.object({
    id: IdSchema,
    name: z.string(),
    role: RoleSchema,
    color: z.string(),
    joinedAt: Ms,
    /** The organisation the person speaks for (a confirmed membership). */
    organisation: OrganisationSchema.nullable(),
    /** An organisation they claim and wait to be confirmed for. */
    pendingOrganisation: OrganisationSchema.nullable(),
    removed: z.boolean(),
  }),
  /** Device tokens held now (only when each was issued: a token is a secret, and only its hash is stored). */
  devices: z.object({
    count: z.number().int(),
    issuedAt: z.array(Ms),
    links: z.array(
      z.object({ kind: z.enum(['device', 'reentry']), createdAt: Ms, expiresAt: Ms, usedAt: Ms.nullable() }),
    ),
  }),
  /** When their last connection to the board closed; null if it never did. */
  lastVisitAt: Ms.nullable(),
  mail: z
    .object({
      address: z.string(),
      status: MailAddressStatusSchema,
      confirmedAt: Ms.nullable(),
      preferences: MailPreferencesSchema,
      language: MailLanguageSchema,
      createdAt: Ms,
      updatedAt: Ms,
    })
    .nullable(),
  /** Mails to them in the outbox: subject and times, never the body's links (they carry tokens). */
  mails: z.array(
    z.object({
      kind: z.string(),
      subject: z.string(),
      status: z.enum(['queued', 'sent', 'failed']),
      createdAt: Ms,
      sentAt: Ms.nullable(),
    }),
  ),
  /** Their personal calendar feed: that it exists and since when (the address is a secret, only its hash is kept). */
  calendarFeed: z.object({ createdAt: Ms }).nullable(),
  /** Goals whose first writer they were, by the server's attribution. */
  goalsProposed: z.array(z.object({ ...goalFields, at: Ms })),
  edits: z.array(MyEditSchema),
  comments: z.array(
    z.object({ ...goalFields, commentId: z.string(), text: z.string(), at: Ms, hidden: z.boolean() }),
  ),
  translations: z.array(z.object({ ...goalFields, language: z.string(), at: Ms })),
  stances: z.array(MyStanceSchema),
  roundsOpened: z.array(z.object(roundFields)),
  roundsClosed: z.array(z.object(roundFields)),
  amendments: z.array(
    z.object({
      ...goalFields,
      id: IdSchema,
      roundId: IdSchema,
      title: z.string().nullable(),
      description: z.string().nullable(),
      proposedAt: Ms,
      status: AmendmentStatusSchema,
      resolvedAt: Ms.nullable(),
    }),
  ),
  meetingsScheduled: z.array(
    z.object({
      meetingId: IdSchema,
      title: z.string(),
      start: Ms,
      end: Ms,
      status: MeetingStatusSchema,
      createdAt: Ms,
    }),
  ),
  minutesComments: z.array(
    z.object({ meetingId: IdSchema, meetingTitle: z.string(), text: z.string(), at: Ms }),
  ),
  minutesFinalised: z.array(z.object({ meetingId: IdSchema, meetingTitle: z.string(), at: Ms })),
  attendance: z.array(z.object({ meetingId: IdSchema, meetingTitle: z.string(), firstSeenAt: Ms })),
  profiles: z.array(
    z.object({
      organisation: z.object({ id: IdSchema, name: z.string().nullable() }),
      description: z.string(),
      offers: z.array(z.string()),
      offersNote: z.string(),
      interests: z.string(),
      contact: z.string(),
      updatedAt: Ms,
    }),
  ),
  relations: z.array(
    z.object({
      id: IdSchema,
      from: z.string().nullable(),
      to: z.string().nullable(),
      kind: RelationKindSchema,
      strength: z.number().int(),
      note: z.string(),
      createdAt: Ms,
      removedAt: Ms.nullable(),
    }),
  ),
  invites: z.array(
    z.object({
      id: z.string(),
      role: RoleSchema,
      createdAt: Ms,
      expiresAt: Ms,
      maxUses: z.number().int().nullable(),
      uses: z.number().int(),
      revokedAt: Ms.nullable(),
    }),
  ),
  /** Organisations their join proposed that still wait for the facilitator. */
  organisationsProposed: z.array(OrganisationSchema),
  /** Comments they hid as facilitator: ids only (the comments are other people's). */
  commentsHidden: z.array(z.object({ ...goalFields, commentId: z.string(), at: Ms })),
  /** When they last wrote the board's addition to the privacy notice, if they were the last to. */
  privacyNoteUpdatedAt: Ms.nullable(),
});
export type MyDataResponse = z.infer<typeof MyDataResponse>;
