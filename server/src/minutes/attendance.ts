import type { ConnectEvent, DisconnectEvent, Extension } from '../hooks/extension';
import type { Logger } from '../log';
import type { Connection } from '../rooms/connection';
import type { MeetingStore, MinutesStore } from '../storage/types';

interface Session {
  readonly boardId: string;
  readonly participantId: string;
  readonly since: number;
}

interface Period {
  readonly start: number;
  readonly end: number;
}

/** Whether a connection open from `since` to `until` was open at some moment of the meeting. */
const overlaps = (since: number, until: number, meeting: Period) =>
  since <= meeting.end && until >= meeting.start;

/**
 * Who attended a meeting, from presence: a participant whose connection to the board document was open at any
 * moment between the meeting's start and end is noted as attending (when it opens during the meeting, and when it
 * closes, for connections that were open across the start). Connections still open are asked for when minutes are
 * read (seenNow). Only this instance's sockets are known here; each instance notes its own when they close. A
 * failed write loses one line of attendance, which the facilitator can add by hand, so it is logged, not thrown.
 */
export class AttendanceRecorder implements Extension {
  readonly name = 'meeting attendance';
  private readonly sessions = new Map<Connection, Session>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly storage: {
      readonly meetings: Pick<MeetingStore, 'listMeetings'>;
      readonly minutes: Pick<MinutesStore, 'recordAttendance'>;
    },
    private readonly log: Logger,
    private readonly now: () => number,
  ) {}

  onConnect({ kind, boardId, socket }: ConnectEvent): void {
    if (kind !== 'board') return;
    const since = this.now();
    this.sessions.set(socket, { boardId, participantId: socket.participantId, since });
    this.track(this.note(boardId, socket.participantId, since, since));
  }

  onDisconnect({ socket }: DisconnectEvent): void {
    const session = this.sessions.get(socket);
    if (!session) return;
    this.sessions.delete(socket);
    this.track(this.note(session.boardId, session.participantId, session.since, this.now()));
  }

  /** Participants connected to the board on this instance now who were so at some moment of the meeting. */
  seenNow(boardId: string, meeting: Period): string[] {
    const now = this.now();
    const seen = new Set<string>();
    for (const session of this.sessions.values()) {
      if (session.boardId === boardId && overlaps(session.since, now, meeting))
        seen.add(session.participantId);
    }
    return [...seen];
  }

  async onDestroy(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  private async note(boardId: string, participantId: string, since: number, until: number): Promise<void> {
    const meetings = await this.storage.meetings.listMeetings(boardId);
    for (const meeting of meetings) {
      if (meeting.status === 'cancelled' || !overlaps(since, until, meeting)) continue;
      await this.storage.minutes.recordAttendance(meeting.id, participantId, Math.max(since, meeting.start));
    }
  }

  private track(write: Promise<void>): void {
    const tracked = write
      .catch((error: unknown) => this.log.warn('attendance not recorded', { error }))
      .finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }
}
