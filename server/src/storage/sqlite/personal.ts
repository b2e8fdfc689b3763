import type Database from 'better-sqlite3';
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

// The statements are written once, with PostgreSQL's placeholder; better-sqlite3 reads `$1` as a named one.
const positional = (sql: string): string => sql.replaceAll('$1', '?');

/** A person's own data that no other part reads: the personal part of SqliteStorage. */
export class SqlitePersonalDataStore implements PersonalDataStore {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      devices: db.prepare<[string], { created_at: number }>(positional(DEVICE_TIMES_SQL)),
      links: db.prepare<[string], LinkRow>(positional(LINKS_SQL)),
      mails: db.prepare<[string], MailRow>(positional(MAILS_SQL)),
    };
  }

  async listDeviceTimes(participantId: string): Promise<number[]> {
    return this.statements.devices.all(participantId).map((row) => row.created_at);
  }

  async listDeviceLinks(participantId: string): Promise<DeviceLinkSummary[]> {
    return this.statements.links.all(participantId).map(linkOf);
  }

  async listMailsTo(participantId: string): Promise<MailSummary[]> {
    return this.statements.mails.all(participantId).map(mailOf);
  }
}
