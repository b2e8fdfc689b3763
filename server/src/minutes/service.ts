import {
  type FinaliseMinutesRequest,
  MAX_MINUTES_COMMENTS,
  type MinutesCommentRequest,
  type MinutesContent,
  type MinutesResponse,
  type UpdateMinutesRequest,
} from '@common-ground/shared/api';
import { randomId, readGoals, writeRecordEntries } from '@common-ground/shared/schema';
import type { ActivityService } from '../activity/service';
import { toMeeting } from '../calendar/projection';
import type { BoardProjection, RecordProjector } from '../record/projector';
import { conflict, forbidden, invalid, notFound } from '../refusal';
import { boardDocKey } from '../rooms/docKeys';
import { toPartner } from '../rooms/record';
import type { RoomRegistry } from '../rooms/registry';
import { PUBLIC_VIEWER } from '../rounds/view';
import {
  EMPTY_MINUTES_DRAFT,
  type MeetingRecord,
  type MinutesDraft,
  type MinutesWrite,
  type ParticipantRecord,
  type PersonRecord,
  type Storage,
} from '../storage/types';
import { composeMinutes } from './compose';

/** Told when minutes are finalised (the mail notifier sends them); must not throw. */
export interface MinutesListener {
  minutesFinalised(boardId: string, meetingId: string): void;
}

export interface MinutesServiceDeps {
  readonly storage: Pick<Storage, 'minutes' | 'meetings' | 'partners' | 'people' | 'rounds'>;
  readonly activity: Pick<ActivityService, 'events'>;
  readonly rooms: RoomRegistry;
  readonly projector: RecordProjector;
  /** Participants connected now (on this instance) who were so during the meeting. */
  readonly seenNow: (boardId: string, meeting: { start: number; end: number }) => string[];
  readonly listener?: MinutesListener;
  readonly now: () => number;
}

/**
 * Minutes of meetings. A draft is computed whenever it is read (attendance from presence, what happened on the
 * board during the meeting) and carries what the facilitator added; partners comment on it. Finalising freezes
 * the content in storage (a trigger refuses any later change) and in the record document, by ids only.
 */
export class MinutesService {
  private readonly projector: BoardProjection;

  constructor(private readonly deps: MinutesServiceDeps) {
    this.projector = deps.projector.for('finalised minutes');
  }

  async read(boardId: string, meetingId: string): Promise<MinutesResponse> {
    const meeting = await this.meeting(boardId, meetingId);
    const [stored, people, partners] = await Promise.all([
      this.deps.storage.minutes.getMinutes(meetingId),
      this.deps.storage.people.listPeople(boardId),
      this.deps.storage.partners.listPartners(boardId),
    ]);
    const draft = stored?.draft ?? EMPTY_MINUTES_DRAFT;
    const content = stored?.final ?? {
      ...(await this.compose(meeting, draft, people)),
      finalisedAt: null,
      finalisedBy: null,
    };
    return {
      status: stored?.final ? 'final' : 'draft',
      version: stored?.version ?? 0,
      content,
      corrections: { added: [...draft.attendance.added], removed: [...draft.attendance.removed] },
      people: people.map(({ participant }) => ({
        id: participant.id,
        name: participant.name,
        partnerId: participant.partnerId,
      })),
      partners: partners.map(toPartner),
    };
  }

  async update(
    boardId: string,
    actor: ParticipantRecord,
    meetingId: string,
    change: UpdateMinutesRequest,
  ): Promise<MinutesResponse> {
    mustFacilitate(actor);
    await this.meeting(boardId, meetingId);
    const [stored, people, partners] = await Promise.all([
      this.deps.storage.minutes.getMinutes(meetingId),
      this.deps.storage.people.listPeople(boardId),
      this.deps.storage.partners.listPartners(boardId),
    ]);
    const current = stored?.draft ?? EMPTY_MINUTES_DRAFT;
    const next: MinutesDraft = {
      attendance: change.attendance ?? current.attendance,
      guests: change.guests ?? current.guests,
      nextSteps: change.nextSteps ?? current.nextSteps,
      notes: change.notes === undefined ? current.notes : change.notes,
    };
    checkDraft(next, people, new Set(partners.map((p) => p.id)));
    const result = await this.deps.storage.minutes.saveDraft(
      meetingId,
      boardId,
      next,
      change.version,
      this.deps.now(),
    );
    refuseUnsaved(result);
    return this.read(boardId, meetingId);
  }

  async finalise(
    boardId: string,
    actor: ParticipantRecord,
    meetingId: string,
    request: FinaliseMinutesRequest,
  ): Promise<MinutesResponse> {
    mustFacilitate(actor);
    const meeting = await this.meeting(boardId, meetingId);
    const [stored, people] = await Promise.all([
      this.deps.storage.minutes.getMinutes(meetingId),
      this.deps.storage.people.listPeople(boardId),
    ]);
    if (stored?.final) throw conflict('These minutes are final already');
    if ((stored?.version ?? 0) !== request.version) throw changedMeanwhile();
    const now = this.deps.now();
    const content: MinutesContent = {
      ...(await this.compose(meeting, stored?.draft ?? EMPTY_MINUTES_DRAFT, people)),
      finalisedAt: now,
      finalisedBy: actor.id,
    };
    const result = await this.deps.storage.minutes.finalise(
      meetingId,
      boardId,
      content,
      request.version,
      actor.id,
      now,
    );
    refuseUnsaved(result);
    await this.projector.project(boardId, async () => {
      const frozen = (await this.deps.storage.minutes.getMinutes(meetingId))?.final;
      return frozen ? (doc) => writeRecordEntries(doc, { finalMinutes: [frozen] }) : null;
    });
    this.deps.listener?.minutesFinalised(boardId, meetingId);
    return this.read(boardId, meetingId);
  }

