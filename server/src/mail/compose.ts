import { randomUUID } from 'node:crypto';
import type { Locale } from '@common-ground/shared/api';
import { hashToken, newToken } from '../auth/secrets';
import type { MailAttachment, NewMail } from '../storage/types';
import { escapeHtml, mailText, oneLine } from './text';

/**
 * One part of a mail's body: a paragraph, a short list under a heading, or a link shown as a button (and as its
 * address in the text part).
 */
export type MailBlock =
  | { readonly text: string }
  | { readonly heading: string; readonly items: readonly string[] }
  | { readonly link: string; readonly label: string };

const plainBlock = (block: MailBlock): string =>
  'text' in block
    ? block.text
    : 'items' in block
      ? [block.heading, ...block.items.map((item) => `- ${item}`)].join('\n')
      : block.link;

function htmlBlock(block: MailBlock): string {
  if ('text' in block) return `<p>${escapeHtml(block.text)}</p>`;
  if ('items' in block) {
    const items = block.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('');
    return `<p style="margin-bottom:4px"><strong>${escapeHtml(block.heading)}</strong></p><ul style="margin-top:0">${items}</ul>`;
  }
  return (
    `<p><a href="${escapeHtml(block.link)}" style="display:inline-block;padding:10px 16px;` +
    `background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px">` +
    `${escapeHtml(block.label)}</a></p>`
  );
}

export interface MailDraft {
  readonly boardId: string;
  readonly recipientId: string;
  readonly kind: string;
  readonly locale: Locale;
  readonly subject: string;
  readonly blocks: readonly MailBlock[];
  /** The origin of every link in the mail (PUBLIC_URL, or the request's for a mail a request queued). */
  readonly origin: string;
  readonly dedupeKey?: string | null;
  readonly now: number;
  readonly attachments?: readonly MailAttachment[];
  /** Not sent before this (see NewMail.sendAfter). */
  readonly sendAfter?: number;
}

/** The path of a confirmation link and of an unsubscribe link (the token goes into `?token=`). */
export const CONFIRM_PATH = '/mail/confirm';
export const UNSUBSCRIBE_PATH = '/mail/unsubscribe';

export const linkWithToken = (origin: string, path: string, token: string): string =>
  `${origin}${path}?token=${encodeURIComponent(token)}`;

/**
 * `<uuid@host>` with the host of the links' origin (PUBLIC_URL in production): generated once, at enqueue, so a
 * mail the sender has to send again after a crash carries the same Message-ID and the receiving side can tell.
 */
export function newMessageId(origin: string): string {
  let host = 'common-ground.invalid';
  try {
    host = new URL(origin).hostname.replace(/^\[|\]$/g, '') || host;
  } catch {
    // An origin that is no URL keeps the placeholder host.
  }
  return `<${randomUUID()}@${host}>`;
}

/**
 * A mail ready for the outbox: plain text and simple HTML from the same blocks, in the recipient's language, with
 * an unsubscribe link of its own in the footer and in the RFC 8058 headers (List-Unsubscribe and
 * List-Unsubscribe-Post: a mail program unsubscribes with one POST, no login). The token is in the mail only; the
 * outbox keeps its hash.
 */
export function composeMail(draft: MailDraft): NewMail {
  const text = mailText(draft.locale);
  const unsubscribeToken = newToken();
  const unsubscribe = linkWithToken(draft.origin, UNSUBSCRIBE_PATH, unsubscribeToken);
  const subject = oneLine(draft.subject);
  const plain = [
    ...draft.blocks.map(plainBlock),
    '-- ',
    `${text.t('footer.unsubscribe')} ${unsubscribe}`,
  ].join('\n\n');
  const body = draft.blocks.map(htmlBlock).join('\n');
  const html = `<!doctype html>
<html lang="${text.lang}"${text.rtl ? ' dir="rtl"' : ''}><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;font-size:16px;line-height:1.5;color:#1f2937;max-width:36em">
${body}
<hr style="border:none;border-top:1px solid #d1d5db">
<p style="font-size:14px;color:#4b5563">${escapeHtml(text.t('footer.unsubscribe'))} <a href="${escapeHtml(unsubscribe)}">${escapeHtml(text.t('footer.unsubscribeLink'))}</a></p>
</body></html>`;
  return {
    id: randomUUID(),
    boardId: draft.boardId,
    recipientId: draft.recipientId,
    kind: draft.kind,
    subject,
    text: plain,
    html,
    headers: {
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    messageId: newMessageId(draft.origin),
    unsubscribeTokenHash: hashToken(unsubscribeToken),
    dedupeKey: draft.dedupeKey ?? null,
    createdAt: draft.now,
    ...(draft.attachments && draft.attachments.length > 0 ? { attachments: draft.attachments } : {}),
    ...(draft.sendAfter === undefined ? {} : { sendAfter: draft.sendAfter }),
  };
}

/** How long a confirmation link works. */
export const CONFIRM_VALID_DAYS = 7;

/** The double opt-in mail: the only one that goes to an address before it is confirmed. */
export function composeConfirmation(input: {
  readonly boardId: string;
  readonly boardTitle: string;
  readonly recipientId: string;
  readonly name: string;
  readonly locale: Locale;
  readonly origin: string;
  readonly confirmToken: string;
  readonly now: number;
}): NewMail {
  const text = mailText(input.locale);
  const board = oneLine(input.boardTitle);
  return composeMail({
    boardId: input.boardId,
    recipientId: input.recipientId,
    kind: 'confirm',
    locale: input.locale,
    subject: text.t('confirm.subject', { board }),
    blocks: [
      { text: text.t('confirm.hello', { name: oneLine(input.name) }) },
      { text: text.t('confirm.body', { board }) },
      {
        link: linkWithToken(input.origin, CONFIRM_PATH, input.confirmToken),
        label: text.t('confirm.button'),
      },
      { text: text.t('confirm.expires', { days: CONFIRM_VALID_DAYS }) },
      { text: text.t('confirm.ignore') },
    ],
    origin: input.origin,
    now: input.now,
  });
}
