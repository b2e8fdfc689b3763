/**
 * Reads for a participant's copy of their own data (DSGVO Art. 15, `GET …/me/data`) that no other part offers:
 * when each device token was issued, the links issued for them, and the mails queued or sent to them. Never a
 * token, a hash or a mail body: what a person gets is what is stored about them, not the secrets guarding it.
 */
export interface PersonalDataStore {
  /** When each device token the participant holds now was issued, oldest first. */
  listDeviceTimes(participantId: string): Promise<number[]>;
  /** The one-time links issued for the participant (moving to a device, re-entry), oldest first. */
  listDeviceLinks(participantId: string): Promise<DeviceLinkSummary[]>;
  /** Mails to the participant in the outbox (queued, sent, failed), oldest first. */
  listMailsTo(participantId: string): Promise<MailSummary[]>;
}

export interface DeviceLinkSummary {
  readonly kind: 'device' | 'reentry';
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly usedAt: number | null;
}

export interface MailSummary {
  readonly kind: string;
  readonly subject: string;
  readonly status: 'queued' | 'sent' | 'failed';
  readonly createdAt: number;
  readonly sentAt: number | null;
}
