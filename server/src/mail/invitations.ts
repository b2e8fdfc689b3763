import type { MeetingRecord } from '../storage/types';
import type { MailBlock } from './compose';
import { type MailKey, type MailText, oneLine } from './text';

/**
 * The three mails about a meeting. Which one a recipient gets depends on what they were told before: a change
 * is an update only for those who had the meeting already (the others get it as an invitation), and a
 * cancellation goes only to those who had it.
 */
export const INVITATION_KINDS = {
  invitation: 'meeting-invitation',
  update: 'meeting-update',
  cancel: 'meeting-cancelled',
} as const;
export type InvitationOccasion = keyof typeof INVITATION_KINDS;

export const isInvitationKind = (kind: string): boolean =>
  (Object.values(INVITATION_KINDS) as string[]).includes(kind);

/**
 * An invitation (or update, or cancellation) waits this long in the outbox before it may go: a facilitator who
 * corrects a typo right after saving, or a script changing the meeting fifty times, sends one mail per
 * recipient, the latest version, because each older one is dropped when it is claimed (its sequence is old).
 */
export const INVITATION_SETTLE_MS = 60_000;

/** `meeting:<meeting id>:` — every mail about one meeting starts so. */
export const meetingKeyPrefix = (meetingId: string): string => `meeting:${meetingId}:`;

/** `meeting:<meeting id>:<sequence>:<participant id>`: one mail per version of the meeting and recipient. */
export const invitationKey = (meetingId: string, sequence: number, participantId: string): string =>
  `${meetingKeyPrefix(meetingId)}${sequence}:${participantId}`;

export function parseInvitationKey(
  key: string | null,
): { meetingId: string; sequence: number; participantId: string } | null {
  const match = key ? /^meeting:([^:]+):(\d+):(.+)$/.exec(key) : null;
  if (!match) return null;
  const [, meetingId = '', sequence = '', participantId = ''] = match;
  return { meetingId, sequence: Number(sequence), participantId };
}

const TEXTS: Readonly<
  Record<
    InvitationOccasion,
    { readonly subject: MailKey; readonly body: MailKey; readonly calendar: MailKey }
  >
> = {
  invitation: { subject: 'invitation.subject', body: 'invitation.body', calendar: 'invitation.calendar' },
  update: {
    subject: 'invitation.update.subject',
    body: 'invitation.update.body',
    calendar: 'invitation.update.calendar',
  },
  cancel: {
    subject: 'invitation.cancel.subject',
    body: 'invitation.cancel.body',
    calendar: 'invitation.cancel.calendar',
  },
};

/** When, in the mail's words: one day's meeting as "13 January 2027, 11:00 to 13:00", a longer one in full. */
function when(text: MailText, meeting: MeetingRecord): string {
  const sameDay = text.date(meeting.start) === text.date(meeting.end);
  return text.t('invitation.range', {
    start: text.dateTime(meeting.start),
    end: sameDay ? text.time(meeting.end) : text.dateTime(meeting.end),
  });
}

export interface InvitationInput {
  readonly text: MailText;
  readonly occasion: InvitationOccasion;
  readonly meeting: MeetingRecord;
  readonly name: string;
  readonly board: string;
  readonly boardLink: string;
  /** Current titles of the goals on the agenda. */
  readonly goalTitles: ReadonlyMap<string, string>;
}

/** Subject and body of an invitation, an update or a cancellation, in the recipient's language. */
export function invitationMail(input: InvitationInput): { subject: string; blocks: MailBlock[] } {
  const { text, occasion, meeting } = input;
  const vars = { board: oneLine(input.board), title: oneLine(meeting.title), date: text.date(meeting.start) };
  const texts = TEXTS[occasion];
  const blocks: MailBlock[] = [
    { text: text.t('greeting', { name: oneLine(input.name) }) },
    { text: text.t(texts.body, vars) },
    { text: text.t('invitation.when', { when: when(text, meeting) }) },
  ];
  if (occasion !== 'cancel') {
    if (meeting.place) blocks.push({ text: text.t('invitation.place', { place: oneLine(meeting.place) }) });
    if (meeting.link) blocks.push({ text: text.t('invitation.video', { link: oneLine(meeting.link) }) });
    if (meeting.agenda.length > 0) {
      blocks.push({
        heading: text.t('invitation.agenda'),
        items: meeting.agenda.map((entry) => {
          if (entry.kind === 'item') return oneLine(entry.text);
          const goal = input.goalTitles.get(entry.goalId);
          return goal === undefined
            ? text.t('invitation.agendaGoalGone')
            : text.t('invitation.agendaGoal', { goal: oneLine(goal) });
        }),
      });
    }
    if (meeting.note) blocks.push({ text: text.t('invitation.note', { note: meeting.note }) });
  }
  blocks.push(
    { text: text.t(texts.calendar) },
    { link: input.boardLink, label: text.t('invitation.button') },
    { text: text.t('footer.choice', vars) },
  );
  return { subject: text.t(texts.subject, vars), blocks };
}
