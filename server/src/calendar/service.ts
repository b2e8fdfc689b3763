import { randomBytes, timingSafeEqual } from 'node:crypto';
import os from 'node:os';
import {
  CALENDAR_FEED_TOKEN,
  type CalendarFeedCreated,
  type CalendarFeedStatus,
  type Locale,
} from '@common-ground/shared/api';
import { readGoals } from '@common-ground/shared/schema';
import { hashToken } from '../auth/secrets';
import { notFound } from '../refusal';
import { boardDocKey } from '../rooms/docKeys';
import type { RoomRegistry } from '../rooms/registry';
import type { MeetingRecord, ParticipantRecord, Storage, StoredRound } from '../storage/types';
import { type CalendarContext, deadlineEvent, hasDeadline, meetingEvent } from './events';
import { type IcsEvent, icsCalendar } from './ics';
import { toMeeting } from './projection';
import { calendarText } from './text';

export interface CalendarServiceDeps {
  readonly storage: Pick<Storage, 'meetings' | 'rounds' | 'accounts' | 'people'>;
  readonly rooms: RoomRegistry;
  readonly publicUrl: string | null;
  readonly now: () => number;
}

/** How often a subscribed calendar app is asked to look again; an unchanged feed costs it a 304. */
export const FEED_REFRESH_MINUTES = 60;

/**
 * Calendar files: one meeting, one round's deadline, and each participant's feed. Calendar apps cannot send a
 * bearer token, so a feed is reached by a secret address of its own: made (and remade, which ends the old one)
 * and ended by its participant; only the secret's hash is stored, and it is compared in constant time.
 */
export class CalendarService {
  /** The host in every UID: PUBLIC_URL's, else this machine's name; fixed for the server's life. */
  readonly uidHost: string;

  constructor(private readonly deps: CalendarServiceDeps) {
    this.uidHost = deps.publicUrl ? new URL(deps.publicUrl).hostname : os.hostname() || 'localhost';
  }

  async meetingFile(boardId: string, meetingId: string, locale: Locale, origin: string): Promise<string> {
    const [meeting, board] = await Promise.all([
      this.deps.storage.meetings.getMeeting(meetingId),
      this.deps.storage.accounts.getBoard(boardId),
    ]);
    if (!meeting || meeting.boardId !== boardId || !board) throw notFound('No such meeting on this board');
    const ctx = await this.context(boardId, [meeting], locale, origin);
    return icsCalendar({ name: meeting.title, events: [meetingEvent(toMeeting(meeting), ctx)] });
  }

  /**
   * The .ics an invitation mail carries: the same event as meetingFile (same UID and SEQUENCE, so a calendar
   * replaces what it has), as METHOD:REQUEST for a new or changed meeting and METHOD:CANCEL for a cancelled one.
   * With it, the current titles of the goals on the agenda (for the mail's own agenda).
   */
  async invitationFile(
    meeting: MeetingRecord,
    locale: Locale,
    origin: string,
    organizer: IcsEvent['organizer'] | null,
  ): Promise<{ readonly ics: string; readonly goalTitles: ReadonlyMap<string, string> }> {
    const ctx = await this.context(meeting.boardId, [meeting], locale, origin);
    const event = meetingEvent(toMeeting(meeting), ctx);
    const ics = icsCalendar({
      name: meeting.title,
      method: meeting.status === 'cancelled' ? 'CANCEL' : 'REQUEST',
      events: [organizer ? { ...event, organizer } : event],
    });
    return { ics, goalTitles: ctx.goalTitles };
  }

  async deadlineFile(boardId: string, roundId: string, locale: Locale, origin: string): Promise<string> {
    const round = await this.deps.storage.rounds.getRound(roundId);
    if (!round || round.boardId !== boardId) throw notFound('No such round on this board');
    if (!hasDeadline(round)) throw notFound('This round has no deadline');
    const ctx = await this.context(boardId, [], locale, origin);
    const event = deadlineEvent(round, ctx);
    return icsCalendar({ name: event.summary, events: [event] });
  }

