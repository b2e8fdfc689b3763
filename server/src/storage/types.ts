import type { AccountStore } from './parts/accounts';
import type { AmendmentStore } from './parts/amendments';
import type { AttributionStore } from './parts/attributions';
import type { BoardArchiveStore } from './parts/boardArchive';
import type { LifecycleStore } from './parts/lifecycle';
import type { DocumentLog } from './parts/log';
import type { MailStore } from './parts/mail';
import type { MeetingStore } from './parts/meetings';
import type { MinutesStore } from './parts/minutes';
import type { ModerationStore } from './parts/moderation';
import type { NetworkStore } from './parts/network';
import type { PartnerStore } from './parts/partners';
import type { PeopleStore } from './parts/people';
import type { PersonalDataStore } from './parts/personal';
import type { RetentionStore } from './parts/retention';
import type { RoundStore } from './parts/rounds';

export * from './parts/accounts';
export type * from './parts/amendments';
export type * from './parts/attributions';
export * from './parts/boardArchive';
export * from './parts/lifecycle';
export type * from './parts/log';
export type * from './parts/mail';
export type * from './parts/meetings';
export * from './parts/minutes';
export type * from './parts/moderation';
export type * from './parts/network';
export type * from './parts/partners';
export type * from './parts/people';
export type * from './parts/personal';
export type * from './parts/retention';
export type * from './parts/rounds';

/**
 * Everything the server persists, with two engines behind it: SQLite (one process, the default) and PostgreSQL
 * (several instances). Its two jobs are separate parts: the document log, and the record tables grouped by what the
 * services use together. Reads and record writes are asynchronous because PostgreSQL is on the network; the rooms
 * keep "stored before broadcast" with a per-room write queue. Operations that must be atomic are single methods (no
 * open-ended transactions), so each engine can make them atomic its own way and both pass the same storage suite
 * (suite/). Times are epoch milliseconds; binary data is Uint8Array.
 */
export interface Storage {
  readonly log: DocumentLog;
  readonly accounts: AccountStore;
  readonly partners: PartnerStore;
  readonly people: PeopleStore;
  readonly rounds: RoundStore;
  readonly amendments: AmendmentStore;
  readonly network: NetworkStore;
  readonly moderation: ModerationStore;
  readonly attributions: AttributionStore;
  /** E-mail addresses and the durable outbox. */
  readonly mail: MailStore;
  /** Meetings and each participant's calendar feed. */
  readonly meetings: MeetingStore;
  /** Minutes of meetings, their comments and who attended. */
  readonly minutes: MinutesStore;
  /** What the retention sweep reads: inactive people, idle boards. */
  readonly retention: RetentionStore;
  /** A person's own data no other part reads (their copy of it: DSGVO Art. 15). */
  readonly personal: PersonalDataStore;
  /** Archiving, deletion with time to undo, and the purge of a deleted board. */
  readonly lifecycle: LifecycleStore;
  /** A board's full archive and its import on another server. */
  readonly boardArchive: BoardArchiveStore;
  close(): Promise<void>;
}
