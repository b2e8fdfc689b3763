import { EmailAddressSchema, type FailedMail, MAX_EMAIL_CHARS } from '@common-ground/shared/api';
import type { MessageKey } from '../i18n/catalogues';

/** What is wrong with an address as typed, before anything goes to the server; null = fine to send. */
export function addressProblem(raw: string): MessageKey | null {
  const address = raw.trim();
  if (address === '') return 'mail.addressEmpty';
  if (address.length > MAX_EMAIL_CHARS) return 'mail.addressTooLong';
  // A line break could smuggle a header in; the schema refuses it, but say so before even asking the server.
  if (/[\r\n]/.test(address) || !EmailAddressSchema.safeParse(address).success) return 'mail.addressInvalid';
  return null;
}

/**
 * Why a mail did not arrive, in plain words for the facilitator. The server stores the mail server's own reply
 * (addresses already removed); the common causes are recognised, anything else is "could not be delivered".
 */
export function failureReasonKey(error: string | null): MessageKey {
  if (error === null || error.trim() === '') return 'mailStatus.reasonUnknown';
  if (/\b(EAUTH|535|authentication|auth)\b/i.test(error)) return 'mailStatus.reasonLogin';
  if (/recipient|RCPT|mailbox|user unknown|no such user|\b55[0-3]\b/i.test(error)) {
    return 'mailStatus.reasonRefused';
  }
  if (
    /ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|ESOCKET|ECONNECTION|timeout|greeting|connect/i.test(
      error,
    )
  ) {
    return 'mailStatus.reasonUnreachable';
  }
  return 'mailStatus.reasonOther';
}

/** What kind of mail it was, in the words of the e-mail dialog; a kind this client does not know is "a mail". */
export function mailKindKey(kind: FailedMail['kind']): MessageKey {
  if (kind === 'confirm') return 'mailStatus.kindConfirm';
  if (kind === 'digest') return 'mailStatus.kindDigest';
  // Before "round": the server's outcome notice is `round-outcome`, its reminders `round-awaits`/`round-reminder`.
  if (kind.includes('outcome')) return 'mailStatus.kindOutcome';
  if (kind.startsWith('round')) return 'mailStatus.kindRound';
  if (kind.includes('invitation') || kind.includes('meeting')) return 'mailStatus.kindInvitation';
  if (kind.includes('minutes')) return 'mailStatus.kindMinutes';
  return 'mailStatus.kindOther';
}