  async feedStatus(me: ParticipantRecord): Promise<CalendarFeedStatus> {
    const feed = await this.deps.storage.meetings.getCalendarFeedOf(me.id);
    return { active: feed !== null, createdAt: feed?.createdAt ?? null };
  }

  /** A new secret address for the participant's feed; an earlier one stops working at once. */
  async createFeed(me: ParticipantRecord, origin: string, locale: Locale): Promise<CalendarFeedCreated> {
    const feedId = randomBytes(16).toString('base64url');
    const secret = randomBytes(32).toString('base64url');
    const createdAt = this.deps.now();
    await this.deps.storage.meetings.setCalendarFeed({
      participantId: me.id,
      boardId: me.boardId,
      feedId,
      secretHash: hashToken(secret),
      createdAt,
    });
    // The language travels in the address: a calendar app polls without the person's language settings.
    const path = `/cal/${feedId}${secret}.ics${locale === 'de' ? '' : `?lang=${encodeURIComponent(locale)}`}`;
    const url = `${origin}${path}`;
    return { url, webcalUrl: url.replace(/^https?:/, 'webcal:'), createdAt };
  }

  removeFeed(me: ParticipantRecord): Promise<boolean> {
    return this.deps.storage.meetings.removeCalendarFeed(me.id);
  }

  /**
   * The feed behind a token: the board's meetings (cancelled ones included, so apps drop them) and the deadlines
   * of the open rounds in which the participant's organisation has a voice (all open rounds for a facilitator,
   * who runs them; none for an observer). Null — answered 404 — for a malformed, unknown, ended or guessed token
   * and for a participant who was removed from the board.
   */
  async feed(token: string, locale: Locale, origin: string): Promise<string | null> {
    const match = CALENDAR_FEED_TOKEN.exec(token);
    if (!match) return null;
    const [, feedId = '', secret = ''] = match;
    const feed = await this.deps.storage.meetings.findCalendarFeed(feedId);
    if (!feed) return null;
    const given = Buffer.from(hashToken(secret), 'hex');
    const stored = Buffer.from(feed.secretHash, 'hex');
    if (stored.length !== given.length || !timingSafeEqual(given, stored)) return null;
    const [people, board, meetings, rounds] = await Promise.all([
      this.deps.storage.people.listPeople(feed.boardId),
      this.deps.storage.accounts.getBoard(feed.boardId),
      this.deps.storage.meetings.listMeetings(feed.boardId),
      this.deps.storage.rounds.listOpenRounds(feed.boardId),
    ]);
    const person = people.find((p) => p.participant.id === feed.participantId);
    if (!person || person.removedAt !== null || !board) return null;
    const me = person.participant;
    const deadlines = rounds
      .filter(hasDeadline)
      .filter((round) =>
        me.role === 'facilitator'
          ? true
          : me.partnerId !== null && round.eligiblePartnerIds.includes(me.partnerId),
      );
    const ctx = await this.context(feed.boardId, meetings, locale, origin);
    return icsCalendar({
      name: ctx.text.t('calendarName', { board: board.title }),
      refreshMinutes: FEED_REFRESH_MINUTES,
      events: [
        ...meetings.map((meeting) => meetingEvent(toMeeting(meeting), ctx)),
        ...deadlines.map((round: StoredRound & { deadline: number }) => deadlineEvent(round, ctx)),
      ],
    });
  }

  private async context(
    boardId: string,
    meetings: readonly MeetingRecord[],
    locale: Locale,
    origin: string,
  ): Promise<CalendarContext> {
    // The board document is read only when an agenda names a goal (its title is the current one).
    const needsGoals = meetings.some((m) => m.agenda.some((entry) => entry.kind === 'goal'));
    const goalTitles = needsGoals
      ? await this.deps.rooms.read(
          boardDocKey(boardId),
          (doc) => new Map(readGoals(doc).map((goal) => [goal.id, goal.title])),
        )
      : new Map<string, string>();
    return { uidHost: this.uidHost, origin, boardId, text: calendarText(locale), goalTitles };
  }
}
