import { z } from 'zod';
import { IdSchema } from './entities';
import { LOCALES } from './languages';

/** The longest address SMTP carries (RFC 5321's path limit less the angle brackets). */
export const MAX_EMAIL_CHARS = 254;

/**
 * An e-mail address as a participant enters it: trimmed, one line, at most 254 characters, and of the plain
 * `local@domain.tld` form (zod's address pattern: no spaces, quotes, brackets or line breaks, so nothing a header
 * could be smuggled in with).
 */
export const EmailAddressSchema = z.string().trim().max(MAX_EMAIL_CHARS).pipe(z.email());

export const DIGEST_FREQUENCIES = ['off', 'daily', 'weekly'] as const;
export const DigestFrequencySchema = z.enum(DIGEST_FREQUENCIES);
export type DigestFrequency = z.infer<typeof DigestFrequencySchema>;

/** What a participant chose to receive; nothing at all is sent before the address is confirmed. */
export const MailPreferencesSchema = z.strictObject({
  digest: DigestFrequencySchema,
  /** "A round awaits your organisation's stance": when it opens and a day before its deadline. */
  roundAwaits: z.boolean(),
  outcomes: z.boolean(),
  invitations: z.boolean(),
});
export type MailPreferences = z.infer<typeof MailPreferencesSchema>;

/** What a new address receives until its owner chooses otherwise. */
export const DEFAULT_MAIL_PREFERENCES: MailPreferences = {
  digest: 'weekly',
  roundAwaits: true,
  outcomes: true,
  invitations: true,
};

export const MailLanguageSchema = z.enum(LOCALES);

/** PUT /api/boards/:boardId/me/email — a new or changed address is confirmed by a link (double opt-in). */
export const MailSettingsRequest = z.strictObject({
  address: EmailAddressSchema,
  preferences: MailPreferencesSchema.optional(),
  /** The language the mails are written in: the person's UI language. */
  language: MailLanguageSchema.optional(),
});
export type MailSettingsRequest = z.infer<typeof MailSettingsRequest>;

export const MailAddressStatusSchema = z.enum(['none', 'pending', 'confirmed']);
export type MailAddressStatus = z.infer<typeof MailAddressStatusSchema>;

/** GET (and the answer of PUT) /api/boards/:boardId/me/email: the person's own address and choices. */
export const MailSettingsResponse = z.object({
  /** False when the server has no SMTP_URL: nothing is sent and no address can be set. */
  available: z.boolean(),
  status: MailAddressStatusSchema,
  address: z.string().nullable(),
  preferences: MailPreferencesSchema,
  language: MailLanguageSchema,
  /** When the last confirmation mail was queued (pending addresses); null otherwise. */
  confirmationSentAt: z.number().nullable(),
});
export type MailSettingsResponse = z.infer<typeof MailSettingsResponse>;

/** A mail that could not be delivered, as the facilitator sees it: the person, never their address. */
export const FailedMailSchema = z.object({
  id: IdSchema,
  participantId: IdSchema,
  name: z.string(),
  kind: z.string(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  at: z.number(),
});
export type FailedMail = z.infer<typeof FailedMailSchema>;

/** GET /api/boards/:boardId/mail/status (facilitator). */
export const MailStatusResponse = z.object({
  available: z.boolean(),
  queued: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  failures: z.array(FailedMailSchema),
});
export type MailStatusResponse = z.infer<typeof MailStatusResponse>;
