/**
 * The privacy notice's limits, without zod: the landing and join pages read them before any schema is loaded
 * (checks.ts), and the schemas (privacy.ts) and the server's configuration use the same.
 */

/** The facilitator's addition to the privacy notice, per board (joint controllers, whom to ask). */
export const MAX_PRIVACY_NOTE_CHARS = 2000;
/** The operator's own notice per language (PRIVACY_NOTICE_FILE); generous, but bounded like every input. */
export const MAX_PRIVACY_NOTICE_CHARS = 20_000;

/** The limits of the operator's settings (server/src/config.ts checks them; the client trusts nothing longer). */
export const PRIVACY_SETTING_LIMITS = {
  operatorName: 200,
  contact: 500,
  url: 2000,
} as const;

/** Only web addresses: a `javascript:` or `data:` link in the notice would run in the page. */
export const HTTP_URL_PATTERN = /^https?:\/\/[^\s]+$/i;

/**
 * Line breaks and tabs are text; any other control character is not (it would only hide what readers see).
 * Bidi marks are not control characters here: Arabic and Persian notes may need them.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the pattern exists to find control characters
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/;

export const hasControlCharacters = (text: string): boolean => CONTROL_CHARACTERS.test(text);

/** The longest retention period an operator can set (RETENTION_…_MONTHS): fifty years. */
export const MAX_RETENTION_MONTHS = 600;
