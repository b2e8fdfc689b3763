import { tooMany } from './violation';

export interface LogBudgetConfig {
  /** Bytes of stored updates one participant may add to one board per window. */
  readonly participantBytes: number;
  /** Bytes of stored updates all participants together may add to one board per window. */
  readonly boardBytes: number;
  readonly windowMs: number;
}

/** A bucket that refills evenly over the window: `level` bytes may be written now; below zero, none. */
interface Bucket {
  level: number;
  at: number;
}

/**
 * How much each participant, and each board, may add to the update log. Insert-and-delete cycles keep a document
 * small while its log grows without end, so the document size limit does not bound the disk; this does. The
 * buckets live as long as the server process, not the room: closing every socket (which unloads the room) does not
 * refill them. A participant who used up theirs is refused; the others go on until the board's own budget is used.
 * A batch is charged after it was applied (its stored size is known only then), so one message may overshoot.
 */
export class LogBudgets {
  private readonly buckets = new Map<string, Bucket>();
  private refusals = 0;

  constructor(
    private readonly config: LogBudgetConfig,
    private readonly now: () => number,
  ) {}

  /** Throws a ConnectionViolation (TooManyChanges) if the participant's or the board's budget is used up. */
  check(docKey: string, participantId: string): void {
    const exhausted =
      this.level(participantKey(docKey, participantId), this.config.participantBytes) <= 0 ||
      this.level(boardKey(docKey), this.config.boardBytes) <= 0;
    if (!exhausted) return;
    this.refusals += 1;
    throw tooMany('Too many changes in a short time; try again later');
  }

  charge(docKey: string, participantId: string, bytes: number): void {
    if (bytes <= 0) return;
    this.take(participantKey(docKey, participantId), this.config.participantBytes, bytes);
    this.take(boardKey(docKey), this.config.boardBytes, bytes);
  }

  /** For the health check: how many writes were refused since the start. */
  stats(): { refusals: number } {
    return { refusals: this.refusals };
  }

  private level(key: string, capacity: number): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return capacity;
    const now = this.now();
    const refilled = bucket.level + ((now - bucket.at) * capacity) / this.config.windowMs;
    if (refilled >= capacity) {
      // Full again: forgetting it keeps the map as small as the set of recent writers.
      this.buckets.delete(key);
      return capacity;
    }
    bucket.level = refilled;
    bucket.at = now;
    return refilled;
  }

  private take(key: string, capacity: number, bytes: number): void {
    const level = this.level(key, capacity);
    this.buckets.set(key, { level: level - bytes, at: this.now() });
  }
}

const participantKey = (docKey: string, participantId: string) => `p\u0000${docKey}\u0000${participantId}`;
const boardKey = (docKey: string) => `b\u0000${docKey}`;
