import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloseCode } from '@common-ground/shared';
import { WebSocketServer } from 'ws';
import { AmendmentService } from './amendments/service';
import { AuthorRecorder } from './authors/recorder';
import type { ClusterBus } from './cluster/bus';
import { ClusterLink } from './cluster/link';
import { createRecordRefresher } from './cluster/recordRefresh';
import type { Config } from './config';
import { createRequestHandler } from './http/app';
import { RateLimiter } from './http/rateLimit';
import { createLogger, type Logger } from './log';
import { BoardSchema } from './rooms/boardSchema';
import { parseDocKey } from './rooms/docKeys';
import { LogBudgets } from './rooms/logBudget';
import { RoomRegistry } from './rooms/registry';
import { StructureGuard } from './rooms/structureGuard';
import { WriterIdentities } from './rooms/writerIdentities';
import { startDeadlineSweep } from './rounds/deadlines';
import { RoundService } from './rounds/service';
import { WordingLocks } from './rounds/wordingLock';
import { openStorage } from './storage/open';
import type { Storage } from './storage/types';
import { startHeartbeat } from './ws/heartbeat';
import { createUpgradeHandler } from './ws/upgrade';

export interface RunningServer {
  readonly port: number;
  readonly url: string;
  readonly storage: Storage;
  readonly rooms: RoomRegistry;
  readonly rounds: RoundService;
  /** Stops accepting, closes sockets with 1001, snapshots every open document and closes storage. */
  close(): Promise<void>;
}

/** How long closing sockets get to finish their close handshake before they are cut. */
const CLOSE_GRACE_MS = 1000;

export interface ServerOptions {
  /** Storage to use instead of the configured engine (tests inject faults through it). */
  readonly storage?: Storage;
}

/** The instances serving the same boards: the bus between them and what joins this one's rooms to it. */
interface Cluster {
  readonly bus: ClusterBus;
  readonly link: ClusterLink;
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  log: Logger = createLogger(config.logLevel),
  options: ServerOptions = {},
): Promise<RunningServer> {
  const storage = options.storage ?? (await openStorage(config, log));
  let bus: ClusterBus | null = null;
  try {
    bus = await openBus(config, log);
  } catch (error) {
    await storage.close();
    throw error;
  }
  // Late-bound like `rounds`: the link needs the registry, the registry reports stored batches to the link.
  let cluster: Cluster | null = null;
  const limiter = new RateLimiter(config.rateLimits, config.now);
  const budgets = new LogBudgets(config.logBudget, config.now);
  // Late-bound: the registry reports board changes to the round service, which itself writes through the registry.
  let rounds: RoundService | null = null;
  // Late-bound too: the wording locks keep refused edits through it, and it writes through the registry.
  let amendments: AmendmentService | null = null;
  const identities = new WriterIdentities(storage, log);
  const wordingLocks = new WordingLocks(storage, log, async (edit) => amendments?.propose(edit));
  // Late-bound too: what it records is written to the record document through the registry.
  const authors = new AuthorRecorder({
    storage,
    log,
    now: config.now,
    mutate: (docKey, fn): Promise<void> => rooms.mutate(docKey, fn),
  });
  const rooms = new RoomRegistry({
    storage,
    log,
    now: config.now,
    maxDocBytes: config.limits.maxDocBytes,
    maxAwarenessBytes: config.limits.maxAwarenessBytes,
    maxEarlyBytes: config.limits.maxMessageBytes,
    budgets,
    schema: authors.around(new BoardSchema(storage, log, wordingLocks, new StructureGuard(identities, log))),
    snapshotEvery: config.snapshotEvery,
    onChange: async (docKey, doc) => {
      const { boardId, kind } = parseDocKey(docKey);
      if (kind === 'board') await rounds?.checkWording(boardId, doc);
      // Every change of roles and memberships rewrites the record: the write permissions re-read them.
      else identities.refresh(boardId);
    },
    onStored: (docKey, entries) => cluster?.link.stored(docKey, entries),
    onQuarantine: (docKey, entries) => storage.quarantineUpdates(docKey, entries, config.now()),
  });
  const roundService = new RoundService({
    storage,
    rooms,
    log,
    now: config.now,
    shared: bus !== null,
    wordingLocks,
  });
  const amendmentService = new AmendmentService({ storage, rooms, log, now: config.now });
  amendments = amendmentService;
  if (bus) cluster = joinCluster(bus, rooms, storage, log, config.clusterCheckMs, roundService);
  rounds = roundService;
  const deadlineSweep = startDeadlineSweep(roundService, log);
  // Rounds whose deadline passed while the server was down are closed before the first request.
  await deadlineSweep.ready;
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.limits.maxMessageBytes });
  const server = http.createServer(
    createRequestHandler({
      config,
      storage,
      rooms,
      rounds: roundService,
      amendments: amendmentService,
      log,
      limiter,
      budgets,
    }),
  );
  server.on(
    'upgrade',
    createUpgradeHandler({
      storage,
      rooms,
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
    await cluster?.close();
    await storage.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  let closing: Promise<void> | null = null;
  const close = async (): Promise<void> => {
    stopHeartbeat();
    const sweepStopped = deadlineSweep.stop();
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
    // Every room's queue is stored and snapshotted before storage goes.
    await roomsClosed;
    await cluster?.close();
    await storage.close();
  };

  return {
    port,
    url: `http://${host}:${port}`,
    storage,
    rooms,
    rounds: roundService,
    close: () => {
      closing ??= close();
      return closing;
    },
  };
}

function joinCluster(
  bus: ClusterBus,
  rooms: RoomRegistry,
  storage: Storage,
  log: Logger,
  checkMs: number,
  rounds: RoundService,
): Cluster {
  const records = createRecordRefresher(rooms, storage, log);
  const link = new ClusterLink({
    bus,
    storage,
    log,
    checkMs,
    onRemoteRecordChange: records.refresh,
    onRecordNews: (boardId) => rounds.forgetOpenRounds(boardId),
  });
  rooms.observe({ loaded: (room) => link.attach(room), unloaded: (docKey) => link.detach(docKey) });
  return {
    bus,
    link,
    close: async () => {
      link.close();
      records.close();
      await bus.close();
    },
  };
}

/** The Redis bus when REDIS_URL is set: its code (ioredis) is loaded only then, see scripts/build-server.mjs. */
async function openBus(config: Config, log: Logger): Promise<ClusterBus | null> {
  if (!config.redisUrl) return null;
  const { openRedisBus } = await import('./cluster/redisBus');
  return openRedisBus(config.redisUrl, { prefix: config.redisPrefix, log });
}
