import type { Logger } from '../log';
import type { PeopleStore } from '../storage/types';
import type { DisconnectEvent, Extension } from './extension';

/**
 * "Since your last visit" starts when a participant's last connection to its board document closes (a second
 * tab still open means the visit goes on). A failed write loses only that highlight, so it is logged, not thrown;
 * writes still running on shutdown are awaited before storage closes.
 */
export class VisitRecorder implements Extension {
  readonly name = 'visits';
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly people: Pick<PeopleStore, 'recordVisit'>,
    private readonly log: Logger,
    private readonly now: () => number,
  ) {}

  onDisconnect({ kind, socket, room }: DisconnectEvent): void {
    if (kind !== 'board' || !room) return;
    const { participantId } = socket;
    for (const other of room.connections) if (other.participantId === participantId) return;
    const write = this.people
      .recordVisit(participantId, this.now())
      .catch((error: unknown) => this.log.warn('visit not recorded', { participantId, error }))
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  async onDestroy(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}
