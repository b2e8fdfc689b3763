import { z } from 'zod';
import { IdSchema, NameSchema, ParticipantSchema, PartnerKindSchema, PartnerSchema } from './entities';

/** POST /api/boards/:boardId/partners (facilitator) — an organisation the facilitator vouches for: confirmed. */
export const CreatePartnerRequest = z.strictObject({ name: NameSchema, kind: PartnerKindSchema });
export type CreatePartnerRequest = z.infer<typeof CreatePartnerRequest>;

/** POST …/partners/:partnerId/confirm (facilitator) — the organisation, confirmed (its proposer with it). */
export const ConfirmPartnerResponse = z.object({ partner: PartnerSchema });
export type ConfirmPartnerResponse = z.infer<typeof ConfirmPartnerResponse>;

/** POST …/partners/:partnerId/decline (facilitator) — the proposal is gone; its people stay, without it. */
export const DeclinePartnerResponse = z.object({ partnerId: IdSchema });
export type DeclinePartnerResponse = z.infer<typeof DeclinePartnerResponse>;

/** POST …/partners/:partnerId/members/:participantId/confirm (facilitator or a confirmed member). */
export const ConfirmMemberResponse = z.object({ participant: ParticipantSchema });
export type ConfirmMemberResponse = z.infer<typeof ConfirmMemberResponse>;
