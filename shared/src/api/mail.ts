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
  /**
   * Finalised minutes of a meeting, with the Markdown attached. Added after the others: a request from a client
   * that does not know it yet leaves it on, as stored addresses from before it read it.
   */
  minutes: z.boolean().default(true),
});
export type MailPreferences = z.infer<typeof MailPreferencesSchema>;

/** What a new address receives until its owner chooses otherwise. */
export const DEFAULT_MAIL_PREFERENCES: MailPreferences = {
  digest: 'weekly',
  roundAwaits: true,
  outcomes: true,
  invitations: true,
  minutes: true,
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

/** The longest name shown as the sender of a board's mails. */
export const MAX_MAIL_SENDER_NAME_CHARS = 100;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const HEADER_BREAKERS = /[\u0000-\u001f\u007f\u2028\u2029]/;

/**
 * PUT /api/boards/:boardId/mail/sender (facilitator): the name shown as the sender of the board's mails
 * ("Stadtteilrunde Nordstadt" <MAIL_FROM>); null or blank = the board's title again. One line: a line break or any
 * other control character is refused (400), not mended, since it could only be meant to start a header.
 */
export const MailSenderRequest = z.strictObject({
  name: z
    .string()
    .max(MAX_MAIL_SENDER_NAME_CHARS * 2)
    .refine((name) => !HEADER_BREAKERS.test(name), 'one line, no control characters')
    .transform((name) => name.trim())
    .pipe(z.string().max(MAX_MAIL_SENDER_NAME_CHARS))
    .transform((name) => name || null)
    .nullable(),
});
export type MailSenderRequest = z.infer<typeof MailSenderRequest>;

/** GET /api/boards/:boardId/mail/status (facilitator). */
export const MailStatusResponse = z.object({
  available: z.boolean(),
  /** The sender name the facilitator set; null = the board's title (`defaultSenderName`) is used. */
  senderName: z.string().nullable(),
  defaultSenderName: z.string(),
  queued: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  failures: z.array(FailedMailSchema),
});
export type MailStatusResponse = z.infer<typeof MailStatusResponse>;
