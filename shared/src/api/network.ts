import { z } from 'zod';
import { IdSchema, PartnerSchema } from './entities';

/** What a partner can bring to the cooperation (multi-select; `offersNote` says what exactly). */
export const PARTNER_OFFERS = ['rooms', 'staff_hours', 'money', 'contacts', 'know_how'] as const;
export const PartnerOfferSchema = z.enum(PARTNER_OFFERS);
export type PartnerOffer = z.infer<typeof PartnerOfferSchema>;

export const PROFILE_LIMITS = {
  description: 1000,
  offersNote: 1000,
  interests: 1000,
  contact: 200,
} as const;

const text = (max: number) => z.string().trim().max(max);

/** The editable part of a partner's profile: what it is, brings, wants, and whom to contact. */
const profileFields = {
  description: text(PROFILE_LIMITS.description),
  offers: z.array(PartnerOfferSchema).max(PARTNER_OFFERS.length),
  offersNote: text(PROFILE_LIMITS.offersNote),
  /** Its interests and aims in this cooperation. */
  interests: text(PROFILE_LIMITS.interests),
  /** Free text: a name, a phone number or an e-mail address; the contact need not be on the board. */
  contact: text(PROFILE_LIMITS.contact),
};

/**
 * PUT /api/boards/:boardId/partners/:partnerId/profile: replaces the whole profile. Strict, so a typo in a field
 * name is an error instead of silently lost text. Duplicate offers are dropped.
 */
export const UpdateProfileRequest = z.strictObject({
  description: profileFields.description.default(''),
  offers: profileFields.offers.default([]).transform((offers) => [...new Set(offers)]),
  offersNote: profileFields.offersNote.default(''),
  interests: profileFields.interests.default(''),
  contact: profileFields.contact.default(''),
});
export type UpdateProfileRequest = z.infer<typeof UpdateProfileRequest>;

/** A stored profile, in responses and in the record document's `profiles` map (key: partner id). */
export const PartnerProfileSchema = z.object({
  partnerId: IdSchema,
  ...profileFields,
  /** The participant who saved this version. */
  updatedBy: IdSchema,
  updatedAt: z.number().int(),
});
export type PartnerProfile = z.infer<typeof PartnerProfileSchema>;

/**
 * cooperation: existing joint work; informal: they know and talk to each other; funding: `from` funds `to`;
 * tension: a conflict of interests the table should know about. Only funding has a direction.
 */
export const RELATION_KINDS = ['cooperation', 'informal', 'funding', 'tension'] as const;
export const RelationKindSchema = z.enum(RELATION_KINDS);
export type RelationKind = z.infer<typeof RelationKindSchema>;
export const isDirectedRelation = (kind: RelationKind): boolean => kind === 'funding';

export const MAX_RELATION_NOTE_CHARS = 500;
export const RelationStrengthSchema = z.number().int().min(1).max(3);

/** POST /api/boards/:boardId/relations (a person of `from` or `to`, or the facilitator). */
export const CreateRelationRequest = z
  .strictObject({
    from: IdSchema,
    to: IdSchema,
    kind: RelationKindSchema,
    /** 1 weak, 2 medium, 3 strong. */
    strength: RelationStrengthSchema,
    note: text(MAX_RELATION_NOTE_CHARS).default(''),
  })
  .refine((body) => body.from !== body.to, { message: 'A relation needs two partners', path: ['to'] });
export type CreateRelationRequest = z.infer<typeof CreateRelationRequest>;

/** A relation in responses and in the record document's `relations` map (key: relation id). */
export const RelationSchema = z.object({
  id: IdSchema,
  from: IdSchema,
  to: IdSchema,
  kind: RelationKindSchema,
  strength: RelationStrengthSchema,
  note: z.string().max(MAX_RELATION_NOTE_CHARS),
  createdBy: IdSchema,
  createdAt: z.number().int(),
});
export type Relation = z.infer<typeof RelationSchema>;

/** A goal a partner supports, with what it commits (from the board document's goal structure). */
export const SupportedGoalSchema = z.object({ goalId: z.string(), commitment: z.string() });

/**
 * A partner's own position in the network. `proposedGoalIds` come from the server's attributed update log (who
 * really sent the goal), not from the goal's client-written `createdBy`.
 */
export const PartnerPositionSchema = z.object({
  relationIds: z.array(IdSchema),
  proposedGoalIds: z.array(z.string()),
  leadGoalIds: z.array(z.string()),
  supportedGoals: z.array(SupportedGoalSchema),
});
export type PartnerPosition = z.infer<typeof PartnerPositionSchema>;

export const NetworkPartnerSchema = PartnerSchema.extend({
  profile: PartnerProfileSchema.nullable(),
  position: PartnerPositionSchema,
});
export type NetworkPartner = z.infer<typeof NetworkPartnerSchema>;

/** GET /api/boards/:boardId/network */
export const NetworkResponse = z.object({
  partners: z.array(NetworkPartnerSchema),
  relations: z.array(RelationSchema),
  /** The goals the positions refer to, in board order. */
  goals: z.array(z.object({ id: z.string(), title: z.string(), stage: z.string() })),
});
export type NetworkResponse = z.infer<typeof NetworkResponse>;
