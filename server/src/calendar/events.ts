import { DEFAULT_MEETING_TIME_ZONE, type Meeting } from '@common-ground/shared/api';
import type { StoredRound } from '../storage/types';
import type { IcsEvent } from './ics';
import type { CalendarText } from './text';

/** What every event of one board's calendar file needs besides its own data. */
export interface CalendarContext {
  /** The host in UIDs: PUBLIC_URL's, or the machine's name — never the request's, so a UID stays one UID. */
  readonly uidHost: string;
  /** Where links into the board point (PUBLIC_URL, or the origin the request came to). */
  readonly origin: string;
  readonly boardId: string;
  readonly text: CalendarText;
  /** Current goal titles by id, for the agenda. */
  readonly goalTitles: ReadonlyMap<string, string>;
}

/** A link into the board: it carries no token (on a device without access the board explains how to get in). */
export const boardLink = (ctx: Pick<CalendarContext, 'origin' | 'boardId'>): string =>
  `${ctx.origin}/b/${encodeURIComponent(ctx.boardId)}`;

export function meetingEvent(meeting: Meeting, ctx: CalendarContext): IcsEvent {
  const { t } = ctx.text;
  const link = boardLink(ctx);
  const agenda = meeting.agenda.map((entry, i) => {
    const title =
      entry.kind === 'item'
        ? entry.text
        : t('agendaGoal', { title: ctx.goalTitles.get(entry.goalId) ?? t('agendaGoalGone') });
    return `${i + 1}. ${title}`;
  });
  const sections = [
    agenda.length > 0 ? `${t('agenda')}:\n${agenda.join('\n')}` : null,
    meeting.link ? `${t('videoLink')}: ${meeting.link}` : null,
    meeting.note ? `${t('note')}:\n${meeting.note}` : null,
    `${t('openBoard')}: ${link}`,
  ];
  const cancelled = meeting.status === 'cancelled';
  return {
    uid: `meeting-${meeting.id}@${ctx.uidHost}`,
    sequence: meeting.sequence,
    stamp: meeting.updatedAt,
    start: meeting.start,
    end: meeting.end,
    timeZone: meeting.timeZone,
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    summary: cancelled ? t('cancelled', { title: meeting.title }) : meeting.title,
    // A video link with no place is where the meeting is: calendar apps offer LOCATION as the way to join.
    location: meeting.place ?? meeting.link,
    description: sections.filter((s) => s !== null).join('\n\n'),
    url: link,
  };
}

/**
 * A round's deadline as a point in time (DTSTART only), with a reminder a day before. A closed round's deadline
 * is cancelled (sequence 1): a calendar that imported it learns that nothing is due any more.
 */
export function deadlineEvent(round: StoredRound & { deadline: number }, ctx: CalendarContext): IcsEvent {
  const { t } = ctx.text;
  const closed = round.closure !== null;
  const goal = round.wording.title;
  const description = [
    closed ? t('deadlineClosed') : t('deadlineDescription', { number: round.number }),
    `${t('openBoard')}: ${boardLink(ctx)}`,
  ].join('\n\n');
  return {
    uid: `round-${round.id}@${ctx.uidHost}`,
    sequence: closed ? 1 : 0,
    stamp: round.closure?.closedAt ?? round.openedAt,
    start: round.deadline,
    timeZone: DEFAULT_MEETING_TIME_ZONE,
    status: closed ? 'CANCELLED' : 'CONFIRMED',
    summary: t('deadlineSummary', { goal }),
    description,
    url: boardLink(ctx),
    alarm: { beforeMinutes: 24 * 60, text: t('deadlineReminder', { goal }) },
  };
}

export const hasDeadline = (round: StoredRound): round is StoredRound & { deadline: number } =>
  round.deadline !== null;
