import type { Locale, MinutesResponse } from '@common-ground/shared/api';
import { exportText } from '../exports/text';
import { minutesMarkdown } from '../minutes/markdown';
import type { MailAttachment } from '../storage/types';
import type { MailBlock } from './compose';
import { mailText, oneLine } from './text';

/** The kind of the mail that carries finalised minutes (the facilitator's status names it "Protokoll"). */
export const MINUTES_KIND = 'minutes';

/** `minutes:<meeting id>:<participant id>`: finalised minutes never change, so each person gets them once. */
export const minutesKey = (meetingId: string, participantId: string): string =>
  `${MINUTES_KIND}:${meetingId}:${participantId}`;

export const minutesOfKey = (key: string | null): string | null =>
  key ? (/^minutes:([^:]+):.+$/.exec(key)?.[1] ?? null) : null;

/** The meeting's day where it was held, 'YYYY-MM-DD' (en-CA writes dates so), for the attachment's name. */
const meetingDay = (minutes: MinutesResponse): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: minutes.content.meeting.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(minutes.content.meeting.start);

export interface MinutesMailInput {
  readonly minutes: MinutesResponse;
  /** The recipient's language: the mail and the attached minutes are written in it. */
  readonly locale: Locale;
  readonly name: string;
  readonly board: string;
  /** The minutes on the board: `/b/<boardId>/minutes/<meetingId>`. */
  readonly link: string;
  /** Attachments already written, by language (shared across the recipients of one finalisation). */
  readonly files: Map<string, MailAttachment>;
}

/** Subject, body and the attached Markdown of the mail with finalised minutes, in the recipient's language. */
export function minutesMail(input: MinutesMailInput): {
  subject: string;
  blocks: MailBlock[];
  attachment: MailAttachment;
} {
  const { minutes, locale } = input;
  const text = mailText(locale);
  const { meeting } = minutes.content;
  const vars = { board: oneLine(input.board), title: oneLine(meeting.title), date: text.date(meeting.start) };
  let attachment = input.files.get(locale);
  if (!attachment) {
    attachment = {
      filename: text.t('minutes.filename', { date: meetingDay(minutes) }),
      contentType: 'text/markdown; charset=utf-8',
      content: minutesMarkdown(minutes, exportText(locale), { board: input.board }),
    };
    input.files.set(locale, attachment);
  }
  const blocks: MailBlock[] = [
    { text: text.t('greeting', { name: oneLine(input.name) }) },
    { text: text.t('minutes.body', vars) },
    { text: text.t('minutes.attached') },
    { link: input.link, label: text.t('minutes.button') },
    { text: text.t('footer.choice', vars) },
  ];
  return { subject: text.t('minutes.subject', vars), blocks, attachment };
}
