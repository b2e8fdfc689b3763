import { BOARD_ID_PATTERN, Limits } from '../protocol';
import type { Partner } from './entities';
import type { ErrorResponse, InviteInfoResponse, ServerConfigResponse } from './http';
import { isLocale, type Locale } from './languages';
import { isLinkReach } from './links';
import type { PrivacyInfoResponse } from './privacy';
import {
  HTTP_URL_PATTERN,
  MAX_PRIVACY_NOTICE_CHARS,
  MAX_RETENTION_MONTHS,
  PRIVACY_SETTING_LIMITS,
} from './privacyLimits';
import { ERROR_CODES, type ErrorCode, ID_PATTERN, isPartnerKind, isRole } from './vocabulary';

/** Checks an API body: what a zod schema's safeParse offers, so a caller takes either. */
export interface Check<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

/**
 * Hand-written twins of the zod schemas of what the landing and join pages read before anyone interacts
 * (`GET /api/config`, `GET /api/invites/:code`, an error's code): those pages start without zod. checks.test.ts
 * holds each to its schema.
 */
const check = <T>(read: (value: unknown) => T | null): Check<T> => ({
  safeParse: (value) => {
    const data = read(value);
    return data === null ? { success: false } : { success: true, data };
  },
});

const fields = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;

const isId = (value: unknown): value is string => typeof value === 'string' && ID_PATTERN.test(value);

/** NameSchema: trimmed, 1 to maxNameChars characters. */
const readName = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const name = value.trim();
  return name.length >= 1 && name.length <= Limits.maxNameChars ? name : null;
};

function readPartner(value: unknown): Partner | null {
  const partner = fields(value);
  const name = readName(partner?.name);
  if (!partner || !isId(partner.id) || name === null || !isPartnerKind(partner.kind)) return null;
  return { id: partner.id, name, kind: partner.kind };
}

export const checkServerConfig: Check<ServerConfigResponse> = check((value) => {
  const body = fields(value);
  return typeof body?.boardCreateKeyRequired === 'boolean' && isLinkReach(body.linksReachable)
    ? { boardCreateKeyRequired: body.boardCreateKeyRequired, linksReachable: body.linksReachable }
    : null;
});

export const checkInviteInfo: Check<InviteInfoResponse> = check((value) => {
  const body = fields(value);
  if (!body || typeof body.boardId !== 'string' || !BOARD_ID_PATTERN.test(body.boardId)) return null;
  if (typeof body.boardTitle !== 'string' || !isRole(body.role) || !Array.isArray(body.partners)) return null;
  const partners = body.partners.map(readPartner);
  const partner = body.partner === null ? null : readPartner(body.partner);
  if (partners.some((p) => p === null) || (body.partner !== null && partner === null)) return null;
  if (body.privacyNote !== null && typeof body.privacyNote !== 'string') return null;
  return {
    boardId: body.boardId,
    boardTitle: body.boardTitle,
    role: body.role,
    partners: partners.filter((p): p is Partner => p !== null),
    partner,
    privacyNote: body.privacyNote,
  };
});

/** A string of at most `max` characters, or null; `undefined` when it is neither (the body is then refused). */
const readOptional = (value: unknown, max: number, pattern?: RegExp): string | null | undefined => {
  if (value === null) return null;
  if (typeof value !== 'string' || value.length > max) return undefined;
  return pattern && !pattern.test(value) ? undefined : value;
};

export const checkPrivacyInfo: Check<PrivacyInfoResponse> = check((value) => {
  const body = fields(value);
  const notices = fields(body?.notices);
  if (!body || !notices) return null;
  const { operatorName: nameMax, contact, url } = PRIVACY_SETTING_LIMITS;
  const read = {
    operatorName: readOptional(body.operatorName, nameMax),
    operatorContact: readOptional(body.operatorContact, contact),
    dpoContact: readOptional(body.dpoContact, contact),
    imprintUrl: readOptional(body.imprintUrl, url, HTTP_URL_PATTERN),
    accessibilityUrl: readOptional(body.accessibilityUrl, url, HTTP_URL_PATTERN),
    accessibilityContact: readOptional(body.accessibilityContact, contact),
  };
  const texts: Partial<Record<Locale, string>> = {};
  for (const [locale, text] of Object.entries(notices)) {
    // Like zod's record of an enum: a key that names no language fails the whole body.
    if (!isLocale(locale) || typeof text !== 'string' || text.length > MAX_PRIVACY_NOTICE_CHARS) return null;
    texts[locale] = text;
  }
  if (Object.values(read).some((entry) => entry === undefined)) return null;
  const months = body.retentionMonths;
  if (
    typeof months !== 'number' ||
    !Number.isInteger(months) ||
    months < 0 ||
    months > MAX_RETENTION_MONTHS
  ) {
    return null;
  }
  return {
    operatorName: read.operatorName ?? null,
    operatorContact: read.operatorContact ?? null,
    dpoContact: read.dpoContact ?? null,
    imprintUrl: read.imprintUrl ?? null,
    accessibilityUrl: read.accessibilityUrl ?? null,
    accessibilityContact: read.accessibilityContact ?? null,
    notices: texts,
    retentionMonths: months,
  };
});

export const checkErrorResponse: Check<ErrorResponse> = check((value) => {
  const error = fields(fields(value)?.error);
  const code = error?.code;
  const known = ERROR_CODES.includes(code as ErrorCode);
  return known && typeof error?.message === 'string'
    ? { error: { code: code as ErrorCode, message: error.message } }
    : null;
});
