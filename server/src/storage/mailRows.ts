import { isLocale } from '@common-ground/shared/api';
import type {
  ClaimedMail,
  FailedMailRecord,
  MailAttachment,
  MailRecipientRecord,
  NotifiableRecipient,
} from './parts/mail';

/** The columns of mail_recipients both engines read, in one place. */
export const RECIPIENT_COLUMNS = `participant_id, board_id, address, confirmed_at, confirm_token_hash,
  confirm_sent_at, digest, round_awaits, outcomes, invitations, language, created_at, updated_at, minutes`;

/** A mail_recipients row; the booleans are 0/1 in SQLite and booleans in PostgreSQL. */
export interface RecipientRow {
  readonly participant_id: string;
  readonly board_id: string;
  readonly address: string;
  readonly confirmed_at: number | null;
  readonly confirm_token_hash: string | null;
  readonly confirm_sent_at: number | null;
  readonly digest: string;
  readonly round_awaits: number | boolean;
  readonly outcomes: number | boolean;
  readonly invitations: number | boolean;
  /** Added later with default on (see the migrations): a row from before reads as "send minutes". */
  readonly minutes: number | boolean;
  readonly language: string;
  readonly created_at: number;
  readonly updated_at: number;
}

const digestOf = (value: string): MailRecipientRecord['preferences']['digest'] =>
  value === 'daily' || value === 'weekly' ? value : 'off';

export function toRecipient(row: RecipientRow): MailRecipientRecord {
  return {
    participantId: row.participant_id,
    boardId: row.board_id,
    address: row.address,
    confirmedAt: row.confirmed_at,
    confirmTokenHash: row.confirm_token_hash,
    confirmSentAt: row.confirm_sent_at,
    preferences: {
      digest: digestOf(row.digest),
      roundAwaits: Boolean(row.round_awaits),
      outcomes: Boolean(row.outcomes),
      invitations: Boolean(row.invitations),
      minutes: Boolean(row.minutes),
    },
    language: isLocale(row.language) ? row.language : 'de',
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A recipient row with the end of its last digest's period (listConfirmedRecipients). */
export interface NotifiableRow extends RecipientRow {
  readonly digest_until: number | null;
}

export const toNotifiable = (row: NotifiableRow): NotifiableRecipient => ({
  ...toRecipient(row),
  digestUntil: row.digest_until,
});

/** The columns of a claimed mail: the outbox row and its recipient's address (`o` and `r`). */
export const CLAIMED_COLUMNS = `o.id, o.board_id, o.recipient_id, o.kind, o.subject, o.text, o.html, o.headers,
  o.message_id, o.unsubscribe_token_hash, o.dedupe_key, o.created_at, o.attempts, o.attachments, r.address`;

export interface ClaimedRow {
  readonly id: string;
  readonly board_id: string;
  readonly recipient_id: string;
  readonly kind: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** JSON text in SQLite, already parsed (JSONB) in PostgreSQL. */
  readonly headers: string | Record<string, unknown>;
  readonly message_id: string;
  readonly unsubscribe_token_hash: string;
  readonly dedupe_key: string | null;
  readonly created_at: number;
  readonly attempts: number;
  /** JSON text in SQLite, already parsed (JSONB) in PostgreSQL. */
  readonly attachments: string | unknown[];
  readonly address: string;
}

function headersOf(value: string | Record<string, unknown>): Record<string, string> {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (typeof parsed !== 'object' || parsed === null) return {};
  return Object.fromEntries(
    Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function attachmentsOf(value: string | unknown[]): MailAttachment[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((item: unknown) => {
    if (typeof item !== 'object' || item === null) return [];
    const { filename, contentType, content } = item as Record<string, unknown>;
    return typeof filename === 'string' && typeof contentType === 'string' && typeof content === 'string'
      ? [{ filename, contentType, content }]
      : [];
  });
}

/** The outbox's attachments column: a JSON array (an empty one for a mail without files). */
export const attachmentsJson = (attachments: readonly MailAttachment[] | undefined): string =>
  JSON.stringify(attachments ?? []);

export function toClaimed(row: ClaimedRow): ClaimedMail {
  const attachments = attachmentsOf(row.attachments);
  return {
    id: row.id,
    boardId: row.board_id,
    recipientId: row.recipient_id,
    kind: row.kind,
    subject: row.subject,
    text: row.text,
    html: row.html,
    headers: headersOf(row.headers),
    messageId: row.message_id,
    unsubscribeTokenHash: row.unsubscribe_token_hash,
    dedupeKey: row.dedupe_key,
    createdAt: row.created_at,
    attempts: row.attempts,
    // As queued: a mail without files has no attachments field (see NewMail).
    ...(attachments.length > 0 ? { attachments } : {}),
    address: row.address,
  };
}

export interface FailedRow {
  readonly id: string;
  readonly recipient_id: string;
  readonly name: string;
  readonly kind: string;
  readonly attempts: number;
  readonly last_error: string | null;
  readonly updated_at: number;
}

export const toFailed = (row: FailedRow): FailedMailRecord => ({
  id: row.id,
  participantId: row.recipient_id,
  name: row.name,
  kind: row.kind,
  attempts: row.attempts,
  error: row.last_error,
  at: row.updated_at,
});

/**
 * Which queued mails may go out: a live recipient, and a confirmed address unless the mail is the confirmation.
 * Shared by both engines' claim statements (`o` the outbox, `r` the recipient).
 */
export const SENDABLE = `(o.kind = 'confirm' OR r.confirmed_at IS NOT NULL)`;