  /** A comment on the draft: by the facilitator or a partner's person; observers only read. */
  async comment(
    boardId: string,
    actor: ParticipantRecord,
    meetingId: string,
    request: MinutesCommentRequest,
  ): Promise<MinutesResponse> {
    if (actor.role === 'observer') throw forbidden('Observers read the minutes; they do not comment on them');
    await this.meeting(boardId, meetingId);
    const result = await this.deps.storage.minutes.addComment(
      {
        id: randomId(),
        meetingId,
        boardId,
        participantId: actor.id,
        text: request.text,
        at: this.deps.now(),
      },
      MAX_MINUTES_COMMENTS,
    );
    if (result === 'final') throw conflict('These minutes are final: they take no more comments');
    if (result === 'limit_reached') throw conflict(`Minutes take at most ${MAX_MINUTES_COMMENTS} comments`);
    return this.read(boardId, meetingId);
  }

  /** The board's meeting; 404 for another board's (as for none), 409 for a cancelled one (it had no minutes). */
  private async meeting(boardId: string, meetingId: string): Promise<MeetingRecord> {
    const meeting = await this.deps.storage.meetings.getMeeting(meetingId);
    if (!meeting || meeting.boardId !== boardId) throw notFound('No such meeting on this board');
    if (meeting.status === 'cancelled') throw conflict('The meeting was cancelled: it has no minutes');
    return meeting;
  }

  private async compose(
    meeting: MeetingRecord,
    draft: MinutesDraft,
    people: readonly PersonRecord[],
  ): Promise<Omit<MinutesContent, 'finalisedAt' | 'finalisedBy'>> {
    const { storage } = this.deps;
    const boardId = meeting.boardId;
    const [attendance, partners, events, rounds, comments, goalTitles] = await Promise.all([
      storage.minutes.listAttendance(meeting.id),
      storage.partners.listPartners(boardId),
      this.deps.activity.events(boardId, PUBLIC_VIEWER),
      storage.rounds.listRounds(boardId),
      storage.minutes.listComments(meeting.id),
      this.deps.rooms.read(
        boardDocKey(boardId),
        (doc) => new Map(readGoals(doc).map((g) => [g.id, g.title])),
      ),
    ]);
    const seen = [...attendance.map((a) => a.participantId), ...this.deps.seenNow(boardId, meeting)];
    return composeMinutes({
      meeting: toMeeting(meeting),
      draft,
      seen,
      participants: new Map(
        people.map(({ participant }) => [participant.id, { partnerId: participant.partnerId }]),
      ),
      partnerIds: [...partners].sort((a, b) => a.name.localeCompare(b.name, 'de')).map((p) => p.id),
      events,
      rounds,
      goalTitles,
      comments,
      now: this.deps.now(),
    });
  }
}

function mustFacilitate(actor: ParticipantRecord): void {
  if (actor.role !== 'facilitator') throw forbidden('Only the facilitator edits and finalises the minutes');
}

const changedMeanwhile = () =>
  conflict('The minutes were changed meanwhile (on another device?): load them again and repeat your change');

function refuseUnsaved(result: MinutesWrite): void {
  if (result === 'final') throw conflict('These minutes are final: they can no longer be changed');
  if (result === 'conflict') throw changedMeanwhile();
}

/**
 * The draft may only name the board's own people and organisations, each guest and step once: an id from another
 * board would name nobody here, and a removed person cannot be added to a meeting after the fact.
 */
function checkDraft(
  draft: MinutesDraft,
  people: readonly PersonRecord[],
  partnerIds: ReadonlySet<string>,
): void {
  const present = new Set(people.filter((p) => p.removedAt === null).map((p) => p.participant.id));
  const known = new Set(people.map((p) => p.participant.id));
  const unknownAdded = draft.attendance.added.filter((id) => !present.has(id));
  if (unknownAdded.length > 0) throw invalid(`no such participant on this board: ${unknownAdded.join(', ')}`);
  const unknownRemoved = draft.attendance.removed.filter((id) => !known.has(id));
  if (unknownRemoved.length > 0)
    throw invalid(`no such participant on this board: ${unknownRemoved.join(', ')}`);
  const named = [
    ...draft.guests.map((g) => g.partnerId),
    ...draft.nextSteps.map((s) => s.ownerPartnerId),
  ].filter((id): id is string => id !== null && !partnerIds.has(id));
  if (named.length > 0) throw invalid(`no such partner on this board: ${[...new Set(named)].join(', ')}`);
  if (new Set(draft.guests.map((g) => g.id)).size !== draft.guests.length)
    throw invalid('a guest is listed twice');
  if (new Set(draft.nextSteps.map((s) => s.id)).size !== draft.nextSteps.length) {
    throw invalid('a next step is listed twice');
  }
}
