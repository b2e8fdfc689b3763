import {
  type CreateMeetingRequest,
  MAX_MEETING_DURATION_MS,
  MAX_MEETINGS_PER_BOARD,
  type Meeting,
  type UpdateMeetingRequest,
} from '@common-ground/shared/api';
import { randomId, readGoalById, writeRecordEntries } from '@common-ground/shared/schema';
import type { BoardProjection, RecordProjector } from '../record/projector';
import { conflict, forbidden, invalid, notFound } from '../refusal';
import { boardDocKey } from '../rooms/docKeys';
import type { RoomRegistry } from '../rooms/registry';
import type { MeetingRecord, ParticipantRecord, Storage } from '../storage/types';
import { toMeeting } from './projection';

/** Told of every stored change (the mail notifier queues invitations); must not throw, runs after the request's work. */
export interface MeetingListener {
  meetingChanged(boardId: string, meetingId: string): void;
}

export interface MeetingServiceDeps {
  readonly storage: Pick<Storage, 'meetings'>;
  readonly listener?: MeetingListener;
  readonly rooms: RoomRegistry;
  /** The record projector: every participant sees meetings live (and offline) through the record document. */
  readonly projector: RecordProjector;
  readonly now: () => number;
}

/**
 * Meetings: authoritative in storage, written only here (the facilitator schedules, changes and cancels them),
 * then projected into the record document. A change keeps the meeting's id and raises its sequence by one, so a
 * calendar that has the meeting replaces it; a cancelled meeting stays, with status 'cancelled'.
 */
export class MeetingService {
  private readonly projector: BoardProjection;

  constructor(private readonly deps: MeetingServiceDeps) {
    this.projector = deps.projector.for('a meeting change');
  }

  async list(boardId: string): Promise<MeetingRecord[]> {
    return this.deps.storage.meetings.listMeetings(boardId);
  }

  /** The board's meeting; 404 for an id of another board's meeting (as for one that does not exist). */
  async get(boardId: string, meetingId: string): Promise<MeetingRecord> {
    const meeting = await this.deps.storage.meetings.getMeeting(meetingId);
    if (!meeting || meeting.boardId !== boardId) throw notFound('No such meeting on this board');
    return meeting;
  }

  async create(boardId: string, actor: ParticipantRecord, request: CreateMeetingRequest): Promise<Meeting> {
    mustFacilitate(actor);
    await this.checkAgenda(boardId, request.agenda);
    const now = this.deps.now();
    const meeting: MeetingRecord = {
      id: randomId(),
      boardId,
      ...request,
      status: 'scheduled',
      sequence: 0,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    };
    const result = await this.deps.storage.meetings.createMeeting(meeting, MAX_MEETINGS_PER_BOARD);
    if (result === 'limit_reached') {
      throw conflict(`A board holds at most ${MAX_MEETINGS_PER_BOARD} meetings`);
    }
    await this.project(meeting);
    this.deps.listener?.meetingChanged(boardId, meeting.id);
    return toMeeting(meeting);
  }

  async update(
    boardId: string,
    actor: ParticipantRecord,
    meetingId: string,
    change: UpdateMeetingRequest,
  ): Promise<Meeting> {
    mustFacilitate(actor);
    const current = await this.get(boardId, meetingId);
    if (current.status === 'cancelled') throw conflict('The meeting was cancelled; schedule a new one');
    const merged = { ...current, ...change };
    // Each field was checked alone; start and end are checked together once the change is merged.
    if (merged.end <= merged.start || merged.end - merged.start > MAX_MEETING_DURATION_MS) {
      throw invalid('end must be after start, and at most 7 days later');
    }
    if (change.agenda) await this.checkAgenda(boardId, change.agenda);
    return this.store({ ...merged, sequence: current.sequence + 1, updatedAt: this.deps.now() });
  }

  /** Cancels a meeting; cancelling again changes nothing (and answers the meeting as it is). */
  async cancel(boardId: string, actor: ParticipantRecord, meetingId: string): Promise<Meeting> {
    mustFacilitate(actor);
    const current = await this.get(boardId, meetingId);
    if (current.status === 'cancelled') return toMeeting(current);
    return this.store({
      ...current,
      status: 'cancelled',
      sequence: current.sequence + 1,
      updatedAt: this.deps.now(),
    });
  }

  private async store(next: MeetingRecord): Promise<Meeting> {
    if (!(await this.deps.storage.meetings.updateMeeting(next))) {
      throw conflict('The meeting was changed at the same time; load it again and repeat the change');
    }
    await this.project(next);
    this.deps.listener?.meetingChanged(next.boardId, next.id);
    return toMeeting(next);
  }

  /** Goals on an agenda must be the board's own: an id from another board would name nothing here. */
  private async checkAgenda(boardId: string, agenda: CreateMeetingRequest['agenda']): Promise<void> {
    const goalIds = agenda.flatMap((entry) => (entry.kind === 'goal' ? [entry.goalId] : []));
    if (goalIds.length === 0) return;
    const missing = await this.deps.rooms.read(boardDocKey(boardId), (doc) =>
      goalIds.filter((goalId) => readGoalById(doc, goalId) === null),
    );
    if (missing.length > 0) throw invalid(`no such goal on this board: ${missing.join(', ')}`);
  }

  /** Never rejects (see RecordProjector.project): the change is stored whatever happens here. */
  private project(meeting: MeetingRecord): Promise<void> {
    return this.projector.project(meeting.boardId, async () => {
      // Read in turn: the latest stored version is written, whichever change finished its write first.
      const latest = await this.deps.storage.meetings.getMeeting(meeting.id);
      return latest ? (doc) => writeRecordEntries(doc, { meetings: [toMeeting(latest)] }) : null;
    });
  }
}

function mustFacilitate(actor: ParticipantRecord): void {
  if (actor.role !== 'facilitator') throw forbidden('Only the facilitator schedules meetings');
}
