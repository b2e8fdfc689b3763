/**
 * The API's words without zod: pages that must start without zod and its schemas (landing, join) read kinds and
 * roles and check stored ids here; entities.ts builds the schemas from the same lists.
 */
export const PARTNER_KINDS = [
  'residents',
  'welfare',
  'housing',
  'municipality',
  'school',
  'business',
  'other',
] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export const isPartnerKind = (value: unknown): value is PartnerKind =>
  PARTNER_KINDS.includes(value as PartnerKind);

export const ROLES = ['facilitator', 'partner', 'observer'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

/** Roles that may change the board document. */
export const canWrite = (role: Role): boolean => role !== 'observer';

/** Ids of participants, partners, goals, rounds… */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The `error.code` of every error response (ErrorResponse in http.ts). */
export const ERROR_CODES = [
  'invalid_json',
  'invalid_input',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'invite_expired',
  'invite_revoked',
  'last_facilitator',
  'link_used',
  'link_expired',
  'create_key_invalid',
  'too_large',
  'rate_limited',
  'internal',
  /** The board is archived or waiting for deletion: read-only for everyone (see lifecycle.ts). */
  'board_archived',
  /** The 30 days to undo a deletion are over (the board is being removed). */
  'grace_ended',
  /** A board archive that is no archive, of an unknown version, damaged, or not true to itself (import). */
  'archive_invalid',
  'archive_version',
  'archive_checksum',
  'archive_inconsistent',
  /** The archive's board (or a row of it) exists on this server already. */
  'board_exists',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
