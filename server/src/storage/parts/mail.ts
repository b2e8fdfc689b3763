import type { Locale, MailPreferences } from '@common-ground/shared/api';

/**
 * E-mail: the addresses participants gave (mail_recipients, the only place an address is stored) and the durable
 * outbox (mail_outbox) the sender works through. A recipient is one participant: its id is the participant's id.
 */
export interface MailStore {
  /** The participant's address and choices; null when they gave none. */
  getRecipient(participantId: string): Promise<MailRecipientRecord | null>;
  /**
   * Stores the participant's address and choices as given (insert or update). With a `confirmation` mail, in the
   * same transaction: every mail still queued to the participant is removed (it was meant for the old address or
   * is an older confirmation) and the confirmation is queued. Stores nothing for a removed participant (a request
   * that raced the removal, which forgot the address: PeopleStore.removeParticipant).
   */
  saveRecipient(recipient: MailRecipientRecord, confirmation: NewMail | null): Promise<void>;
  /** Removes the address and every queued mail to it (sent and failed ones stay, for the facilitator's counts). */
  deleteRecipient(participantId: string): Promise<boolean>;
  /**
   * Confirms the address whose confirmation token hashes to `tokenHash`, once: the hash is cleared. Returns the
   * recipient as confirmed, 'expired' when the token was issued before `issuedAfter`, null for an unknown token.
   */
  confirmRecipient(
    tokenHash: string,
    at: number,
    issuedAfter: number,
  ): Promise<MailRecipientRecord | 'expired' | null>;
  /** When a confirmation mail to this address (on any board) was last queued; null = never. */
  lastConfirmationTo(address: string): Promise<number | null>;

  /** Queues a mail; false (and nothing stored) when a mail with the same dedupe key exists already. */
  enqueue(mail: NewMail): Promise<boolean>;
  /**
   * Claims up to `limit` due mails for `worker` until `leaseUntil`, atomically: two workers never hold the same
   * mail. Due = queued, next attempt at or before `now`, no live lease, and a recipient whose address is confirmed
   * (a confirmation mail needs none). Each claim counts as an attempt.
   */
  claimDue(worker: string, now: number, leaseUntil: number, limit: number): Promise<ClaimedMail[]>;
  /** The SMTP server accepted the mail. */
  markSent(id: string, at: number): Promise<void>;
  /** Sending failed: try again at `retryAt`, or (null) give up for good, status 'failed'. */
  markFailed(id: string, error: string, retryAt: number | null, at: number): Promise<void>;
  /** Ends every lease `worker` holds (a clean stop, or a single process starting again after a crash). */
  releaseClaims(worker: string | null): Promise<void>;
  /** The recipient (and board) a mail's unsubscribe token (hash) was issued to; null for an unknown token. */
  recipientOfUnsubscribe(tokenHash: string): Promise<{ participantId: string; boardId: string } | null>;
  /** Counts of the board's mails by status and the failed ones, newest first (at most `limit`). */
  outboxStatus(boardId: string, limit: number): Promise<OutboxStatus>;

  /** The confirmed addresses of one board (`boardId`) or of every board (null), with how far their digest got. */
  listConfirmedRecipients(boardId: string | null): Promise<NotifiableRecipient[]>;
  /** The recipient's digests have covered the board up to `until` (the next one starts there). */
  setDigestUntil(participantId: string, until: number): Promise<void>;
  /**
   * Removes a queued mail whose reason is gone (the organisation answered, the round closed, the choice was
   * turned off): checked when the mail is claimed, so it is dropped rather than sent.
   */
  dropMail(id: string): Promise<void>;
  /**
   * The dedupe keys starting with `prefix` of mails that went out or may be going out right now (sent, or
   * claimed by a sender): who has been told about a meeting, so a change is an update to them and a cancellation
   * reaches only them.
   */
  deliveredKeys(prefix: string): Promise<string[]>;

  /** The sender name the facilitator set for the board's mails; null = none set (the board's title is used). */
  getSenderName(boardId: string): Promise<string | null>;
  /** Sets the board's sender name, or with null removes it (back to the board's title). */
  setSenderName(boardId: string, name: string | null, by: string, at: number): Promise<void>;
  /** The name the board's mails are sent under: the facilitator's, else the board's title; null = no such board. */
  senderNameOf(boardId: string): Promise<string | null>;
}

/** A confirmed recipient as the notifications see it. */
export interface NotifiableRecipient extends MailRecipientRecord {
  /** The end of the period the last digest covered; null = no digest yet. */
  readonly digestUntil: number | null;
}

export interface MailRecipientRecord {
  readonly participantId: string;
  readonly boardId: string;
  readonly address: string;
  readonly confirmedAt: number | null;
  /** Hash of the token in the confirmation link; null once confirmed (a link works once). */
  readonly confirmTokenHash: string | null;
  /** When the last confirmation mail was queued: its link expires, and the next waits (flood limit). */
  readonly confirmSentAt: number | null;
  readonly preferences: MailPreferences;
  readonly language: Locale;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type MailStatus = 'queued' | 'sent' | 'failed';

export interface NewMail {
  readonly id: string;
  readonly boardId: string;
  readonly recipientId: string;
  /** 'confirm', later 'digest', 'round-awaits', …: only 'confirm' goes to an unconfirmed address. */
  readonly kind: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post); never the recipient's address. */
  readonly headers: Readonly<Record<string, string>>;
  /** `<uuid@host>`, fixed at enqueue: a mail sent twice after a crash carries the same one. */
  readonly messageId: string;
  /** Hash of the token in this mail's unsubscribe link. */
  readonly unsubscribeTokenHash: string;
  /** Unique when set: the same reminder is never queued twice. */
  readonly dedupeKey: string | null;
  readonly createdAt: number;
  /** Files sent with the mail (a meeting's .ics), stored with it: a retry sends the very same file. */
  readonly attachments?: readonly MailAttachment[];
  /** Not sent before this (default: at once): an invitation waits a little, so a quick correction replaces it. */
  readonly sendAfter?: number;
}

/** A file attached to a mail; text only (an .ics), so it is stored as it is. */
export interface MailAttachment {
  readonly filename: string;
  /** The full Content-Type, parameters included (`text/calendar; charset=utf-8; method=REQUEST`). */
  readonly contentType: string;
  readonly content: string;
}

/** A mail claimed for sending, with the address it goes to (read from mail_recipients at claim time). */
export interface ClaimedMail extends NewMail {
  readonly address: string;
  /** Attempts including this one. */
  readonly attempts: number;
}

export interface OutboxStatus {
  readonly queued: number;
  readonly sent: number;
  readonly failed: number;
  readonly failures: readonly FailedMailRecord[];
}

export interface FailedMailRecord {
  readonly id: string;
  readonly participantId: string;
  readonly name: string;
  readonly kind: string;
  readonly attempts: number;
  readonly error: string | null;
  readonly at: number;
}
