import { z } from 'zod';
import { IdSchema, NameSchema, RoleSchema } from './entities';
import { BoardIdSchema } from './http';

/**
 * A device link's code: 32 random bytes, base64url (like a token). It travels in the link's fragment, so it never
 * reaches a server log; only its hash is stored.
 */
export const DeviceCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** One person of the board as its facilitators manage them (GET /api/boards/:boardId/people). */
export const PersonSchema = z.object({
  id: IdSchema,
  name: NameSchema,
  role: RoleSchema,
  partnerId: IdSchema.nullable(),
  /** The organisation's name, for the list; null for people without one. */
  partnerName: z.string().nullable(),
  /** How many devices hold a token of this person now. */
  devices: z.number().int().min(0),
  /** When their last connection closed; null if never. */
  lastSeenAt: z.number().nullable(),
  /** Connected to the board right now (on this server instance). */
  online: z.boolean(),
  /** When they were removed; removed people stay listed, their names are part of the board's history. */
  removedAt: z.number().nullable(),
  /** Their personal data was erased: `name` is the pseudonym with this number (shown in the reader's language). */
  erased: z.number().int().min(1).optional(),
});
export type Person = z.infer<typeof PersonSchema>;

export const PeopleResponse = z.object({ people: z.array(PersonSchema) });
export type PeopleResponse = z.infer<typeof PeopleResponse>;

/** POST /api/boards/:boardId/people/:participantId/role */
export const ChangeRoleRequest = z.strictObject({ role: RoleSchema });
export type ChangeRoleRequest = z.infer<typeof ChangeRoleRequest>;

/**
 * POST /api/boards/:boardId/device-links (the caller's own move to another device) and
 * POST /api/boards/:boardId/people/:participantId/reentry (a facilitator, for someone who lost their device).
 * The link is shown this once; it works once, until `expiresAt`.
 */
export const DeviceLinkResponse = z.object({ url: z.string(), expiresAt: z.number() });
export type DeviceLinkResponse = z.infer<typeof DeviceLinkResponse>;

/** This device's token is gone; the person's other devices stay. */
export const LeaveResponse = z.object({ left: z.literal(true) });
export type LeaveResponse = z.infer<typeof LeaveResponse>;

/** POST /api/device-links/redeem — the new device gets its own token for the same person. */
export const RedeemDeviceLinkRequest = z.strictObject({ code: DeviceCodeSchema });
export type RedeemDeviceLinkRequest = z.infer<typeof RedeemDeviceLinkRequest>;
export const RedeemDeviceLinkResponse = z.object({
  boardId: BoardIdSchema,
  boardTitle: z.string(),
  participantId: IdSchema,
  /** The person's name, for this device's list of boards. */
  name: NameSchema,
  token: z.string(),
  role: RoleSchema,
});
export type RedeemDeviceLinkResponse = z.infer<typeof RedeemDeviceLinkResponse>;

/** How long a device or re-entry link works: long enough to pick up the other device, short for a leaked one. */
export const DEVICE_LINK_MINUTES = 15;

/**
 * POST /api/boards/:boardId/people/:participantId/erase (facilitator, for someone who asked) and
 * POST /api/boards/:boardId/me/erase (the person): the person's data is erased, what they contributed stays under
 * the pseudonym numbered `erased` ("Ehemalige/r Teilnehmende/r 3").
 */
export const ErasureResponse = z.object({ participantId: IdSchema, erased: z.number().int().min(1) });
export type ErasureResponse = z.infer<typeof ErasureResponse>;
