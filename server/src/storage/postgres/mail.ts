import type { Pool } from 'pg';
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
import { findOne, inTransaction, type Queryable } from './db';

const ENQUEUE = `INSERT INTO mail_outbox (id, board_id, recipient_id, kind, subject, text, html, headers, message_id,
    unsubscribe_token_hash, dedupe_key, status, attempts, next_attempt_at, created_at, updated_at, attachments)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'queued', 0, $13, $12, $12, $14)
  ON CONFLICT DO NOTHING`;

const enqueueParams = (m: NewMail): unknown[] => [
  m.id,
  m.boardId,
  m.recipientId,
  m.kind,
  m.subject,
  m.text,
  m.html,
  JSON.stringify(m.headers),
  m.messageId,
  m.unsubscribeTokenHash,
  m.dedupeKey,
  m.createdAt,
  m.sendAfter ?? m.createdAt,
  attachmentsJson(m.attachments),
];

const DROP_QUEUED = `DELETE FROM mail_outbox WHERE recipient_id = $1 AND status = 'queued'`;

/**
 * Addresses and the outbox on PostgreSQL, where several instances share one outbox: a claim is one statement
 * whose FOR UPDATE SKIP LOCKED lets instances claiming at the same moment take different mails instead of
 * waiting for, or doubling, each other's.
 */
export class PostgresMailStore implements MailStore {
  constructor(private readonly pool: Pool) {}

  getRecipient(participantId: string): Promise<MailRecipientRecord | null> {
    return findOne<RecipientRow, MailRecipientRecord>(
      this.pool,
      `SELECT ${RECIPIENT_COLUMNS} FROM mail_recipients WHERE participant_id = $1`,
      [participantId],
      toRecipient,
    );
  }

