import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../log';
import type { ClusterBus, DocUpdateEntry } from './bus';
import {
  decodeAwareness,
  decodeUpdateFields,
  encodeAwareness,
  encodeUpdateFields,
  type StreamEntry,
} from './codec';
import { BLOCK_MS, StreamReader } from './streamReader';

export interface RedisBusOptions {
  /** Namespaces the stream and channel, so several deployments (or test runs) can share one Redis. */
  readonly prefix: string;
  readonly log: Logger;
}

/** About the last 10 000 updates stay in the stream: enough to ride out a reconnect; all are in the database. */
const STREAM_MAX_LEN = '10000';
/** How long close() lets QUIT wait for replies still due before it cuts the connection. */
const QUIT_GRACE_MS = 500;

/**
 * No command waits for a connection: while Redis is away, a publish fails at once and is dropped (the database
 * has the update; other instances catch up from it by seq gap and periodic check), instead of piling up in
 * ioredis' offline queue for as long as the outage lasts. `maxRetriesPerRequest: 0` likewise fails the commands
 * in flight when a connection drops rather than holding them for the reconnect; the stream reader then re-reads
 * from its last id. Reconnecting itself goes on forever with ioredis' capped back-off.
 */
const CONNECTION_OPTIONS: RedisOptions = {
  lazyConnect: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  autoResendUnfulfilledCommands: false,
};

/**
 * Connects to Redis and starts following the update stream from its current end: updates published after this
 * resolves are delivered (earlier history comes from the database). Rejects if Redis cannot be reached now;
 * once open, outages are survived.
 */
export async function openRedisBus(url: string, options: RedisBusOptions): Promise<ClusterBus> {
  const { log, prefix } = options;
  const instanceId = randomUUID();
  const streamKey = `${prefix}:updates`;
  const channel = `${prefix}:awareness`;
  const connect = (role: string, extra: RedisOptions = {}) => {
    // Named, so that CLIENT LIST tells an operator (and the tests) which instance and role a connection is.
    const connectionName = `${prefix}:${role}:${instanceId}`.replace(/[^\w:.-]/g, '_');
    return watched(new Redis(url, { ...CONNECTION_OPTIONS, ...extra, connectionName }), role, log);
  };
  // The group commit (storage/postgres/groupCommit.ts) settles every room of a statement in one turn, and each
  // room then publishes its batch: auto-pipelining sends those XADDs in one write instead of one each.
  const publisher = connect('publisher', { enableAutoPipelining: true });
  const subscriber = connect('subscriber');
  // An answer to XREAD is due within BLOCK_MS; silence well beyond that means a dead socket, so reconnect.
  const reader = connect('reader', { socketTimeout: BLOCK_MS + 10_000 });
  const connections = [publisher, subscriber, reader];
  try {
    await Promise.all(connections.map((c) => c.redis.connect()));
    await subscriber.redis.subscribe(channel);
    const lastId = await latestId(reader.redis, streamKey);
    return new RedisBus({ instanceId, streamKey, channel, publisher, subscriber, reader, lastId, log });
  } catch (error) {
    await Promise.all(connections.map((c) => c.close()));
    throw error;
  }
}

async function latestId(redis: Redis, key: string): Promise<string> {
  const [last] = await redis.xrevrange(key, '+', '-', 'COUNT', 1);
  return last?.[0] ?? '0-0';
}

interface Watched {
  readonly redis: Redis;
  /**
   * Ends the connection; not reported as an outage. With `graceMs`, QUIT first lets replies still due arrive
   * (a connection that is down or does not answer within `graceMs` is cut).
   */
  close(graceMs?: number): Promise<void>;
}

/** Logs a connection's outages once each (not every retry) and keeps ioredis from printing unhandled errors. */
function watched(redis: Redis, role: string, log: Logger): Watched {
  let down = false;
  let closing = false;
  const lost = (error?: unknown) => {
    if (closing) return;
    if (down) return log.debug('cluster bus: Redis still unavailable', { role, error });
    down = true;
    log.warn('cluster bus: lost the connection to Redis', { role, error });
  };
  redis.on('error', (error: unknown) => lost(error));
  redis.on('close', () => lost());
  redis.on('ready', () => {
    if (down) log.info('cluster bus: reconnected to Redis', { role });
    down = false;
  });
  return {
    redis,
    close: async (graceMs = 0) => {
      closing = true;
      if (graceMs > 0 && redis.status === 'ready') {
        let timer: NodeJS.Timeout | undefined;
        const grace = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, graceMs);
        });
        await Promise.race([redis.quit().catch(() => undefined), grace]);
        clearTimeout(timer);
      }
      redis.disconnect();
    },
  };
}

