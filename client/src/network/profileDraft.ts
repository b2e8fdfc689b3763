import {
  PARTNER_OFFERS,
  type PartnerOffer,
  type PartnerProfile,
  PROFILE_LIMITS,
  type UpdateProfileRequest,
} from '@common-ground/shared/api';

export const PROFILE_TEXT_FIELDS = ['description', 'offersNote', 'interests', 'contact'] as const;
export type ProfileTextField = (typeof PROFILE_TEXT_FIELDS)[number];

export type ProfileDraft = UpdateProfileRequest;

export const draftFrom = (profile: PartnerProfile | null | undefined): ProfileDraft => ({
  description: profile?.description ?? '',
  offers: profile ? [...profile.offers] : [],
  offersNote: profile?.offersNote ?? '',
  interests: profile?.interests ?? '',
  contact: profile?.contact ?? '',
});

export interface DraftProblem {
  readonly field: ProfileTextField;
  readonly count: number;
  readonly max: number;
}

/** What the server would refuse, found before sending, so the person reads which field and by how much. */
export function profileProblems(draft: ProfileDraft): DraftProblem[] {
  return PROFILE_TEXT_FIELDS.flatMap((field) => {
    const count = draft[field].trim().length;
    const max = PROFILE_LIMITS[field];
    return count > max ? [{ field, count, max }] : [];
  });
}

/** The request body: trimmed texts and the offers in their canonical order. */
export const requestFrom = (draft: ProfileDraft): UpdateProfileRequest => ({
  description: draft.description.trim(),
  offers: PARTNER_OFFERS.filter((offer: PartnerOffer) => draft.offers.includes(offer)),
  offersNote: draft.offersNote.trim(),
  interests: draft.interests.trim(),
  contact: draft.contact.trim(),
});

export const toggleOffer = (
  offers: readonly PartnerOffer[],
  offer: PartnerOffer,
  on: boolean,
): PartnerOffer[] => (on ? [...new Set([...offers, offer])] : offers.filter((o) => o !== offer));
