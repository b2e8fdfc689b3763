import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
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
import { SqliteAccountStore } from './accounts';
import { SqliteAmendmentStore } from './amendments';
import { SqliteAttributionStore } from './attributions';
import { SqliteBoardArchiveStore } from './boardArchive';
import {
  type Checkpointer,
  type CheckpointThresholds,
  NO_CHECKPOINTS,
  startCheckpointer,
} from './checkpointer';
import { SqliteDocumentLog } from './documents';
import { SqliteLifecycleStore } from './lifecycle';
import { SqliteMailStore } from './mail';
import { SqliteMeetingStore } from './meetings';
import { migrate } from './migrations';
import { SqliteMinutesStore } from './minutes';
import { SqliteModerationStore } from './moderation';
import { SqliteNetworkStore } from './network';
import { SqlitePartnerStore } from './partners';
import { SqlitePeopleStore } from './people';
import { SqlitePersonalDataStore } from './personal';
import { SqliteRetentionStore } from './retention';
import { SqliteRoundStore } from './rounds';

export function openSqliteStorage(
  dataDir: string,
  onBackgroundError?: (error: unknown) => void,
  checkpoints?: CheckpointThresholds,
): SqliteStorage {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'common-ground.sqlite'));
  return new SqliteStorage(db, onBackgroundError, checkpoints);
}

/**
 * The single-process engine. better-sqlite3 is synchronous: every method does its work before it returns its
 * promise, so a write is committed (in the WAL) by the time the caller awaits it, and each method that must be
 * atomic is one SQLite transaction. Each part is built here, on the one connection.
 */
export class SqliteStorage implements Storage {
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
  private readonly checkpoints: Checkpointer;

  constructor(
    private readonly db: Database.Database,
    onBackgroundError: (error: unknown) => void = () => {},
    checkpoints: CheckpointThresholds = {},
  ) {
    // WAL + synchronous=NORMAL: a commit is in the WAL file (OS page cache) before appendUpdates returns, so it
    // survives kill -9 of this process; only a power loss or OS crash can drop the last commits. FULL would fsync
    // every commit and cost ~10x the write latency for that case.
    // Must precede the first table, so it takes effect in new files only (an older file keeps its mode until an
    // offline VACUUM): sealing the log frees pages, and the log gives them back (SqliteDocumentLog.sealThrough).
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // Deleted content is overwritten, not left in free pages: an erased name must be gone from the file.
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    // An in-memory database has no WAL to checkpoint.
    this.checkpoints = db.memory ? NO_CHECKPOINTS : startCheckpointer(db, onBackgroundError, checkpoints);
    // Board creation and joining write log entries, partners and device tokens in their own transaction.
    const log = new SqliteDocumentLog(db, this.checkpoints);
    const partners = new SqlitePartnerStore(db);
    const people = new SqlitePeopleStore(db);
    this.log = log;
    this.partners = partners;
    this.people = people;
    this.accounts = new SqliteAccountStore(db, { log, partners, people });
    this.rounds = new SqliteRoundStore(db);
    this.amendments = new SqliteAmendmentStore(db);
    this.network = new SqliteNetworkStore(db);
    this.moderation = new SqliteModerationStore(db);
    this.attributions = new SqliteAttributionStore(db);
    this.mail = new SqliteMailStore(db);
    this.meetings = new SqliteMeetingStore(db);
    this.minutes = new SqliteMinutesStore(db);
    this.retention = new SqliteRetentionStore(db);
    this.personal = new SqlitePersonalDataStore(db);
    this.boardArchive = new SqliteBoardArchiveStore(db);
    this.lifecycle = new SqliteLifecycleStore(db);
  }

  async close(): Promise<void> {
    // The checkpoint worker's connection closes first, so this one is the last and leaves no WAL behind.
    this.checkpoints.stop();
    if (!this.db.open) return;
    try {
      // The pages a running server keeps free for its next appends (SqliteDocumentLog.giveBackFreePages) go back
      // when it stops: a stopped server's file holds its data only. A no-op without auto_vacuum (in memory).
      this.db.exec('PRAGMA incremental_vacuum');
    } finally {
      this.db.close();
    }
  }
}