interface RedisBusParts {
  readonly instanceId: string;
  readonly streamKey: string;
  readonly channel: string;
  readonly publisher: Watched;
  readonly subscriber: Watched;
  readonly reader: Watched;
  readonly lastId: string;
  readonly log: Logger;
}

type UpdatesHandler = (docKey: string, entries: readonly DocUpdateEntry[]) => void;
type AwarenessHandler = (docKey: string, update: Uint8Array) => void;

class RedisBus implements ClusterBus {
  readonly instanceId: string;
  private readonly updateHandlers: UpdatesHandler[] = [];
  private readonly awarenessHandlers: AwarenessHandler[] = [];
  private readonly reader: StreamReader;
  /** Publishes dropped since the last one that went through: an outage is logged once, not per message. */
  private dropped = 0;
  private closing: Promise<void> | null = null;

  constructor(private readonly parts: RedisBusParts) {
    this.instanceId = parts.instanceId;
    this.reader = new StreamReader(
      parts.reader.redis,
      parts.streamKey,
      parts.lastId,
      (entry) => this.receiveUpdates(entry),
      parts.log,
    );
    parts.subscriber.redis.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      if (channel.toString() === parts.channel) this.receiveAwareness(message);
    });
    this.reader.start();
  }

  publishUpdates(docKey: string, entries: readonly DocUpdateEntry[]): void {
    if (this.closing || entries.length === 0) return;
    this.send('updates', () => {
      const fields = encodeUpdateFields({ instanceId: this.instanceId, docKey, entries });
      const { publisher, streamKey } = this.parts;
      return publisher.redis.xaddBuffer(streamKey, 'MAXLEN', '~', STREAM_MAX_LEN, '*', ...fields);
    });
  }

  publishAwareness(docKey: string, update: Uint8Array): void {
    if (this.closing) return;
    this.send('awareness', () => {
      const payload = encodeAwareness({ instanceId: this.instanceId, docKey, update });
      return this.parts.publisher.redis.publish(this.parts.channel, payload);
    });
  }

  onUpdates(handler: UpdatesHandler): void {
    this.updateHandlers.push(handler);
  }

  onAwareness(handler: AwarenessHandler): void {
    this.awarenessHandlers.push(handler);
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    const stopped = this.reader.stop();
    await this.parts.reader.close();
    await stopped;
    await Promise.all([
      this.parts.publisher.close(QUIT_GRACE_MS),
      this.parts.subscriber.close(QUIT_GRACE_MS),
    ]);
  }

  private send(kind: 'updates' | 'awareness', command: () => Promise<unknown>): void {
    const failed = (error: unknown) => {
      this.dropped += 1;
      const fields = { kind, error };
      if (this.dropped === 1) this.parts.log.warn('cluster bus: publishing failed, dropped', fields);
      else this.parts.log.debug('cluster bus: publishing failed, dropped', fields);
    };
    try {
      command().then(() => {
        if (this.dropped === 0) return;
        this.parts.log.info('cluster bus: publishing works again', { dropped: this.dropped });
        this.dropped = 0;
      }, failed);
    } catch (error) {
      failed(error);
    }
  }

  private receiveUpdates(entry: StreamEntry): void {
    const message = decodeUpdateFields(entry.fields);
    if (!message) {
      this.parts.log.warn('cluster bus: skipped a malformed stream entry', { id: entry.id });
      return;
    }
    if (message.instanceId === this.instanceId) return;
    for (const handler of this.updateHandlers) {
      try {
        handler(message.docKey, message.entries);
      } catch (error) {
        this.parts.log.error('cluster bus: an update handler failed', { docKey: message.docKey, error });
      }
    }
  }

  private receiveAwareness(payload: Buffer): void {
    const message = decodeAwareness(payload);
    if (!message) {
      this.parts.log.warn('cluster bus: skipped a malformed awareness message');
      return;
    }
    if (message.instanceId === this.instanceId || this.closing) return;
    for (const handler of this.awarenessHandlers) {
      try {
        handler(message.docKey, message.update);
      } catch (error) {
        this.parts.log.error('cluster bus: an awareness handler failed', { docKey: message.docKey, error });
      }
    }
  }
}
