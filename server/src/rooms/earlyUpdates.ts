import type { Connection } from './connection';
import { malformed, NotYetApplicable } from './violation';

/** Updates one connection may hold back before its sync step 2 arrives; more is not a person typing. */
const MAX_HELD_UPDATES = 200;

/**
 * Live updates that arrive before their connection's sync step 2 and refer to what that step 2 brings. A client
 * that reconnects after working offline sends its sync step 1, and while it waits for the server's answer the
 * person types on: y-websocket sends each keystroke at once, and each follows on the offline changes that only the
 * step 2 carries. Such updates wait here, in order, and are applied right after the step 2 (then they must apply,
 * or the connection is refused). Anything else that cannot be applied is refused at once.
 */
export class EarlyUpdates {
  private readonly waiting = new Map<Connection, { updates: Uint8Array[]; bytes: number }>();
  private readonly synced = new WeakSet<Connection>();

  constructor(
    private readonly check: (update: Uint8Array) => unknown,
    private readonly maxBytes: number,
  ) {}

  /** True if the update was held back for the connection's sync step 2; throws if it cannot be taken. */
  holds(conn: Connection, update: Uint8Array): boolean {
    if (this.synced.has(conn)) return false;
    const held = this.waiting.get(conn);
    if (!held) {
      try {
        this.check(update);
        return false;
      } catch (error) {
        if (!(error instanceof NotYetApplicable)) throw error;
      }
    }
    // Once one waits, the ones after it wait too: they may follow on it.
    const queue = held ?? { updates: [], bytes: 0 };
    if (queue.updates.length >= MAX_HELD_UPDATES || queue.bytes + update.byteLength > this.maxBytes) {
      this.waiting.delete(conn);
      throw malformed('Too many updates before the first sync');
    }
    queue.updates.push(update);
    queue.bytes += update.byteLength;
    this.waiting.set(conn, queue);
    return true;
  }

  /** The connection's sync step 2 is in: what waited for it, in order; from now on nothing waits. */
  release(conn: Connection): Uint8Array[] {
    this.synced.add(conn);
    const held = this.waiting.get(conn);
    this.waiting.delete(conn);
    return held?.updates ?? [];
  }

  forget(conn: Connection): void {
    this.waiting.delete(conn);
  }
}
