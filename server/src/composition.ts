import { RestoreService } from './activity/restoreService';
import { ActivityService } from './activity/service';
import { AmendmentService } from './amendments/service';
import { AuthorRecorder } from './authors/recorder';
import { MeetingService } from './calendar/meetings';
import { CalendarService } from './calendar/service';
import type { ClusterBus } from './cluster/bus';
import { clusterExtension } from './cluster/extension';
import { ClusterLink } from './cluster/link';
import type { Config, MailConfig } from './config';
import { FacilitationService } from './facilitation/service';
import { quarantineMarks, roundWording, writePermissions } from './hooks/extensions';
import { HookPipeline } from './hooks/pipeline';
import { VisitRecorder } from './hooks/visits';
import type { AppDeps } from './http/deps';
import { RateLimiter } from './http/rateLimit';
import { LifecycleService } from './lifecycle/service';
import type { Logger } from './log';
import { mailAddressOf } from './mail/from';
import { MailNotifier } from './mail/notifier';
import { OutboxSender } from './mail/sender';
import { MailService } from './mail/service';
import type { MailTransport } from './mail/transport';
import { AttendanceRecorder } from './minutes/attendance';
import { MinutesService } from './minutes/service';
import { NetworkService } from './network/service';
import { ErasureService } from './privacy/erasure';
import { ProcessService } from './process/service';
import { SessionLog } from './process/sessionLog';
import { RecordProjector } from './record/projector';
import { RetentionSweep } from './retention/sweep';
import { BoardSchema } from './rooms/boardSchema';
import { LogBudgets } from './rooms/logBudget';
import { RoomRegistry } from './rooms/registry';
import { StructureGuard } from './rooms/structureGuard';
import { WriterIdentities } from './rooms/writerIdentities';
import { RoundService } from './rounds/service';
import { WordingLocks } from './rounds/wordingLock';
import { openStorage } from './storage/open';
import type { Storage } from './storage/types';
import { ParticipantSockets } from './ws/participantSockets';

/** Every service of one server, each built once; the HTTP routes get them as they are. */
export interface Services extends Omit<AppDeps, 'config' | 'log'> {
  readonly hooks: HookPipeline;
  /** Null unless REDIS_URL is set: then the instances serving the same boards share updates over it. */
  readonly bus: ClusterBus | null;
  /** The outbox's worker when SMTP_URL is set (started by the server, stopped by `close`); null = no mail. */
  readonly mailSender: OutboxSender | null;
  /** Round notices, reminders and digests when SMTP_URL is set (its sweep started by the server); null = no mail. */
  readonly mailNotifier: MailNotifier | null;
  /** On shutdown, once every room is closed: runs the extensions' onDestroy (the bus closes), then storage. */
  close(): Promise<void>;
}

export interface CompositionOptions {
  /** Storage to use instead of the configured engine (tests inject faults through it). */
  readonly storage?: Storage;
}

/**
 * The composition root: builds every service of the server once, in dependency order, and plugs what reacts to
 * documents and sockets into the hook pipeline. The rooms are built with the pipeline; what writes through the
 * rooms is built after them and joins the pipeline as an extension (or, for the in-transaction schema chain,
 * with useSchema) before the pipeline is sealed, all before the server accepts a connection. So no service
 * waits for another to be assigned later. Which hook runs when: docs/architecture.md, "Hooks".
 */
