import type { Locale } from '@common-ground/shared/api';
import type { MailBlock } from './compose';
import { mailText, oneLine } from './text';

/** The kind of the mail that announces a board's deletion (the facilitator's status names it). */
export const DELETION_KIND = 'deletion';

/**
 * `deletion:<requested at>:<participant id>`: one mail per person and deletion request. Undone and asked again,
 * the new request has a new time and is announced again.
 */
export const deletionKey = (requestedAt: number, participantId: string): string =>
  `${DELETION_KIND}:${requestedAt}:${participantId}`;

/** The request time a deletion mail's key names; null for any other key. */
export const deletionRequestOfKey = (key: string | null): number | null => {
  const found = key ? /^deletion:(\d+):.+$/.exec(key) : null;
  return found?.[1] ? Number(found[1]) : null;
};

export interface DeletionMailInput {
  readonly locale: Locale;
  readonly name: string;
  readonly board: string;
  /** When the board will be removed. */
  readonly deleteAfter: number;
  /** The board: `/b/<boardId>`. */
  readonly link: string;
}

/** Subject and body of "the board will be deleted on …", in the recipient's language. */
export function deletionMail(input: DeletionMailInput): { subject: string; blocks: MailBlock[] } {
  const text = mailText(input.locale);
  const vars = { board: oneLine(input.board), date: text.date(input.deleteAfter) };
  return {
    subject: text.t('deletion.subject', vars),
    blocks: [
      { text: text.t('greeting', { name: oneLine(input.name) }) },
      { text: text.t('deletion.body', vars) },
      { text: text.t('deletion.undo') },
      { link: input.link, label: text.t('deletion.button') },
    ],
  };
}
