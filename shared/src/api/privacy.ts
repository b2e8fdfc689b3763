import { z } from 'zod';
import { IdSchema } from './entities';
import { LOCALES } from './languages';
import {
  HTTP_URL_PATTERN,
  hasControlCharacters,
  MAX_PRIVACY_NOTE_CHARS,
  MAX_PRIVACY_NOTICE_CHARS,
  MAX_RETENTION_MONTHS,
  PRIVACY_SETTING_LIMITS,
} from './privacyLimits';

/**
 * GET /api/privacy — what a person must read before giving a name (DSGVO Art. 13): the operator (controller) and
 * where to reach them, the imprint and the accessibility statement. null = the operator has not set it; the
 * client then shows a visible placeholder, never an invented value.
 */
export const PrivacyInfoResponse = z.object({
  operatorName: z.string().max(PRIVACY_SETTING_LIMITS.operatorName).nullable(),
  operatorContact: z.string().max(PRIVACY_SETTING_LIMITS.contact).nullable(),
  dpoContact: z.string().max(PRIVACY_SETTING_LIMITS.contact).nullable(),
  imprintUrl: z.string().max(PRIVACY_SETTING_LIMITS.url).regex(HTTP_URL_PATTERN).nullable(),
  accessibilityUrl: z.string().max(PRIVACY_SETTING_LIMITS.url).regex(HTTP_URL_PATTERN).nullable(),
  accessibilityContact: z.string().max(PRIVACY_SETTING_LIMITS.contact).nullable(),
  /** The operator's own full text per language, replacing the default one in that language. */
  notices: z.partialRecord(z.enum(LOCALES), z.string().max(MAX_PRIVACY_NOTICE_CHARS)),
  /** Months without a visit after which a person's data is erased (RETENTION_INACTIVE_MONTHS); 0 = never. */
  retentionMonths: z.number().int().min(0).max(MAX_RETENTION_MONTHS),
});
export type PrivacyInfoResponse = z.infer<typeof PrivacyInfoResponse>;

/** A privacy note as the facilitator writes it: trimmed, Windows line ends made plain, no control characters. */
export const PrivacyNoteTextSchema = z
  .string()
  .transform((text) => text.replace(/\r\n?/g, '\n').trim())
  .pipe(
    z
      .string()
      .max(MAX_PRIVACY_NOTE_CHARS)
      .refine((text) => !hasControlCharacters(text), 'no control characters'),
  );

/** PUT /api/boards/:boardId/privacy-note — an empty text removes the note. */
export const UpdatePrivacyNoteRequest = z.strictObject({ text: PrivacyNoteTextSchema });
export type UpdatePrivacyNoteRequest = z.infer<typeof UpdatePrivacyNoteRequest>;

/** GET and PUT /api/boards/:boardId/privacy-note */
export const PrivacyNoteResponse = z.object({
  /** Empty when the facilitator has written none. */
  text: z.string(),
  updatedBy: IdSchema.nullable(),
  updatedAt: z.number().int().nullable(),
});
export type PrivacyNoteResponse = z.infer<typeof PrivacyNoteResponse>;
