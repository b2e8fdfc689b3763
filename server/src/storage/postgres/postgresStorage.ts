import type { Pool } from 'pg';
import type { AccountStore } from '../parts/accounts';
import type { AmendmentStore } from '../parts/amendments';
import type { AttributionStore } from '../parts/attributions';
import type { BoardArchiveStore } from '../parts/boardArchive';
import type { LifecycleStore } from '../parts/lifecycle';
import type { DocumentLog } from '../parts/log';
import type { MailStore } from '../parts/mail';
import type { MeetingStore } from '../parts/meetings';
import type { MinutesStore } from '../parts/minutes';
import type { ModerationStore } from '../parts/moderation';
import type { NetworkStore } from '../parts/network';
import type { PartnerStore } from '../parts/partners';
import type { PeopleStore } from '../parts/people';
import type { PersonalDataStore } from '../parts/personal';
import type { RetentionStore } from '../parts/retention';
import type { RoundStore } from '../parts/rounds';
import type { Storage } from '../types';
import { PostgresAccountStore } from './accounts';
import { PostgresAmendmentStore } from './amendments';
import { PostgresAttributionStore } from './attributions';
import { PostgresBoardArchiveStore } from './boardArchive';
import { createPool, type PostgresOptions } from './db';
import { GroupCommittedLog } from './groupCommit';
import { PostgresLifecycleStore } from './lifecycle';
import { PostgresMailStore } from './mail';
import { PostgresMeetingStore } from './meetings';
import { migratePostgres } from './migrations';
import { PostgresMinutesStore } from './minutes';
import { PostgresModerationStore } from './moderation';
import { PostgresNetworkStore } from './network';
import { PostgresPartnerStore } from './partners';
import { PostgresPeopleStore } from './people';
import { PostgresPersonalDataStore } from './personal';
import { PostgresRetentionStore } from './retention';
import { PostgresRoundStore } from './rounds';

/** Connects, brings the schema up to date (safe with several instances starting at once) and returns the storage. */
export async function openPostgresStorage(url: string, options: PostgresOptions = {}): Promise<Storage> {
  const pool = createPool(url, options);
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  // The document log's group commit has a connection of its own: rooms' writes never queue behind reads.
  return new PostgresStorage(pool, createPool(url, { ...options, poolSize: 1 }));
}

/**
 * Storage on PostgreSQL, for several server instances sharing one database: everything that must hold across
 * instances (contiguous sequence numbers, one open round per goal, no stance after a closure, invite limits) is
 * decided by the database inside one transaction, never by a check in this process. Every part shares the pool.
 */
export class PostgresStorage implements Storage {
  readonly log: DocumentLog;
  readonly accounts: AccountStore;
  readonly partners: PartnerStore;
  readonly people: PeopleStore;
  readonly rounds: RoundStore;
  readonly amendments: AmendmentStore;
  readonly network: NetworkStore;
  readonly moderation: ModerationStore;
  readonly attributions: AttributionStore;
  readonly mail: MailStore;
  readonly meetings: MeetingStore;
  readonly minutes: MinutesStore;
  readonly retention: RetentionStore;
  readonly personal: PersonalDataStore;
  readonly boardArchive: BoardArchiveStore;
  readonly lifecycle: LifecycleStore;

  /** `writes`: where the document log's group commit appends (see GroupCommittedLog); reads stay on `pool`. */
  constructor(
    private readonly pool: Pool,
    private readonly writes: Pool = pool,
  ) {
    this.log = new GroupCommittedLog(pool, writes);
    this.accounts = new PostgresAccountStore(pool);
    this.partners = new PostgresPartnerStore(pool);
    this.people = new PostgresPeopleStore(pool);
    this.rounds = new PostgresRoundStore(pool);
    this.amendments = new PostgresAmendmentStore(pool);
    this.network = new PostgresNetworkStore(pool);
    this.moderation = new PostgresModerationStore(pool);
    this.attributions = new PostgresAttributionStore(pool);
    this.mail = new PostgresMailStore(pool);
    this.meetings = new PostgresMeetingStore(pool);
    this.minutes = new PostgresMinutesStore(pool);
    this.retention = new PostgresRetentionStore(pool);
    this.personal = new PostgresPersonalDataStore(pool);
    this.boardArchive = new PostgresBoardArchiveStore(pool);
    this.lifecycle = new PostgresLifecycleStore(pool);
  }

  async close(): Promise<void> {
    if (this.pool.ended) return;
    await Promise.all([this.pool.end(), this.writes === this.pool ? undefined : this.writes.end()]);
  }
}
