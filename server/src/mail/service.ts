import {
  DEFAULT_MAIL_PREFERENCES,
  type Locale,
  type MailSenderRequest,
  type MailSettingsRequest,
  type MailSettingsResponse,
  type MailStatusResponse,
} from '@common-ground/shared/api';
import { hashToken, newToken } from '../auth/secrets';
import { TokenBuckets } from '../http/rateLimit';
import type { Logger } from '../log';
import type { MailRecipientRecord, ParticipantRecord, Storage } from '../storage/types';
import { CONFIRM_VALID_DAYS, composeConfirmation } from './compose';
import type { OutboxSender } from './sender';

/** One confirmation mail per address per this interval, whoever asks for it, on whichever board. */
export const CONFIRM_INTERVAL_MS = 10 * 60_000;
/** Confirmation mails one participant may cause per hour (typos fixed, a second address tried). */
export const CONFIRMS_PER_HOUR = 5;
const CONFIRM_VALID_MS = CONFIRM_VALID_DAYS * 24 * 60 * 60_000;
/** Failed mails the facilitator's status lists. */
const FAILURES_LISTED = 50;

/** Tokens we hand out are 32 random bytes in base64url; anything else is not looked up at all. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export type ChangeOutcome =
  | { readonly ok: true; readonly settings: MailSettingsResponse }
  | { readonly ok: false; readonly reason: 'unavailable' }
  | { readonly ok: false; readonly reason: 'too_soon'; readonly retryAfterSeconds: number };

/** What a confirmation or unsubscribe link found, for the page it opens. */
export type LinkOutcome =
  | { readonly outcome: 'invalid' | 'expired' }
  | {
      readonly outcome: 'confirmed' | 'unsubscribe' | 'unsubscribed';
      readonly boardId: string;
      readonly boardTitle: string;
      readonly locale: Locale | null;
    };

export interface MailServiceOptions {
  readonly storage: Storage;
  /** Null when SMTP_URL is unset: no address is taken and nothing is queued. */
  readonly sender: OutboxSender | null;
  readonly now: () => number;
  readonly log: Logger;
}

/**
 * A participant's address and choices, the double opt-in and unsubscribing: everything about e-mail a request
 * does. It only ever queues (the outbox); sending is the OutboxSender's, outside every request.
 */
export class MailService {
  private readonly confirmsPerParticipant: TokenBuckets;

  constructor(private readonly options: MailServiceOptions) {
    this.confirmsPerParticipant = new TokenBuckets(CONFIRMS_PER_HOUR, options.now, 60 * 60_000);
  }

  get available(): boolean {
    return this.options.sender !== null;
  }

  async settings(me: ParticipantRecord): Promise<MailSettingsResponse> {
    return this.present(await this.options.storage.mail.getRecipient(me.id));
  }

  /**
   * Sets the address and choices. A new or changed address, or an unconfirmed one asked for again, gets a
   * confirmation mail, unless one went to that address within CONFIRM_INTERVAL_MS or the participant caused too
   * many (then nothing changes and the caller says when to try again).
   */
  async change(me: ParticipantRecord, request: MailSettingsRequest, origin: string): Promise<ChangeOutcome> {
    const { storage, now, sender } = this.options;
    if (!sender) return { ok: false, reason: 'unavailable' };
    const at = now();
    const existing = await storage.mail.getRecipient(me.id);
    const preferences = request.preferences ?? existing?.preferences ?? DEFAULT_MAIL_PREFERENCES;
    const language = request.language ?? existing?.language ?? 'de';
    const changedAddress = existing?.address !== request.address;
    if (existing && !changedAddress && (existing.confirmedAt !== null || this.recentlyAsked(existing, at))) {
      // Same address, confirmed already or its confirmation just sent: only the choices change.
      const kept: MailRecipientRecord = { ...existing, preferences, language, updatedAt: at };
      await storage.mail.saveRecipient(kept, null);
      return { ok: true, settings: this.present(kept) };
    }
    const last = await storage.mail.lastConfirmationTo(request.address);
    if (last !== null && at - last < CONFIRM_INTERVAL_MS) {
      return {
        ok: false,
        reason: 'too_soon',
        retryAfterSeconds: Math.ceil((last + CONFIRM_INTERVAL_MS - at) / 1000),
      };
    }
    const wait = this.confirmsPerParticipant.take(me.id);
    if (wait > 0) return { ok: false, reason: 'too_soon', retryAfterSeconds: wait };
    const board = await storage.accounts.getBoard(me.boardId);
    const token = newToken();
    const recipient: MailRecipientRecord = {
      participantId: me.id,
      boardId: me.boardId,
      address: request.address,
      confirmedAt: null,
      confirmTokenHash: hashToken(token),
      confirmSentAt: at,
      preferences,
      language,
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
    };
    const confirmation = composeConfirmation({
      boardId: me.boardId,
      boardTitle: board?.title ?? '',
      recipientId: me.id,
      name: me.name,
      locale: language,
      origin,
      confirmToken: token,
      now: at,
    });
    await storage.mail.saveRecipient(recipient, confirmation);
    sender.wake();
    return { ok: true, settings: this.present(recipient) };
  }

