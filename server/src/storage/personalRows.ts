import type { DeviceLinkSummary, MailSummary } from './parts/personal';

/** The columns both engines read for a person's own data (parts/personal.ts), and their mapping. */
export interface LinkRow {
  kind: DeviceLinkSummary['kind'];
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface MailRow {
  kind: string;
  subject: string;
  status: MailSummary['status'];
  created_at: number;
  sent_at: number | null;
}

// Ties in time are ordered by the key, so both engines answer in the same order.
export const DEVICE_TIMES_SQL =
  'SELECT created_at FROM participant_tokens WHERE participant_id = $1 ORDER BY created_at, token_hash';
export const LINKS_SQL = `SELECT kind, created_at, expires_at, used_at FROM device_links WHERE participant_id = $1
  ORDER BY created_at, code_hash`;
export const MAILS_SQL = `SELECT kind, subject, status, created_at, sent_at FROM mail_outbox WHERE recipient_id = $1
  ORDER BY created_at, id`;

export const linkOf = (row: LinkRow): DeviceLinkSummary => ({
  kind: row.kind,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  usedAt: row.used_at,
});

export const mailOf = (row: MailRow): MailSummary => ({
  kind: row.kind,
  subject: row.subject,
  status: row.status,
  createdAt: row.created_at,
  sentAt: row.sent_at,
});
