/**
 * Keeps out, for a while, a participant whose updates were refused as not applicable several times in a short
 * while. Each such refusal costs the server a full decode of the update (tens of milliseconds for a 2 MiB one,
 * during which every board waits), while our own client, once refused, starts again from a fresh copy of the board
 * and does not send the same thing again: a third refusal within minutes is a broken or hostile client.
 */
export class RefusalPenalty {
  private readonly refusals = new Map<string, number[]>();
  private readonly bannedUntil = new Map<string, number>();

  /** `limit` refusals within the window pause the participant; 0 switches this off. */
  constructor(
    private readonly now: () => number,
    private readonly limit: number,
    private readonly windowMs = 10 * 60_000,
    private readonly banMs = 5 * 60_000,
  ) {}

  /** A refused update (4400) of this participant. */
  note(participantId: string): void {
    if (this.limit === 0) return;
    const now = this.now();
    const recent = (this.refusals.get(participantId) ?? []).filter((at) => at > now - this.windowMs);
    recent.push(now);
    if (recent.length < this.limit) {
      this.refusals.set(participantId, recent);
      return;
    }
    this.refusals.delete(participantId);
    this.bannedUntil.set(participantId, now + this.banMs);
  }

  /** Seconds until the participant may connect again; 0 if it may now. */
  retryAfterSeconds(participantId: string): number {
    const until = this.bannedUntil.get(participantId);
    if (until === undefined) return 0;
    const left = until - this.now();
    if (left > 0) return Math.ceil(left / 1000);
    this.bannedUntil.delete(participantId);
    return 0;
  }
}