  async saveRecipient(r: MailRecipientRecord, confirmation: NewMail | null): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      // A request that began before its participant was removed stores nothing: the removal forgot the address.
      // FOR SHARE waits for a removal under way (its UPDATE of the row) and then sees it.
      const { rowCount } = await client.query(
        'SELECT 1 FROM participants WHERE id = $1 AND removed_at IS NULL FOR SHARE',
        [r.participantId],
      );
      if (!rowCount) return;
      await this.upsert(client, r);
      if (!confirmation) return;
      await client.query(DROP_QUEUED, [r.participantId]);
      await client.query(ENQUEUE, enqueueParams(confirmation));
    });
  }

  private async upsert(db: Queryable, r: MailRecipientRecord): Promise<void> {
    await db.query(
      `INSERT INTO mail_recipients (${RECIPIENT_COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (participant_id) DO UPDATE SET
         address = excluded.address, confirmed_at = excluded.confirmed_at,
         confirm_token_hash = excluded.confirm_token_hash, confirm_sent_at = excluded.confirm_sent_at,
         digest = excluded.digest, round_awaits = excluded.round_awaits, outcomes = excluded.outcomes,
         invitations = excluded.invitations, language = excluded.language, updated_at = excluded.updated_at,
         minutes = excluded.minutes`,
      [
        r.participantId,
        r.boardId,
        r.address,
        r.confirmedAt,
        r.confirmTokenHash,
        r.confirmSentAt,
        r.preferences.digest,
        r.preferences.roundAwaits,
        r.preferences.outcomes,
        r.preferences.invitations,
        r.language,
        r.createdAt,
        r.updatedAt,
        r.preferences.minutes,
      ],
    );
  }

  async deleteRecipient(participantId: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      await client.query(DROP_QUEUED, [participantId]);
      const { rowCount } = await client.query('DELETE FROM mail_recipients WHERE participant_id = $1', [
        participantId,
      ]);
      return (rowCount ?? 0) > 0;
    });
  }

  async confirmRecipient(
    tokenHash: string,
    at: number,
    issuedAfter: number,
  ): Promise<MailRecipientRecord | 'expired' | null> {
    // One statement: of two clicks at once, one confirms and the other finds the token gone.
    const confirmed = await findOne<RecipientRow, MailRecipientRecord>(
      this.pool,
      `UPDATE mail_recipients SET confirmed_at = $2, confirm_token_hash = NULL, updated_at = $2
       WHERE confirm_token_hash = $1 AND confirm_sent_at >= $3
       RETURNING ${RECIPIENT_COLUMNS}`,
      [tokenHash, at, issuedAfter],
      toRecipient,
    );
    if (confirmed) return confirmed;
    const { rowCount } = await this.pool.query(
      'SELECT 1 FROM mail_recipients WHERE confirm_token_hash = $1',
      [tokenHash],
    );
    return (rowCount ?? 0) > 0 ? 'expired' : null;
  }

  async lastConfirmationTo(address: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ at: number | null }>(
      'SELECT max(confirm_sent_at) AS at FROM mail_recipients WHERE lower(address) = lower($1)',
      [address],
    );
    return rows[0]?.at ?? null;
  }

  async enqueue(mail: NewMail): Promise<boolean> {
    const { rowCount } = await this.pool.query(ENQUEUE, enqueueParams(mail));
    return (rowCount ?? 0) > 0;
  }

  async claimDue(worker: string, now: number, leaseUntil: number, limit: number): Promise<ClaimedMail[]> {
    const { rows } = await this.pool.query<ClaimedRow>(
      `WITH due AS (
         SELECT o.id FROM mail_outbox o JOIN mail_recipients r ON r.participant_id = o.recipient_id
         WHERE o.status = 'queued' AND o.next_attempt_at <= $2
           AND (o.claimed_until IS NULL OR o.claimed_until < $2) AND ${SENDABLE}
         ORDER BY o.next_attempt_at, o.created_at
         LIMIT $4
         FOR UPDATE OF o SKIP LOCKED
       )
       UPDATE mail_outbox o SET claimed_by = $1, claimed_until = $3, attempts = o.attempts + 1, updated_at = $2
       FROM due, mail_recipients r
       WHERE o.id = due.id AND r.participant_id = o.recipient_id
       RETURNING ${CLAIMED_COLUMNS}`,
      [worker, now, leaseUntil, limit],
    );
    return rows.map(toClaimed);
  }

  async markSent(id: string, at: number): Promise<void> {
    await this.pool.query(
      `UPDATE mail_outbox SET status = 'sent', sent_at = $2, claimed_by = NULL, claimed_until = NULL,
         last_error = NULL, updated_at = $2
       WHERE id = $1 AND status = 'queued'`,
      [id, at],
    );
  }

  async markFailed(id: string, error: string, retryAt: number | null, at: number): Promise<void> {
    await this.pool.query(
      `UPDATE mail_outbox SET
         status = CASE WHEN $3::bigint IS NULL THEN 'failed' ELSE 'queued' END,
         next_attempt_at = coalesce($3::bigint, next_attempt_at),
         claimed_by = NULL, claimed_until = NULL, last_error = $2, updated_at = $4
       WHERE id = $1 AND status = 'queued'`,
      [id, error, retryAt, at],
    );
  }

  async releaseClaims(worker: string | null): Promise<void> {
    await this.pool.query(
      `UPDATE mail_outbox SET claimed_by = NULL, claimed_until = NULL
       WHERE claimed_by IS NOT NULL AND ($1::text IS NULL OR claimed_by = $1) AND status = 'queued'`,
      [worker],
    );
  }

  async recipientOfUnsubscribe(
    tokenHash: string,
  ): Promise<{ participantId: string; boardId: string } | null> {
    const { rows } = await this.pool.query<{ recipient_id: string; board_id: string }>(
      'SELECT recipient_id, board_id FROM mail_outbox WHERE unsubscribe_token_hash = $1',
      [tokenHash],
    );
    const row = rows[0];
    return row ? { participantId: row.recipient_id, boardId: row.board_id } : null;
  }

  async outboxStatus(boardId: string, limit: number): Promise<OutboxStatus> {
    const [counts, failures] = await Promise.all([
      this.pool.query<{ status: string; count: number }>(
        'SELECT status, count(*)::int AS count FROM mail_outbox WHERE board_id = $1 GROUP BY status',
        [boardId],
      ),
      this.pool.query<FailedRow>(
        `SELECT o.id, o.recipient_id, p.name, o.kind, o.attempts, o.last_error, o.updated_at
         FROM mail_outbox o JOIN participants p ON p.id = o.recipient_id
         WHERE o.board_id = $1 AND o.status = 'failed' ORDER BY o.updated_at DESC, o.id LIMIT $2`,
        [boardId, limit],
      ),
    ]);
    const count = new Map(counts.rows.map((row) => [row.status, row.count]));
    return {
      queued: count.get('queued') ?? 0,
      sent: count.get('sent') ?? 0,
      failed: count.get('failed') ?? 0,
      failures: failures.rows.map(toFailed),
    };
  }

  async listConfirmedRecipients(boardId: string | null): Promise<NotifiableRecipient[]> {
    const { rows } = await this.pool.query<NotifiableRow>(
      `SELECT ${RECIPIENT_COLUMNS}, digest_until FROM mail_recipients
       WHERE confirmed_at IS NOT NULL AND ($1::text IS NULL OR board_id = $1) ORDER BY created_at, participant_id`,
      [boardId],
    );
    return rows.map(toNotifiable);
  }

  async setDigestUntil(participantId: string, until: number): Promise<void> {
    // Never backwards: two instances finishing the same digest write the same value, an older one changes nothing.
    await this.pool.query(
      `UPDATE mail_recipients SET digest_until = greatest(coalesce(digest_until, 0), $2) WHERE participant_id = $1`,
      [participantId, until],
    );
  }

  async dropMail(id: string): Promise<void> {
    await this.pool.query(`DELETE FROM mail_outbox WHERE id = $1 AND status = 'queued'`, [id]);
  }

  async deliveredKeys(prefix: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ dedupe_key: string }>(
      `SELECT dedupe_key FROM mail_outbox
       WHERE starts_with(dedupe_key, $1) AND (status = 'sent' OR (status = 'queued' AND claimed_by IS NOT NULL))`,
      [prefix],
    );
    return rows.map((row) => row.dedupe_key);
  }

  async getSenderName(boardId: string): Promise<string | null> {
    return findOne<{ name: string }, string>(
      this.pool,
      'SELECT name FROM mail_senders WHERE board_id = $1',
      [boardId],
      (row) => row.name,
    );
  }

  async setSenderName(boardId: string, name: string | null, by: string, at: number): Promise<void> {
    if (name === null) {
      await this.pool.query('DELETE FROM mail_senders WHERE board_id = $1', [boardId]);
      return;
    }
    await this.pool.query(
      `INSERT INTO mail_senders (board_id, name, updated_by, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (board_id) DO UPDATE SET
         name = excluded.name, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
      [boardId, name, by, at],
    );
  }

  async senderNameOf(boardId: string): Promise<string | null> {
    return findOne<{ name: string }, string>(
      this.pool,
      `SELECT coalesce(s.name, b.title) AS name FROM boards b LEFT JOIN mail_senders s ON s.board_id = b.id
       WHERE b.id = $1`,
      [boardId],
      (row) => row.name,
    );
  }
}
