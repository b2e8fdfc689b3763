/** Why a send failed, and whether trying again could help. */
export interface SendFailure {
  readonly message: string;
  /** The SMTP server refused the recipient for good (5xx to RCPT TO): retrying sends nothing either. */
  readonly permanent: boolean;
}

// Anything shaped like an address: the facilitator sees errors, and addresses stay in mail_recipients.
const ADDRESS = /[^\s<>"'@]+@[^\s<>"'@]+/g;

/** A send error as the outbox stores it: short, without addresses, and whether it is final. */
export function describeFailure(error: unknown): SendFailure {
  const details = (error ?? {}) as { message?: unknown; responseCode?: unknown; command?: unknown };
  const raw = typeof details.message === 'string' ? details.message : String(error);
  const message = raw.replace(ADDRESS, '…').replace(/\s+/g, ' ').trim().slice(0, 300);
  const code = typeof details.responseCode === 'number' ? details.responseCode : 0;
  return { message, permanent: code >= 500 && code < 600 && details.command === 'RCPT TO' };
}
