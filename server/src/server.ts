import type { AddressInfo } from 'node:net';
import { CloseCode } from '@common-ground/shared/protocol';
import { WebSocketServer } from 'ws';
import { type CompositionOptions, composeServices } from './composition';
import type { Config } from './config';
import { createRequestHandler } from './http/app';
import { type LifecycleService, startPurgeSweep } from './lifecycle/service';
import { createListener } from './listener';
import { createLogger, type Logger } from './log';
import { type MailNotifier, startNoticeSweep } from './mail/notifier';
import { publicUrlProblem } from './mail/publicUrl';
import type { OutboxSender } from './mail/sender';
import { privacySettingsGap } from './privacy/settings';
import { RETENTION_SWEEP_MS, type RetentionSweep } from './retention/sweep';
import type { RoomRegistry } from './rooms/registry';
import { startDeadlineSweep } from './rounds/deadlines';
import type { RoundService } from './rounds/service';
import type { Storage } from './storage/types';
import { startSweep } from './sweeps';
import { startHeartbeat } from './ws/heartbeat';
import { createUpgradeHandler } from './ws/upgrade';

export interface RunningServer {
  readonly port: number;
  readonly url: string;
  readonly storage: Storage;
  readonly rooms: RoomRegistry;
  readonly rounds: RoundService;
  /** The outbox's worker (null without SMTP_URL): tests sweep it instead of waiting for its timer. */
  readonly mailSender: OutboxSender | null;
  /** Round notices and digests (null without SMTP_URL): tests call its `sweep(now)` instead of waiting. */
  readonly mailNotifier: MailNotifier | null;
  /** The retention rules: tests call its `sweep(now)` instead of waiting for the hourly timer. */
  readonly retention: RetentionSweep;
  /** Archiving and deletion: tests call its `sweep()` after moving the clock instead of waiting for the timer. */
  readonly lifecycle: LifecycleService;
  /** Stops accepting, closes sockets with 1001, snapshots every open document and closes storage. */
  close(): Promise<void>;
}

/** How long closing sockets get to finish their close handshake before they are cut. */
const CLOSE_GRACE_MS = 1000;

export type ServerOptions = CompositionOptions;

/** Listens for HTTP and websocket requests with the services of the composition root, and shuts them down. */
export async function startServer(
  config: Config,
  log: Logger = createLogger(config.logLevel),
  options: ServerOptions = {},
): Promise<RunningServer> {
  // Before anything opens: an unreadable certificate stops the start with nothing to close.
  const server = createListener(config.tls);
  const services = await composeServices(config, log, options);
  const { storage, rooms, rounds, hooks, limiter, mailSender, mailNotifier, lifecycle, retention } = services;
  const deadlineSweep = startDeadlineSweep(rounds, log);
  // Rounds whose deadline passed while the server was down are closed before the first request.
  await deadlineSweep.ready;
  if (config.mail) {
    const problem = publicUrlProblem(config.publicUrl);
    if (problem) log.warn(`E-mail is on, but ${problem}`);
  }
  const privacyGap = privacySettingsGap(config.privacy);
  if (privacyGap) log.warn(privacyGap);
  // Mails queued before a restart go out now; sending runs beside requests, never inside one.
  await mailSender?.start();
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.limits.maxMessageBytes });
  server.on('request', createRequestHandler({ ...services, config, log }));
  server.on(
    'upgrade',
    createUpgradeHandler({
      storage,
      rooms,
      hooks,
      log,
      wss,
      limiter,
      maxConnections: config.limits.maxConnections,
      maxBufferedBytes: config.limits.maxBufferedBytes,
      socketLimits: config.socketLimits,
      now: config.now,
    }),
  );
  server.on('clientError', (_error, socket) => socket.destroy());
  const stopHeartbeat = startHeartbeat(wss, config.keepaliveMs);

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    stopHeartbeat();
    await deadlineSweep.stop();
    await services.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `${config.tls ? 'https' : 'http'}://${host}:${port}`;
  mailNotifier?.useOrigin(url);
  // Reminders and digests are due by the clock: a sweep on every instance, each mail queued once (dedupe keys).
  const noticeSweep = mailNotifier ? startNoticeSweep(mailNotifier, config.now, log) : null;
  // Deleted boards whose time to undo is over are removed by the clock, on every instance (one purge each).
  const purgeSweep = startPurgeSweep(lifecycle);
  retention.useOrigin(url);
  // Inactive people warned, then pseudonymised; idle boards brought to their facilitators (each once, dedupe keys).
  const retentionSweep = startSweep(async () => {
    try {
      const result = await retention.sweep(config.now());
      if (result.warned + result.erased > 0) log.info('retention applied', { ...result });
    } catch (error) {
      log.error('retention sweep failed', { error });
    }
  }, RETENTION_SWEEP_MS);

  let closing: Promise<void> | null = null;
  const close = async (): Promise<void> => {
    stopHeartbeat();
    const sweepStopped = Promise.all([
      deadlineSweep.stop(),
      noticeSweep?.stop(),
      purgeSweep.stop(),
      retentionSweep.stop(),
      mailSender?.stop(),
    ]);
    const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const socketsClosed = Promise.all(
      [...wss.clients].map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve()))),
    );
    await sweepStopped;
    const roomsClosed = rooms.closeAll(CloseCode.GoingAway, 'Server is restarting');
    await Promise.race([
      socketsClosed,
      new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref()),
    ]);
    for (const socket of wss.clients) socket.terminate();
    wss.close();
    server.closeAllConnections();
    await serverClosed;
    // Every room's queue is stored and snapshotted before the extensions stop and storage goes.
    await roomsClosed;
    await services.close();
  };

  return {
    port,
    url,
    storage,
    rooms,
    rounds,
    mailSender,
    mailNotifier,
    lifecycle,
    retention,
    close: () => {
      closing ??= close();
      return closing;
    },
  };
}
