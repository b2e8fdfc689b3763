import type { Redis } from 'ioredis';
import type { Logger } from '../log';
import { parseReadReply, type StreamEntry } from './codec';

const BATCH = 500;
/** Redis answers an idle XREAD after this long, which also proves the connection alive (see socketTimeout). */
export const BLOCK_MS = 5000;
/** Wait after a read that Redis refused while connected, so a persistent error does not spin. */
const RETRY_MS = 1000;

/**
 * Follows one stream on a connection of its own (XREAD BLOCK holds the connection). It remembers the id of the
 * last entry it saw and always reads after it, so after a lost connection it resumes where it stopped and no
 * entry still in the stream is missed.
 */
export class StreamReader {
  private stopped = false;
  private done: Promise<void> = Promise.resolve();
  private wake: () => void = () => {};

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private lastId: string,
    private readonly onEntry: (entry: StreamEntry) => void,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.done = this.loop();
  }

  /**
   * Resolves when the loop has ended. A pending XREAD ends it only when answered: the owner disconnects the
   * connection right after calling this, so that close does not wait out the block.
   */
  stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    return this.done;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let entries: StreamEntry[];
      try {
        const reply: unknown = await this.redis.xreadBuffer(
          'COUNT',
          BATCH,
          'BLOCK',
          BLOCK_MS,
          'STREAMS',
          this.key,
          this.lastId,
        );
        entries = parseReadReply(reply);
      } catch (error) {
        if (this.stopped) return;
        // A lost connection is logged by the connection's watcher; a refusal on a live one is news.
        const level = this.redis.status === 'ready' ? 'warn' : 'debug';
        this.log[level]('cluster bus: reading the update stream failed', { error, lastId: this.lastId });
        await this.pause();
        continue;
      }
      for (const entry of entries) {
        if (this.stopped) return;
        this.lastId = entry.id;
        this.onEntry(entry);
      }
    }
  }

  /** Until the connection is ready again (or RETRY_MS if it is ready and Redis refused the read), or stop(). */
  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const ready = this.redis.status === 'ready';
      const timer = ready ? setTimeout(() => finish(), RETRY_MS) : undefined;
      const finish = () => {
        clearTimeout(timer);
        this.redis.off('ready', finish);
        this.wake = () => {};
        resolve();
      };
      if (!ready) this.redis.once('ready', finish);
      this.wake = finish;
    });
  }
}
