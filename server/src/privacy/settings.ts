import fs from 'node:fs';
import {
  isLocale,
  type Locale,
  MAX_PRIVACY_NOTICE_CHARS,
  type PrivacyInfoResponse,
} from '@common-ground/shared/api';

/**
 * What the operator (the controller under DSGVO Art. 13) configures for the privacy notice, the imprint and the
 * accessibility statement (README "Configuration"). Missing values stay null: the client shows a visible
 * placeholder for them, and the server never makes one up.
 */
/** The operator's settings; the retention period comes from RETENTION_INACTIVE_MONTHS (config.retention). */
export type PrivacyConfig = Omit<PrivacyInfoResponse, 'retentionMonths'>;

export const NO_PRIVACY_SETTINGS: PrivacyConfig = {
  operatorName: null,
  operatorContact: null,
  dpoContact: null,
  imprintUrl: null,
  accessibilityUrl: null,
  accessibilityContact: null,
  notices: {},
};

/**
 * Reads PRIVACY_NOTICE_FILE: a JSON object `{ "<locale>": "<text>" }` whose texts replace the default notice in
 * those languages. Throws a configuration error naming the file for anything else, so a typo stops the start
 * instead of silently showing the default text.
 */
export function readNoticeFile(file: string): Partial<Record<Locale, string>> {
  const fail = (why: string): never => {
    throw new Error(`Invalid configuration: PRIVACY_NOTICE_FILE (${file}): ${why}`);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return fail(error instanceof SyntaxError ? `not JSON (${error.message})` : 'cannot be read');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return fail('expected an object { "<language>": "<text>" }');
  }
  const notices: Partial<Record<Locale, string>> = {};
  for (const [locale, text] of Object.entries(parsed)) {
    if (!isLocale(locale)) fail(`"${locale.slice(0, 20)}" is not one of the UI languages`);
    if (typeof text !== 'string' || text.trim() === '')
      fail(`the text for "${locale}" must be a non-empty string`);
    const trimmed = String(text).trim();
    if (trimmed.length > MAX_PRIVACY_NOTICE_CHARS) {
      fail(`the text for "${locale}" is longer than ${MAX_PRIVACY_NOTICE_CHARS} characters`);
    }
    notices[locale as Locale] = trimmed;
  }
  return notices;
}

/**
 * What the operator still has to fill in, as one line for the start-up log; null when the controller is named.
 * Without OPERATOR_NAME and OPERATOR_CONTACT the join page tells people nobody they could turn to.
 */
export function privacySettingsGap(settings: PrivacyConfig): string | null {
  const missing = [
    settings.operatorName === null && 'OPERATOR_NAME',
    settings.operatorContact === null && 'OPERATOR_CONTACT',
  ].filter((name): name is string => name !== false);
  if (missing.length === 0) return null;
  const links = [
    settings.imprintUrl === null && 'IMPRINT_URL',
    settings.accessibilityUrl === null && 'ACCESSIBILITY_URL',
  ].filter((name): name is string => name !== false);
  return (
    `The privacy notice names no controller: set ${missing.join(' and ')}` +
    `${links.length > 0 ? ` (and ${links.join(', ')})` : ''}. ` +
    'Until then the join page shows placeholders such as "[Name des Trägers eintragen]" (see docs/privacy.md).'
  );
}
