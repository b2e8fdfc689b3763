import { z } from 'zod';
import { Limits } from '../protocol';

export const PARTNER_KINDS = [
  'residents',
  'welfare',
  'housing',
  'municipality',
  'school',
  'business',
  'other',
] as const;
export const PartnerKindSchema = z.enum(PARTNER_KINDS);
export type PartnerKind = z.infer<typeof PartnerKindSchema>;

export const ROLES = ['facilitator', 'partner', 'observer'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Roles that may change the board document. */
export const canWrite = (role: Role): boolean => role !== 'observer';

export const IdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

const trimmed = (max: number) => z.string().trim().min(1).max(max);
export const NameSchema = trimmed(Limits.maxNameChars);
export const TitleSchema = trimmed(Limits.maxTitleChars);

export const PartnerSchema = z.object({ id: IdSchema, name: NameSchema, kind: PartnerKindSchema });
export type Partner = z.infer<typeof PartnerSchema>;

/** An organisation someone proposed by joining, waiting for the facilitator to confirm or decline it. */
export const ProposedPartnerSchema = PartnerSchema.extend({ proposedBy: IdSchema.nullable() });
export type ProposedPartner = z.infer<typeof ProposedPartnerSchema>;

export const ParticipantSchema = z.object({
  id: IdSchema,
  name: NameSchema,
  role: RoleSchema,
  /** The organisation this person speaks for: only ever a confirmed membership (never for an observer). */
  partnerId: IdSchema.nullable(),
  /**
   * The organisation this person claims and waits to be confirmed for (by the facilitator or a confirmed member);
   * absent or null when there is no claim. Until then they cannot give or see that organisation's stances.
   */
  pendingPartnerId: IdSchema.nullable().optional(),
  color: z.string().regex(/^#[0-9a-f]{6}$/),
  /** Set once a facilitator removed the person: the name stays, for the history they are part of. */
  removed: z.literal(true).optional(),
});
export type Participant = z.infer<typeof ParticipantSchema>;
