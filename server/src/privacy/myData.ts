import type {
  Amendment,
  MinutesComment,
  MinutesContent,
  MyDataResponse,
  PartnerProfile,
} from '@common-ground/shared/api';
import type { Attribution } from '@common-ground/shared/schema';
import type { DocEvent } from '../activity/replay';
import type { ActivityService } from '../activity/service';
import type {
  BoardRecord,
  CalendarFeedRecord,
  DeviceLinkSummary,
  HiddenCommentRecord,
  InviteRecord,
  MailRecipientRecord,
  MailSummary,
  MeetingRecord,
  ParticipantRecord,
  PartnerRecord,
  PrivacyNoteRecord,
  ProposedPartnerRecord,
  RelationRecord,
  Storage,
  StoredRound,
} from '../storage/types';

/**
 * A participant's copy of everything stored about them on their board (DSGVO Art. 15; docs/privacy.md, "Your
 * data"). The reads gather the board's rows once; the assembly is pure and keeps only what is the person's own:
 * rows they wrote, rows about them, and the names of organisations and goals those rows need to be readable.
 * Another person is never named in it, nor given by address or id.
 */

/** Everything the assembly reads, as storage and the activity replay return it. */
export interface MyDataSources {
  readonly now: number;
  readonly me: ParticipantRecord;
  readonly board: BoardRecord;
  readonly partners: readonly PartnerRecord[];
  readonly proposedPartners: readonly ProposedPartnerRecord[];
  readonly deviceTimes: readonly number[];
  readonly deviceLinks: readonly DeviceLinkSummary[];
  readonly lastVisitAt: number | null;
  readonly recipient: MailRecipientRecord | null;
  readonly mails: readonly MailSummary[];
  readonly calendarFeed: CalendarFeedRecord | null;
  readonly attributions: readonly Attribution[];
  /** The board document's changes as its update log attributes them (every participant's; filtered here). */
  readonly docEvents: readonly DocEvent[];
  /** The goal's current (or last) title, by the replay. */
  readonly titleOf: (goalId: string) => string;
  readonly hiddenComments: readonly HiddenCommentRecord[];
  readonly rounds: readonly StoredRound[];
  readonly amendments: readonly Amendment[];
  readonly meetings: readonly MeetingWithMinutes[];
  readonly profiles: readonly PartnerProfile[];
  readonly relations: readonly RelationRecord[];
  readonly invites: readonly InviteRecord[];
  readonly privacyNote: PrivacyNoteRecord | null;
}

export interface MeetingWithMinutes {
  readonly meeting: MeetingRecord;
  readonly comments: readonly MinutesComment[];
  readonly attendance: readonly { participantId: string; firstSeenAt: number }[];
  readonly final: MinutesContent | null;
}

export interface MyDataDeps {
  readonly storage: Storage;
  readonly activity: Pick<ActivityService, 'replays'>;
}

/** Reads what the copy of `me`'s data is made from; null if the board is gone. */
export async function readMyData(
  { storage, activity }: MyDataDeps,
  me: ParticipantRecord,
  now: number,
): Promise<MyDataSources | null> {
  const boardId = me.boardId;
  const board = await storage.accounts.getBoard(boardId);
  if (!board) return null;
  const [
    partners,
    proposedPartners,
    deviceTimes,
    deviceLinks,
    lastVisitAt,
    recipient,
    mails,
    calendarFeed,
    attributions,
    replay,
    hiddenComments,
    rounds,
    amendments,
    meetingRecords,
    profiles,
    relations,
    invites,
    privacyNote,
  ] = await Promise.all([
    storage.partners.listPartners(boardId),
    storage.partners.listProposedPartners(boardId),
    storage.personal.listDeviceTimes(me.id),
    storage.personal.listDeviceLinks(me.id),
    storage.people.getLastVisit(me.id),
    storage.mail.getRecipient(me.id),
    storage.personal.listMailsTo(me.id),
    storage.meetings.getCalendarFeedOf(me.id),
    storage.attributions.listAttributions(boardId),
    activity.replays.get(boardId),
    storage.moderation.listHiddenComments(boardId),
    storage.rounds.listRounds(boardId),
    storage.amendments.listAmendments(boardId),
    storage.meetings.listMeetings(boardId),
    storage.network.listProfiles(boardId),
    storage.network.listRelations(boardId, { includeRemoved: true }),
    storage.accounts.listInvites(boardId),
    storage.accounts.getPrivacyNote(boardId),
  ]);
  const meetings = await Promise.all(
    meetingRecords.map(async (meeting): Promise<MeetingWithMinutes> => {
      const [comments, attendance, minutes] = await Promise.all([
        storage.minutes.listComments(meeting.id),
        storage.minutes.listAttendance(meeting.id),
        storage.minutes.getMinutes(meeting.id),
      ]);
      return { meeting, comments, attendance, final: minutes?.final ?? null };
    }),
  );
  return {
    now,
    me,
    board,
    partners,
    proposedPartners,
    deviceTimes,
    deviceLinks,
    lastVisitAt,
    // Rows are keyed by participant, which belongs to one board; the board check costs nothing and holds if not.
    recipient: recipient?.boardId === boardId ? recipient : null,
    mails,
    calendarFeed: calendarFeed?.boardId === boardId ? calendarFeed : null,
    attributions,
    docEvents: [...replay.events],
    titleOf: (goalId) => replay.titleOf(goalId),
    hiddenComments,
    rounds,
    amendments,
    meetings,
    profiles,
    relations,
    invites,
    privacyNote,
  };
}