export async function composeServices(
  config: Config,
  log: Logger,
  options: CompositionOptions = {},
): Promise<Services> {
  const storage = options.storage ?? (await openStorage(config, log));
  const bus = await openBus(config, log).catch(async (error: unknown) => {
    await storage.close();
    throw error;
  });
  const { now } = config;
  const limiter = new RateLimiter(config.rateLimits, now);
  const budgets = new LogBudgets(config.logBudget, now);
  const identities = new WriterIdentities(storage.accounts, log, storage.attributions);
  const hooks = new HookPipeline(log);
  const rooms = new RoomRegistry(
    {
      storage,
      log,
      now,
      maxDocBytes: config.limits.maxDocBytes,
      maxAwarenessBytes: config.limits.maxAwarenessBytes,
      maxEarlyBytes: config.limits.maxMessageBytes,
      budgets,
      snapshotEvery: config.snapshotEvery,
      hooks,
      schema: hooks.schema,
    },
    { linger: config.roomLinger },
  );

  const projector = new RecordProjector(rooms, storage, log);
  const amendments = new AmendmentService({ storage, rooms, projector, log, now });
  const wordingLocks = new WordingLocks(storage.rounds, log, (edit) => amendments.propose(edit));
  const activity = new ActivityService(storage);
  const calendar = new CalendarService({ storage, rooms, publicUrl: config.publicUrl, now });
  // Told by the round service of every round it opens or closes; queues into the outbox the sender works through.
  const mailNotifier = config.mail
    ? new MailNotifier({
        storage,
        activity,
        now,
        log,
        publicUrl: config.publicUrl,
        wake: () => mailSender?.wake(),
        calendar,
        organizerAddress: mailAddressOf(config.mail.from),
      })
    : null;
  const rounds = new RoundService({
    storage,
    rooms,
    projector,
    log,
    now,
    shared: bus !== null,
    wordingLocks,
    ...(mailNotifier ? { listener: mailNotifier } : {}),
  });
  const mailSender: OutboxSender | null = config.mail
    ? new OutboxSender({
        store: storage.mail,
        transport: await openSmtpTransport(config.mail),
        log,
        now,
        // SQLite is one process: a lease found at start is a crashed predecessor's.
        releaseOnStart: config.databaseUrl === null,
        ...(mailNotifier ? { stillWanted: (mail) => mailNotifier.stillWanted(mail) } : {}),
      })
    : null;
  const sockets = new ParticipantSockets();
  const lifecycle = new LifecycleService({
    storage,
    rooms,
    projection: projector.for('a lifecycle change'),
    sockets,
    log,
    now,
    graceMs: config.deletionGraceMs,
    ...(mailNotifier ? { listener: mailNotifier } : {}),
  });
  const attendance = new AttendanceRecorder(storage, log, now);
  const erasure = new ErasureService({ storage, rooms, sockets, log, now });
  const services = {
    storage,
    rooms,
    rounds,
    amendments,
    activity,
    network: new NetworkService({ storage, rooms, projector, log, now }),
    facilitation: new FacilitationService({ rooms, now }),
    process: new ProcessService({ rooms, storage, now }),
    sessions: new SessionLog(storage),
    restorer: new RestoreService({ storage, rooms, activity, now }),
    projector,
    sockets,
    limiter,
    budgets,
    hooks,
    bus,
    mail: new MailService({ storage, sender: mailSender, now, log }),
    meetings: new MeetingService({
      storage,
      rooms,
      projector,
      now,
      ...(mailNotifier ? { listener: mailNotifier } : {}),
    }),
    minutes: new MinutesService({
      storage,
      activity,
      rooms,
      projector,
      now,
      seenNow: (boardId, meeting) => attendance.seenNow(boardId, meeting),
      ...(mailNotifier ? { listener: mailNotifier } : {}),
    }),
    erasure,
    retention: new RetentionSweep({
      storage,
      erasure,
      online: (participantId) => sockets.isOnline(participantId),
      config: config.retention,
      mail: mailSender ? { wake: () => mailSender.wake() } : null,
      publicUrl: config.publicUrl,
      log,
    }),
    calendar,
    lifecycle,
    mailSender,
    mailNotifier,
  };

  // The notifier mails finalised minutes, which the minutes service (told by it) reads: handed over once both exist.
  mailNotifier?.useMinutes(services.minutes);

  // The in-transaction chain: the board's schema (repairs, write permissions, wording locks), and behind it the
  // attribution of what each write created, whose record entries are written through the rooms.
  const authors = new AuthorRecorder({ storage, log, now, mutate: (docKey, fn) => rooms.mutate(docKey, fn) });
  hooks.useSchema(
    authors.around(new BoardSchema(storage, log, wordingLocks, new StructureGuard(identities, log, now))),
  );
  // In this order: the cluster link joins a loading room before the record projection writes to it.
  hooks.register(quarantineMarks(storage.log, now));
  if (bus) {
    const link = new ClusterLink({
      bus,
      storage,
      log,
      checkMs: config.clusterCheckMs,
      onRemoteRecordChange: (boardId) => {
        projector.refresh(boardId);
        // Another instance may have archived or reopened the board: this one's loaded room follows.
        void lifecycle.refresh(boardId);
      },
      onRecordNews: (boardId) => rounds.forgetOpenRounds(boardId),
    });
    hooks.register(clusterExtension(link, bus));
  }
  hooks.register(
    projector,
    roundWording(rounds),
    writePermissions(identities),
    new VisitRecorder(storage.people, log, now),
    sockets,
    attendance,
    lifecycle,
  );
  hooks.seal();

  return {
    ...services,
    close: async () => {
      // Notices still being queued finish before the sender and storage stop.
      await mailNotifier?.settled();
      await mailSender?.stop();
      await hooks.destroy();
      await storage.close();
    },
  };
}

/** nodemailer, loaded only when SMTP_URL is set: a server without e-mail never loads it (see openBus). */
async function openSmtpTransport(mail: MailConfig): Promise<MailTransport> {
  const { smtpTransport } = await import('./mail/transport');
  return smtpTransport(mail);
}

/** The Redis bus when REDIS_URL is set: its code (ioredis) is loaded only then, see scripts/build-server.mjs. */
async function openBus(config: Config, log: Logger): Promise<ClusterBus | null> {
  if (!config.redisUrl) return null;
  const { openRedisBus } = await import('./cluster/redisBus');
  return openRedisBus(config.redisUrl, { prefix: config.redisPrefix, log });
}
