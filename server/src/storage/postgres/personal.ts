import type { Pool } from 'pg';
import type { DeviceLinkSummary, MailSummary, PersonalDataStore } from '../parts/personal';
import {
  DEVICE_TIMES_SQL,
  LINKS_SQL,
  type LinkRow,
  linkOf,
  MAILS_SQL,
  type MailRow,
  mailOf,
} from '../personalRows';

/** A person's own data that no other part reads: the personal part of PostgresStorage. */
export class PostgresPersonalDataStore implements PersonalDataStore {
  constructor(private readonly pool: Pool) {}

  async listDeviceTimes(participantId: string): Promise<number[]> {
    const { rows } = await this.pool.query<{ created_at: number }>(DEVICE_TIMES_SQL, [participantId]);
    return rows.map((row) => row.created_at);
  }

  async listDeviceLinks(participantId: string): Promise<DeviceLinkSummary[]> {
    const { rows } = await this.pool.query<LinkRow>(LINKS_SQL, [participantId]);
    return rows.map(linkOf);
  }

  async listMailsTo(participantId: string): Promise<MailSummary[]> {
    const { rows } = await this.pool.query<MailRow>(MAILS_SQL, [participantId]);
    return rows.map(mailOf);
  }
}