type Edit = MyDataResponse['edits'][number];
type Round = MyDataResponse['roundsOpened'][number];

/** The person's copy, from what readMyData gathered: pure, so what goes into it is tested without a server. */
export function assembleMyData(s: MyDataSources): MyDataResponse {
  const { me } = s;
  const mine = (id: string | null | undefined): boolean => id === me.id;
  const allPartners = new Map<string, PartnerRecord>(
    [...s.partners, ...s.proposedPartners].map((p) => [p.id, p]),
  );
  const organisation = (id: string | null | undefined) => {
    const partner = id ? allPartners.get(id) : undefined;
    return partner ? { id: partner.id, name: partner.name, kind: partner.kind } : null;
  };
  const partnerName = (id: string): string | null => allPartners.get(id)?.name ?? null;
  const goal = (goalId: string) => ({ goalId, goalTitle: s.titleOf(goalId) });
  const hidden = new Set(s.hiddenComments.map((h) => h.commentId));
  const myEvents = s.docEvents.filter((e) => mine(e.participantId));

  const edits: Edit[] = [];
  const comments: MyDataResponse['comments'] = [];
  for (const event of myEvents) {
    const { change } = event;
    if (change.type === 'comment_added') {
      // Their own words, also when the facilitator hid them from the board: the copy is theirs.
      comments.push({
        ...goal(event.goalId),
        commentId: change.commentId,
        text: change.text,
        at: event.at,
        hidden: hidden.has(change.commentId),
      });
    } else if (change.type === 'wording_changed') {
      if (change.before === change.after) continue;
      edits.push({ ...goal(event.goalId), type: change.type, at: event.at, ...pickWording(change) });
    } else if (
      change.type === 'lead_changed' ||
      change.type === 'commitment_changed' ||
      change.type === 'review_date_changed'
    ) {
      if (change.before === change.after) continue;
      edits.push({
        ...goal(event.goalId),
        type: change.type,
        at: event.at,
        before: change.before,
        after: change.after,
      });
    } else if (change.type !== 'goal_proposed') {
      // A proposal is listed once, under goalsProposed: by the attribution, which names the goal's first writer.
      edits.push({ ...goal(event.goalId), type: change.type, at: event.at });
    }
  }

  const roundOf = (round: StoredRound): Round => ({
    ...goal(round.goalId),
    roundId: round.id,
    roundNumber: round.number,
    visibility: round.visibility,
    openedAt: round.openedAt,
    closedAt: round.closure?.closedAt ?? null,
    outcome: round.closure?.outcome ?? null,
  });
  const stances: MyDataResponse['stances'] = s.rounds.flatMap((round) =>
    round.stances
      .filter(
        (st) =>
          mine(st.recordedBy) ||
          // A facilitator spoke for the person's organisation: the organisation's stance, theirs to see.
          (st.byFacilitator && me.partnerId !== null && st.partnerId === me.partnerId),
      )
      .map((st) => ({
        ...goal(round.goalId),
        roundId: round.id,
        roundNumber: round.number,
        organisation: { id: st.partnerId, name: partnerName(st.partnerId) },
        stance: st.stance,
        reason: st.reason,
        provisionalUntil: st.provisionalUntil,
        at: st.at,
        recordedBy: mine(st.recordedBy) ? ('self' as const) : ('facilitator' as const),
      })),
  );

  const meetingTitle = (m: MeetingWithMinutes) => ({
    meetingId: m.meeting.id,
    meetingTitle: m.meeting.title,
  });
  const status = s.recipient?.confirmedAt ? 'confirmed' : 'pending';

  return {
    format: 'common-ground/my-data',
    version: 1,
    generatedAt: s.now,
    board: { id: s.board.id, title: s.board.title },
    person: {
      id: me.id,
      name: me.name,
      role: me.role,
      color: me.color,
      joinedAt: me.createdAt,
      organisation: organisation(me.partnerId),
      pendingOrganisation: organisation(me.pendingPartnerId),
      removed: me.removed === true,
    },
    devices: {
      count: s.deviceTimes.length,
      issuedAt: [...s.deviceTimes],
      links: s.deviceLinks.map((l) => ({ ...l })),
    },
    lastVisitAt: s.lastVisitAt,
    mail: s.recipient && {
      address: s.recipient.address,
      status,
      confirmedAt: s.recipient.confirmedAt,
      preferences: s.recipient.preferences,
      language: s.recipient.language,
      createdAt: s.recipient.createdAt,
      updatedAt: s.recipient.updatedAt,
    },
    mails: s.mails.map((m) => ({ ...m })),
    calendarFeed: s.calendarFeed && { createdAt: s.calendarFeed.createdAt },
    goalsProposed: s.attributions
      .filter((a) => a.kind === 'goal' && mine(a.participantId))
      .map((a) => ({ ...goal(a.goalId), at: a.at })),
    edits,
    comments,
    translations: s.attributions
      .filter((a) => a.kind === 'translation' && mine(a.participantId))
      .map((a) => ({ ...goal(a.goalId), language: a.id.split(':')[1] ?? '', at: a.at })),
    stances,
    roundsOpened: s.rounds.filter((r) => mine(r.openedBy)).map(roundOf),
    roundsClosed: s.rounds.filter((r) => mine(r.closure?.closedBy)).map(roundOf),
    amendments: s.amendments
      .filter((a) => mine(a.authorId))
      .map((a) => ({
        ...goal(a.goalId),
        id: a.id,
        roundId: a.roundId,
        title: a.title,
        description: a.description,
        proposedAt: a.proposedAt,
        status: a.status,
        resolvedAt: a.resolvedAt,
      })),
    meetingsScheduled: s.meetings
      .filter((m) => mine(m.meeting.createdBy))
      .map(({ meeting }) => ({
        meetingId: meeting.id,
        title: meeting.title,
        start: meeting.start,
        end: meeting.end,
        status: meeting.status,
        createdAt: meeting.createdAt,
      })),
    minutesComments: s.meetings.flatMap((m) =>
      m.comments
        .filter((c) => mine(c.participantId))
        .map((c) => ({ ...meetingTitle(m), text: c.text, at: c.at })),
    ),
    minutesFinalised: s.meetings.flatMap((m) =>
      m.final && mine(m.final.finalisedBy) && m.final.finalisedAt !== null
        ? [{ ...meetingTitle(m), at: m.final.finalisedAt }]
        : [],
    ),
    attendance: s.meetings.flatMap((m) =>
      m.attendance
        .filter((a) => mine(a.participantId))
        .map((a) => ({ ...meetingTitle(m), firstSeenAt: a.firstSeenAt })),
    ),
    profiles: s.profiles
      .filter((p) => mine(p.updatedBy))
      .map((p) => ({
        organisation: { id: p.partnerId, name: partnerName(p.partnerId) },
        description: p.description,
        offers: [...p.offers],
        offersNote: p.offersNote,
        interests: p.interests,
        contact: p.contact,
        updatedAt: p.updatedAt,
      })),
    relations: s.relations
      .filter((r) => mine(r.createdBy))
      .map((r) => ({
        id: r.id,
        from: partnerName(r.from),
        to: partnerName(r.to),
        kind: r.kind,
        strength: r.strength,
        note: r.note,
        createdAt: r.createdAt,
        removedAt: r.removedAt,
      })),
    invites: s.invites
      .filter((i) => mine(i.createdBy))
      .map((i) => ({
        id: i.id,
        role: i.role,
        createdAt: i.createdAt,
        expiresAt: i.expiresAt,
        maxUses: i.maxUses,
        uses: i.uses,
        revokedAt: i.revokedAt,
      })),
    organisationsProposed: s.proposedPartners
      .filter((p) => mine(p.proposedBy))
      .map((p) => ({ id: p.id, name: p.name, kind: p.kind })),
    commentsHidden: s.hiddenComments
      .filter((h) => mine(h.by))
      .map((h) => ({ ...goal(h.goalId), commentId: h.commentId, at: h.at })),
    privacyNoteUpdatedAt: s.privacyNote && mine(s.privacyNote.updatedBy) ? s.privacyNote.updatedAt : null,
  };
}

const pickWording = (change: { field: 'title' | 'description'; before: string; after: string }) => ({
  field: change.field,
  before: change.before,
  after: change.after,
});
