/**
 * Rooms that server work (a record write, a read for an export, an attribution) left idle stay loaded a little
 * longer, so that a burst of such work on one document loads it once instead of once per write: loading a record
 * document reads its snapshot, log and projection from storage, and in a cluster joins its channel too. At most
 * `max` rooms linger at once; beyond that the longest idle one goes first, so a sweep that visits every board
 * never holds more than `max` of them.
 */
export interface LingerSettings {
  /** How long an idle room stays loaded after server work; 0 unloads at once. */
  readonly ms: number;
  /** The most rooms that may linger at once. */
  readonly max: number;
}

export const NO_LINGER: LingerSettings = { ms: 0, max: 0 };

export class LingeringRooms {
  /** Insertion order is idle order: the first entry has lingered longest. */
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly settings: LingerSettings,
    private readonly expire: (docKey: string) => void,
  ) {}

  /** False if the room must unload now (lingering is off); otherwise it expires after the settings' time. */
  linger(docKey: string): boolean {
    if (this.settings.ms <= 0 || this.settings.max <= 0) return false;
    this.forget(docKey);
    const timer = setTimeout(() => this.fire(docKey), this.settings.ms);
    timer.unref();
    this.timers.set(docKey, timer);
    for (const oldest of this.timers.keys()) {
      if (this.timers.size <= this.settings.max) break;
      this.fire(oldest);
    }
    return true;
  }

  /** The room is in use again, or gone: it no longer lingers. */
  forget(docKey: string): void {
    const timer = this.timers.get(docKey);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers.delete(docKey);
  }

  clear(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private fire(docKey: string): void {
    this.forget(docKey);
    this.expire(docKey);
  }
}
