import type { RestoreService } from '../activity/restoreService';
import type { ActivityService } from '../activity/service';
import type { AmendmentService } from '../amendments/service';
import type { MeetingService } from '../calendar/meetings';
import type { CalendarService } from '../calendar/service';
import type { Config } from '../config';
import type { FacilitationService } from '../facilitation/service';
import type { LifecycleService } from '../lifecycle/service';
import type { Logger } from '../log';
import type { MailService } from '../mail/service';
import type { MinutesService } from '../minutes/service';
import type { NetworkService } from '../network/service';
import type { ErasureService } from '../privacy/erasure';
import type { ProcessService } from '../process/service';
import type { SessionLog } from '../process/sessionLog';
import type { RecordProjector } from '../record/projector';
import type { RetentionSweep } from '../retention/sweep';
import type { LogBudgets } from '../rooms/logBudget';
import type { RoomRegistry } from '../rooms/registry';
import type { RoundService } from '../rounds/service';
import type { Storage } from '../storage/types';
import type { ParticipantSockets } from '../ws/participantSockets';
import type { RateLimiter } from './rateLimit';

/** What the HTTP handlers need: the services built once in the composition root (composition.ts). */
export interface AppDeps {
  readonly config: Config;
  readonly storage: Storage;
  readonly rooms: RoomRegistry;
  readonly rounds: RoundService;
  readonly amendments: AmendmentService;
  readonly activity: ActivityService;
  readonly network: NetworkService;
  readonly facilitation: FacilitationService;
  readonly process: ProcessService;
  readonly sessions: SessionLog;
  readonly restorer: RestoreService;
  readonly projector: RecordProjector;
  readonly sockets: ParticipantSockets;
  readonly log: Logger;
  readonly limiter: RateLimiter;
  readonly budgets: LogBudgets;
  /** Addresses, double opt-in, unsubscribing and the outbox's status (queues only; the sender sends). */
  readonly mail: MailService;
  /** Meetings the facilitator schedules. */
  readonly meetings: MeetingService;
  /** Minutes of meetings: drafts, comments, finalising. */
  readonly minutes: MinutesService;
  /** Erasure of a person's personal data (DSGVO Art. 17). */
  readonly erasure: ErasureService;
  /** The operator's retention periods (RETENTION_…). */
  readonly retention: RetentionSweep;
  /** Calendar files and each participant's feed. */
  readonly calendar: CalendarService;
  /** Archiving and deleting boards (read-only, 30 days to undo, the purge). */
  readonly lifecycle: LifecycleService;
}
