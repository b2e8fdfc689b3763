import { randomUUID } from 'node:crypto';
import type { Logger } from '../log';
import type { ClaimedMail, MailStore } from '../storage/types';
import { describeFailure } from './failure';
import type { MailTransport } from './transport';

/** Retry after 1 min, 2, 4, … doubling up to 6 h; after MAX_ATTEMPTS attempts the mail has failed for good. */
export const FIRST_RETRY_MS = 60_000;
export const MAX_RETRY_MS = 6 * 60 * 60_000;
/** 1 + 2 + … + 256 min: about eight and a half hours of trying before the facilitator sees a failure. */
export const MAX_ATTEMPTS = 10;

/** When to try again after the `attempts`-th failed attempt; null = give up. */
export function retryAt(attempts: number, now: number, maxAttempts = MAX_ATTEMPTS): number | null {
  if (attempts >= maxAttempts) return null;
  return now + Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

export interface OutboxSenderOptions {
  readonly store: MailStore;
  readonly transport: MailTransport;
  readonly log: Logger;
  readonly now: () => number;
  /** How often the outbox is looked at for due mails (retries, and mails other instances queued). */
  readonly intervalMs?: number;
  /** How long a claim holds: another instance takes a mail over only after this (a crashed sender's mails). */
  readonly leaseMs?: number;
  readonly batch?: number;
  /**
   * Ends every lease at start: right for SQLite, where this is the only process, so a lease in the table is a
   * crashed predecessor's. With PostgreSQL leases run out instead (another instance may be sending).
   */
  readonly releaseOnStart?: boolean;
  /**
   * Asked for every claimed mail right before it is handed over: false = its reason is gone (the organisation
   * answered meanwhile, the round closed, the recipient turned that kind off), so it is dropped, not sent.
   */
  readonly stillWanted?: (mail: ClaimedMail) => Promise<boolean>;
}

/**
 * The outbox's worker: claims due mails with a lease, hands them to the SMTP server and records the outcome.
 * Delivery is at least once: a mail is marked sent after the server accepted it, so only a crash between the
 * two sends it again (with the same Message-ID). Sending runs beside requests and updates, never inside them.
 */
export class OutboxSender {
  /** Names this process's leases; a new one per start, so a restarted process never mistakes old leases for its own. */
  readonly worker = randomUUID();
  private readonly intervalMs: number;
  private readonly leaseMs: number;
  private readonly batch: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private again = false;
  private stopping = false;

  constructor(private readonly options: OutboxSenderOptions) {
    this.intervalMs = options.intervalMs ?? 5000;
    this.leaseMs = options.leaseMs ?? 10 * 60_000;
    this.batch = options.batch ?? 10;
  }

  /** Starts the timer; the first sweep runs at once (mails queued before a restart). */
  async start(): Promise<void> {
    if (this.options.releaseOnStart) await this.options.store.releaseClaims(null);
    this.timer = setInterval(() => this.wake(), this.intervalMs);
    this.timer.unref();
    this.wake();
  }

  /** A mail was queued: sweep now rather than at the next tick (or right after the sweep that runs). */
  wake(): void {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
    this.running.catch(() => {});
  }

  /**
   * Sends every due mail now and resolves with how many went out: after a sweep already running (which may have
   * missed what was queued since) another one. Tests call this instead of waiting for the timer.
   */
  async sweep(): Promise<number> {
    while (this.running) await this.running.catch(() => 0);
    const mine = this.run();
    this.running = mine;
    try {
      return await mine;
    } finally {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    }
  }

  /** Stops the timer and waits for the sweep that runs; mails it had not started are given back (lease ended). */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.running) await this.running.catch(() => 0);
    await this.options.store.releaseClaims(this.worker).catch(() => {});
    this.options.transport.close();
  }

  private async run(): Promise<number> {
    let sent = 0;
    // Each board's sender name, read once per sweep: a batch of fifty digests asks the database once per board.
    const names = new Map<string, Promise<string | null>>();
    const nameOf = (boardId: string) => {
      let name = names.get(boardId);
      if (!name) {
        name = this.options.store.senderNameOf(boardId).catch(() => null);
        names.set(boardId, name);
      }
      return name;
    };
    try {
      for (;;) {
        if (this.stopping) break;
        const now = this.options.now();
        const claimed = await this.options.store.claimDue(this.worker, now, now + this.leaseMs, this.batch);
        for (const mail of claimed) {
          if (this.stopping) break;
          if (!(await this.wanted(mail))) continue;
          if (await this.deliver(mail, await nameOf(mail.boardId))) sent++;
        }
        if (claimed.length < this.batch) break;
      }
    } catch (error) {
      this.options.log.error('mail sweep failed', { error });
    }
    return sent;
  }

  /** Whether the claimed mail still has its reason; a mail that has none is removed from the outbox here. */
  private async wanted(mail: ClaimedMail): Promise<boolean> {
    const { stillWanted, store, log, now } = this.options;
    if (!stillWanted) return true;
    let wanted: boolean;
    try {
      wanted = await stillWanted(mail);
    } catch (error) {
      // Could not tell (storage trouble): try again later rather than send a mail that may be stale.
      const failure = describeFailure(error);
      await store.markFailed(mail.id, failure.message, retryAt(mail.attempts, now()), now());
      log.warn('mail not checked, will retry', { mailId: mail.id, kind: mail.kind, error: failure.message });
      return false;
    }
    if (!wanted) {
      await store.dropMail(mail.id);
      log.debug('mail dropped: its reason is gone', { mailId: mail.id, kind: mail.kind });
    }
    return wanted;
  }

  private async deliver(mail: ClaimedMail, fromName: string | null): Promise<boolean> {
    const { store, transport, log, now } = this.options;
    try {
      await transport.send(mail, fromName);
    } catch (error) {
      const failure = describeFailure(error);
      const next = failure.permanent ? null : retryAt(mail.attempts, now());
      await store.markFailed(mail.id, failure.message, next, now());
      log.warn(next === null ? 'mail failed for good' : 'mail failed, will retry', {
        mailId: mail.id,
        kind: mail.kind,
        attempts: mail.attempts,
        error: failure.message,
      });
      return false;
    }
    // Accepted by the SMTP server: from here only a crash before this write sends it again.
    await store.markSent(mail.id, now());
    return true;
  }
}
