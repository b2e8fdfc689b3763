import type Database from 'better-sqlite3';
import {
  attachmentsJson,
  CLAIMED_COLUMNS,
  type ClaimedRow,
  type FailedRow,
  type NotifiableRow,
  RECIPIENT_COLUMNS,
  type RecipientRow,
  SENDABLE,
  toClaimed,
  toFailed,
  toNotifiable,
  toRecipient,
} from '../mailRows';
import type {
  ClaimedMail,
  MailRecipientRecord,
  MailStore,
  NewMail,
  NotifiableRecipient,
  OutboxStatus,
} from '../parts/mail';

const recipientParams = (r: MailRecipientRecord) => ({
  participantId: r.participantId,
  boardId: r.boardId,
  address: r.address,
  confirmedAt: r.confirmedAt,
  confirmTokenHash: r.confirmTokenHash,
  confirmSentAt: r.confirmSentAt,
  digest: r.preferences.digest,
  roundAwaits: r.preferences.roundAwaits ? 1 : 0,
  outcomes: r.preferences.outcomes ? 1 : 0,
  invitations: r.preferences.invitations ? 1 : 0,
  minutes: r.preferences.minutes ? 1 : 0,
  language: r.language,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

const mailParams = (m: NewMail) => ({
  id: m.id,
  boardId: m.boardId,
  recipientId: m.recipientId,
  kind: m.kind,
  subject: m.subject,
  text: m.text,
  html: m.html,
  headers: JSON.stringify(m.headers),
  messageId: m.messageId,
  unsubscribeTokenHash: m.unsubscribeTokenHash,
  dedupeKey: m.dedupeKey,
  createdAt: m.createdAt,
  attachments: attachmentsJson(m.attachments),
  sendAfter: m.sendAfter ?? m.createdAt,
});

/**
 * Addresses and the outbox: the part of SqliteStorage behind e-mail. One process owns the file, so a claim is a
 * transaction (select the due mails, lease them) that nothing else can interleave with.
 */
export class SqliteMailStore implements MailStore {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      get: db.prepare<[string], RecipientRow>(
        `SELECT ${RECIPIENT_COLUMNS} FROM mail_recipients WHERE participant_id = ?`,
      ),
      upsert: db.prepare<ReturnType<typeof recipientParams>>(
        `INSERT INTO mail_recipients (${RECIPIENT_COLUMNS})
         VALUES (@participantId, @boardId, @address, @confirmedAt, @confirmTokenHash, @confirmSentAt, @digest,
                 @roundAwaits, @outcomes, @invitations, @language, @createdAt, @updatedAt, @minutes)
         ON CONFLICT (participant_id) DO UPDATE SET
           address = excluded.address, confirmed_at = excluded.confirmed_at,
           confirm_token_hash = excluded.confirm_token_hash, confirm_sent_at = excluded.confirm_sent_at,
           digest = excluded.digest, round_awaits = excluded.round_awaits, outcomes = excluded.outcomes,
           invitations = excluded.invitations, language = excluded.language, updated_at = excluded.updated_at,
           minutes = excluded.minutes`,
      ),
      deleteRecipient: db.prepare<[string]>('DELETE FROM mail_recipients WHERE participant_id = ?'),
      onBoard: db.prepare<[string], { one: number }>(
        'SELECT 1 AS one FROM participants WHERE id = ? AND removed_at IS NULL',
      ),
      dropQueued: db.prepare<[string]>(
        `DELETE FROM mail_outbox WHERE recipient_id = ? AND status = 'queued'`,
      ),
      byConfirmToken: db.prepare<[string], RecipientRow>(
        `SELECT ${RECIPIENT_COLUMNS} FROM mail_recipients WHERE confirm_token_hash = ?`,
      ),
      confirm: db.prepare<[number, number, string]>(
        `UPDATE mail_recipients SET confirmed_at = ?, confirm_token_hash = NULL, updated_at = ?
         WHERE participant_id = ?`,
      ),
      lastConfirmation: db.prepare<[string], { at: number | null }>(
        'SELECT max(confirm_sent_at) AS at FROM mail_recipients WHERE lower(address) = lower(?)',
      ),
      enqueue: db.prepare<ReturnType<typeof mailParams>>(
        `INSERT INTO mail_outbox (id, board_id, recipient_id, kind, subject, text, html, headers, message_id,
           unsubscribe_token_hash, dedupe_key, status, attempts, next_attempt_at, created_at, updated_at, attachments)
         VALUES (@id, @boardId, @recipientId, @kind, @subject, @text, @html, @headers, @messageId,
           @unsubscribeTokenHash, @dedupeKey, 'queued', 0, @sendAfter, @createdAt, @createdAt, @attachments)
         ON CONFLICT DO NOTHING`,
      ),
      due: db.prepare<{ now: number; limit: number }, { id: string }>(
        `SELECT o.id FROM mail_outbox o JOIN mail_recipients r ON r.participant_id = o.recipient_id
         WHERE o.status = 'queued' AND o.next_attempt_at <= @now
           AND (o.claimed_until IS NULL OR o.claimed_until < @now) AND ${SENDABLE}
         ORDER BY o.next_attempt_at, o.created_at LIMIT @limit`,
      ),
      lease: db.prepare<[string, number, number, string]>(
        `UPDATE mail_outbox SET claimed_by = ?, claimed_until = ?, attempts = attempts + 1, updated_at = ?
         WHERE id = ?`,
      ),
      claimed: db.prepare<[string], ClaimedRow>(
        `SELECT ${CLAIMED_COLUMNS} FROM mail_outbox o JOIN mail_recipients r ON r.participant_id = o.recipient_id
         WHERE o.id = ?`,
      ),
      sent: db.prepare<[number, number, string]>(
        `UPDATE mail_outbox SET status = 'sent', sent_at = ?, claimed_by = NULL, claimed_until = NULL,
           last_error = NULL, updated_at = ?
         WHERE id = ? AND status = 'queued'`,
      ),
      failed: db.prepare<{ id: string; error: string; retryAt: number | null; at: number }>(
        `UPDATE mail_outbox SET
           status = CASE WHEN @retryAt IS NULL THEN 'failed' ELSE 'queued' END,
           next_attempt_at = coalesce(@retryAt, next_attempt_at),
           claimed_by = NULL, claimed_until = NULL, last_error = @error, updated_at = @at
         WHERE id = @id AND status = 'queued'`,
      ),
      releaseOf: db.prepare<[string]>(
        `UPDATE mail_outbox SET claimed_by = NULL, claimed_until = NULL
         WHERE claimed_by = ? AND status = 'queued'`,
      ),
      releaseAll: db.prepare(
        `UPDATE mail_outbox SET claimed_by = NULL, claimed_until = NULL
         WHERE claimed_by IS NOT NULL AND status = 'queued'`,
      ),
      unsubscribe: db.prepare<[string], { recipient_id: string; board_id: string }>(
        'SELECT recipient_id, board_id FROM mail_outbox WHERE unsubscribe_token_hash = ?',
      ),
      counts: db.prepare<[string], { status: string; count: number }>(
        'SELECT status, count(*) AS count FROM mail_outbox WHERE board_id = ? GROUP BY status',
      ),
      failures: db.prepare<[string, number], FailedRow>(
        `SELECT o.id, o.recipient_id, p.name, o.kind, o.attempts, o.last_error, o.updated_at
         FROM mail_outbox o JOIN participants p ON p.id = o.recipient_id
         WHERE o.board_id = ? AND o.status = 'failed' ORDER BY o.updated_at DESC, o.id LIMIT ?`,
      ),
      confirmedOf: db.prepare<{ board: string | null }, NotifiableRow>(
        `SELECT ${RECIPIENT_COLUMNS}, digest_until FROM mail_recipients
         WHERE confirmed_at IS NOT NULL AND (@board IS NULL OR board_id = @board) ORDER BY created_at, participant_id`,
      ),
      digestUntil: db.prepare<[number, string]>(
        'UPDATE mail_recipients SET digest_until = max(coalesce(digest_until, 0), ?) WHERE participant_id = ?',
      ),
      drop: db.prepare<[string]>(`DELETE FROM mail_outbox WHERE id = ? AND status = 'queued'`),
      senderName: db.prepare<[string], { name: string }>('SELECT name FROM mail_senders WHERE board_id = ?'),
      setSenderName: db.prepare<[string, string, string, number]>(
        `INSERT INTO mail_senders (board_id, name, updated_by, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (board_id) DO UPDATE SET
           name = excluded.name, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      ),
      deleteSenderName: db.prepare<[string]>('DELETE FROM mail_senders WHERE board_id = ?'),
      senderNameOf: db.prepare<[string], { name: string }>(
        `SELECT coalesce(s.name, b.title) AS name FROM boards b LEFT JOIN mail_senders s ON s.board_id = b.id
         WHERE b.id = ?`,
      ),
      delivered: db.prepare<{ prefix: string }, { dedupe_key: string }>(
        `SELECT dedupe_key FROM mail_outbox
         WHERE substr(dedupe_key, 1, length(@prefix)) = @prefix
           AND (status = 'sent' OR (status = 'queued' AND claimed_by IS NOT NULL))`,
      ),
    };
  }

  async getRecipient(participantId: string): Promise<MailRecipientRecord | null> {
    const row = this.statements.get.get(participantId);
    return row ? toRecipient(row) : null;
  }

  async saveRecipient(recipient: MailRecipientRecord, confirmation: NewMail | null): Promise<void> {
    this.db.transaction(() => {
      // A request that began before its participant was removed stores nothing: the removal forgot the address.
      if (!this.statements.onBoard.get(recipient.participantId)) return;
      this.statements.upsert.run(recipientParams(recipient));
      if (!confirmation) return;
      this.statements.dropQueued.run(recipient.participantId);
      this.statements.enqueue.run(mailParams(confirmation));
    })();
  }

  async deleteRecipient(participantId: string): Promise<boolean> {
    return this.db.transaction(() => {
      this.statements.dropQueued.run(participantId);
      return this.statements.deleteRecipient.run(participantId).changes > 0;
    })();
  }

  async confirmRecipient(
    tokenHash: string,
    at: number,
    issuedAfter: number,
  ): Promise<MailRecipientRecord | 'expired' | null> {
    return this.db.transaction(() => {
      const row = this.statements.byConfirmToken.get(tokenHash);
      if (!row) return null;
      if ((row.confirm_sent_at ?? 0) < issuedAfter) return 'expired';
      this.statements.confirm.run(at, at, row.participant_id);
      return toRecipient({ ...row, confirmed_at: at, confirm_token_hash: null, updated_at: at });
    })();
  }

  async lastConfirmationTo(address: string): Promise<number | null> {
    return this.statements.lastConfirmation.get(address)?.at ?? null;
  }

  async enqueue(mail: NewMail): Promise<boolean> {
    return this.statements.enqueue.run(mailParams(mail)).changes > 0;
  }

  async claimDue(worker: string, now: number, leaseUntil: number, limit: number): Promise<ClaimedMail[]> {
    return this.db.transaction(() =>
      this.statements.due.all({ now, limit }).flatMap(({ id }) => {
        this.statements.lease.run(worker, leaseUntil, now, id);
        const row = this.statements.claimed.get(id);
        return row ? [toClaimed(row)] : [];
      }),
    )();
  }

  async markSent(id: string, at: number): Promise<void> {
    this.statements.sent.run(at, at, id);
  }

  async markFailed(id: string, error: string, retryAt: number | null, at: number): Promise<void> {
    this.statements.failed.run({ id, error, retryAt, at });
  }

  async releaseClaims(worker: string | null): Promise<void> {
    if (worker === null) this.statements.releaseAll.run();
    else this.statements.releaseOf.run(worker);
  }

  async recipientOfUnsubscribe(
    tokenHash: string,
  ): Promise<{ participantId: string; boardId: string } | null> {
    const row = this.statements.unsubscribe.get(tokenHash);
    return row ? { participantId: row.recipient_id, boardId: row.board_id } : null;
  }

  async outboxStatus(boardId: string, limit: number): Promise<OutboxStatus> {
    const counts = new Map(this.statements.counts.all(boardId).map((row) => [row.status, row.count]));
    return {
      queued: counts.get('queued') ?? 0,
      sent: counts.get('sent') ?? 0,
      failed: counts.get('failed') ?? 0,
      failures: this.statements.failures.all(boardId, limit).map(toFailed),
    };
  }

  async listConfirmedRecipients(boardId: string | null): Promise<NotifiableRecipient[]> {
    return this.statements.confirmedOf.all({ board: boardId }).map(toNotifiable);
  }

  async setDigestUntil(participantId: string, until: number): Promise<void> {
    this.statements.digestUntil.run(until, participantId);
  }

  async dropMail(id: string): Promise<void> {
    this.statements.drop.run(id);
  }

  async deliveredKeys(prefix: string): Promise<string[]> {
    return this.statements.delivered.all({ prefix }).map((row) => row.dedupe_key);
  }

  async getSenderName(boardId: string): Promise<string | null> {
    return this.statements.senderName.get(boardId)?.name ?? null;
  }

  async setSenderName(boardId: string, name: string | null, by: string, at: number): Promise<void> {
    if (name === null) this.statements.deleteSenderName.run(boardId);
    else this.statements.setSenderName.run(boardId, name, by, at);
  }

  async senderNameOf(boardId: string): Promise<string | null> {
    return this.statements.senderNameOf.get(boardId)?.name ?? null;
  }
}