  /** Removes the address and every mail still queued to it. */
  async remove(me: ParticipantRecord): Promise<void> {
    await this.options.storage.mail.deleteRecipient(me.id);
  }

  /** The confirmation link: confirms once; a used, unknown or malformed token is 'invalid'. */
  async confirm(token: string | null): Promise<LinkOutcome> {
    if (token === null || !TOKEN.test(token)) return { outcome: 'invalid' };
    const at = this.options.now();
    const confirmed = await this.options.storage.mail.confirmRecipient(
      hashToken(token),
      at,
      at - CONFIRM_VALID_MS,
    );
    if (confirmed === null || confirmed === 'expired') return { outcome: confirmed ?? 'invalid' };
    this.options.sender?.wake();
    return this.linkOutcome('confirmed', confirmed.boardId, confirmed.language);
  }

  /**
   * An unsubscribe link. `apply` false only looks (the page with its button), true unsubscribes: the address and
   * its queued mails are removed. Idempotent: once removed, the same link answers 'unsubscribed' again.
   */
  async unsubscribe(token: string | null, apply: boolean): Promise<LinkOutcome> {
    if (token === null || !TOKEN.test(token)) return { outcome: 'invalid' };
    const { storage } = this.options;
    const issued = await storage.mail.recipientOfUnsubscribe(hashToken(token));
    if (issued === null) return { outcome: 'invalid' };
    const { participantId, boardId } = issued;
    const recipient = await storage.mail.getRecipient(participantId);
    if (!recipient) return this.linkOutcome('unsubscribed', boardId, null);
    if (!apply) return this.linkOutcome('unsubscribe', boardId, recipient.language);
    await storage.mail.deleteRecipient(participantId);
    this.options.log.info('mail address unsubscribed', { participantId });
    return this.linkOutcome('unsubscribed', boardId, recipient.language);
  }

  /** The facilitator's view of the board's outbox: counts, and who did not get a mail and why (no addresses). */
  async status(boardId: string): Promise<MailStatusResponse> {
    const { storage } = this.options;
    const [outbox, senderName, board] = await Promise.all([
      storage.mail.outboxStatus(boardId, FAILURES_LISTED),
      storage.mail.getSenderName(boardId),
      storage.accounts.getBoard(boardId),
    ]);
    return {
      available: this.available,
      senderName,
      defaultSenderName: board?.title ?? '',
      queued: outbox.queued,
      sent: outbox.sent,
      failed: outbox.failed,
      failures: outbox.failures.map((f) => ({ ...f })),
    };
  }

  /**
   * The facilitator sets the name the board's mails are sent under (null: the board's title again). Mails still
   * in the outbox go out under the new name: it is read when a mail is sent.
   */
  async setSenderName(me: ParticipantRecord, request: MailSenderRequest): Promise<MailStatusResponse> {
    await this.options.storage.mail.setSenderName(me.boardId, request.name, me.id, this.options.now());
    this.options.log.info('mail sender name changed', { boardId: me.boardId, reset: request.name === null });
    return this.status(me.boardId);
  }

  private recentlyAsked(recipient: MailRecipientRecord, at: number): boolean {
    return recipient.confirmSentAt !== null && at - recipient.confirmSentAt < CONFIRM_INTERVAL_MS;
  }

  private async linkOutcome(
    outcome: 'confirmed' | 'unsubscribe' | 'unsubscribed',
    boardId: string,
    locale: Locale | null,
  ): Promise<LinkOutcome> {
    const board = boardId ? await this.options.storage.accounts.getBoard(boardId) : null;
    return { outcome, boardId, boardTitle: board?.title ?? '', locale };
  }

  private present(recipient: MailRecipientRecord | null): MailSettingsResponse {
    return {
      available: this.available,
      status: recipient === null ? 'none' : recipient.confirmedAt === null ? 'pending' : 'confirmed',
      address: recipient?.address ?? null,
      preferences: recipient?.preferences ?? DEFAULT_MAIL_PREFERENCES,
      language: recipient?.language ?? 'de',
      confirmationSentAt: recipient && recipient.confirmedAt === null ? recipient.confirmSentAt : null,
    };
  }
}
