import { z } from 'zod';
import { BOARD_ID_PATTERN, INVITE_CODE_PATTERN } from '../protocol';
import {
  IdSchema,
  NameSchema,
  ParticipantSchema,
  PartnerKindSchema,
  PartnerSchema,
  RoleSchema,
  TitleSchema,
} from './entities';
import { LINK_REACHES } from './links';
import { ERROR_CODES } from './vocabulary';

export const BoardIdSchema = z.string().regex(BOARD_ID_PATTERN);
export const InviteCodeSchema = z.string().regex(INVITE_CODE_PATTERN);

/** POST /api/boards */
export const CreateBoardRequest = z.strictObject({ title: TitleSchema, name: NameSchema.optional() });
export type CreateBoardRequest = z.infer<typeof CreateBoardRequest>;
export const CreateBoardResponse = z.object({
  boardId: BoardIdSchema,
  participantId: IdSchema,
  token: z.string(),
});
export type CreateBoardResponse = z.infer<typeof CreateBoardResponse>;

/** POST /api/boards/:boardId/invites */
export const CreateInviteRequest = z.strictObject({
  role: RoleSchema,
  /** How many people may join with this code; omitted = any number until it expires (one QR code for a table). */
  maxUses: z.number().int().min(1).max(1000).optional(),
  expiresInDays: z.number().int().min(1).max(365).optional(),
  /**
   * Role `partner` only: the one (confirmed) organisation everyone joining through it belongs to, confirmed at once;
   * the join form then asks for no organisation.
   */
  partnerId: IdSchema.optional(),
});
export type CreateInviteRequest = z.infer<typeof CreateInviteRequest>;
export const CreateInviteResponse = z.object({
  /** Names the invite in the list and for revoking it; the code itself is shown this once and never stored. */
  id: IdSchema,
  code: InviteCodeSchema,
  url: z.string(),
  role: RoleSchema,
  expiresAt: z.number(),
  partnerId: IdSchema.nullable(),
});
export type CreateInviteResponse = z.infer<typeof CreateInviteResponse>;

/** Whether an invite can still be used; revoked counts first, then expired, then used up. */
export const InviteStatusSchema = z.enum(['usable', 'revoked', 'expired', 'used_up']);
export type InviteStatus = z.infer<typeof InviteStatusSchema>;

/** One invite as the board's facilitators see it in the list: never its code (only its hash is stored). */
export const InviteSummary = z.object({
  id: IdSchema,
  role: RoleSchema,
  status: InviteStatusSchema,
  /** null when its creator is unknown (invites stored before creators were recorded). */
  createdBy: IdSchema.nullable(),
  createdAt: z.number(),
  expiresAt: z.number(),
  /** null = any number of uses until it expires. */
  maxUses: z.number().int().nullable(),
  uses: z.number().int(),
  revokedAt: z.number().nullable(),
  revokedBy: IdSchema.nullable(),
  /** The organisation its people join (confirmed at once); null = they name one themselves. */
  partnerId: IdSchema.nullable(),
});
export type InviteSummary = z.infer<typeof InviteSummary>;

/** GET /api/boards/:boardId/invites — oldest first. */
export const InviteListResponse = z.object({ invites: z.array(InviteSummary) });
export type InviteListResponse = z.infer<typeof InviteListResponse>;

/** GET /api/config — what the landing page needs to know before anyone has a token. */
export const ServerConfigResponse = z.object({
  /** Creating a board needs the operator's key in the X-Board-Create-Key header. */
  boardCreateKeyRequired: z.boolean(),
  /**
   * Whether the links this server hands out to the asker (invites, the projector's QR code) can be opened from
   * a phone: `loopback` when they would point at 127.0.0.1 or localhost (see links.ts).
   */
  linksReachable: z.enum(LINK_REACHES),
});
export type ServerConfigResponse = z.infer<typeof ServerConfigResponse>;

/** Liveness, and what an operator should look at (server/src/http/routes/health.ts). */
export const HealthStatusResponse = z.object({
  ok: z.literal(true),
  /** Log entries skipped because they cannot be applied; null if storage cannot be read right now. */
  quarantinedUpdates: z.number().int().nullable(),
  /** Writes refused by the log budgets since the server started. */
  logBudgetRefusals: z.number().int(),
});
export type HealthStatusResponse = z.infer<typeof HealthStatusResponse>;

/** The header that carries the board creation key (a header keeps the key out of the request body's schema). */
export const BOARD_CREATE_KEY_HEADER = 'x-board-create-key';

/** GET /api/invites/:code — what the join page shows before asking for a name. */
export const InviteInfoResponse = z.object({
  boardId: BoardIdSchema,
  boardTitle: z.string(),
  role: RoleSchema,
  /** Confirmed organisations only: a proposed one is nobody's to claim but its proposer's. */
  partners: z.array(PartnerSchema),
  /** The organisation this invite is for: the joiner belongs to it and names none. */
  partner: PartnerSchema.nullable(),
  /** The facilitator's addition to the privacy notice (joint controllers, whom to ask); null without one. */
  privacyNote: z.string().nullable(),
});
export type InviteInfoResponse = z.infer<typeof InviteInfoResponse>;

/**
 * POST /api/join — a new organisation (proposed: the facilitator confirms it), or an existing one by id (a claim:
 * the facilitator or a confirmed member confirms it); neither for observers, nor with an invite for one organisation.
 */
export const JoinRequest = z
  .strictObject({
    code: InviteCodeSchema,
    name: NameSchema,
    partner: z.strictObject({ name: NameSchema, kind: PartnerKindSchema }).optional(),
    partnerId: IdSchema.optional(),
  })
  .refine((body) => !(body.partner && body.partnerId), {
    message: 'Give either partner or partnerId, not both',
    path: ['partner'],
  });
export type JoinRequest = z.infer<typeof JoinRequest>;
export const JoinResponse = z.object({
  boardId: BoardIdSchema,
  participantId: IdSchema,
  token: z.string(),
  role: RoleSchema,
  /** The organisation the person speaks for: only with an invite for it, else after confirmation. */
  partnerId: IdSchema.nullable(),
  /** The organisation proposed or claimed, waiting for confirmation; null without one. */
  pendingPartnerId: IdSchema.nullable(),
});
export type JoinResponse = z.infer<typeof JoinResponse>;

/** GET /api/boards/:boardId — the caller's view of the board's authoritative state. */
export const BoardInfoResponse = z.object({
  boardId: BoardIdSchema,
  title: z.string(),
  me: ParticipantSchema,
  partners: z.array(PartnerSchema),
  participants: z.array(ParticipantSchema),
});
export type BoardInfoResponse = z.infer<typeof BoardInfoResponse>;

export const ErrorResponse = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;
