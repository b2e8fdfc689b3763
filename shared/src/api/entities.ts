import { z } from 'zod';
import { Limits } from '../protocol';
import { ID_PATTERN, PARTNER_KINDS, ROLES } from './vocabulary';

export const PartnerKindSchema = z.enum(PARTNER_KINDS);
export const RoleSchema = z.enum(ROLES);
export const IdSchema = z.string().regex(ID_PATTERN);

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
  /**
   * Set once the person's data was erased: `name` is then a pseudonym ("Ehemalige/r Teilnehmende/r 3") and this is
   * its number on the board, for showing the pseudonym in the reader's language.
   */
  erased: z.number().int().min(1).optional(),
});
export type Participant = z.infer<typeof ParticipantSchema>;
