import {
  MailSenderRequest,
  MailSettingsRequest,
  MailSettingsResponse,
  MailStatusResponse,
} from '@common-ground/shared/api';
import { z } from 'zod';
import { authenticateForBoard } from '../auth';
import type { AppDeps } from '../deps';
import { linkOrigin } from '../linkOrigin';
import { HttpError } from '../respond';
import { type Router, route } from '../router';

const MY_EMAIL = route('GET', '/api/boards/:boardId/me/email', {
  summary: 'My e-mail address on this board, whether it is confirmed, and what I chose to receive',
  auth: 'participant',
  response: MailSettingsResponse,
});
const SET_MY_EMAIL = route('PUT', '/api/boards/:boardId/me/email', {
  summary: 'Set my e-mail address and choices; a new address gets a confirmation link first (double opt-in)',
  auth: 'participant',
  body: MailSettingsRequest,
  response: MailSettingsResponse,
  errors: [409, 429],
});
const DELETE_MY_EMAIL = route('DELETE', '/api/boards/:boardId/me/email', {
  summary: 'Delete my e-mail address and every mail still queued to it',
  auth: 'participant',
  status: 204,
  response: z.undefined(),
});
const MAIL_STATUS = route('GET', '/api/boards/:boardId/mail/status', {
  summary: 'The board’s mails by status, and who did not get one and why (names, never addresses)',
  auth: 'facilitator',
  response: MailStatusResponse,
});

const SET_MAIL_SENDER = route('PUT', '/api/boards/:boardId/mail/sender', {
  summary:
    'The name shown as the sender of the board’s mails (null: the board’s title); answers the mail status',
  auth: 'facilitator',
  body: MailSenderRequest,
  response: MailStatusResponse,
});

/** A participant's own address (only ever their own: the path names no one else) and the facilitator's view. */
export function registerMailRoutes(router: Router, { storage, mail, config }: AppDeps): void {
  router.add(MY_EMAIL, async ({ req, params, send }) => {
    const me = await authenticateForBoard(req, storage, params.boardId ?? '');
    send(await mail.settings(me));
  });

  router.add(SET_MY_EMAIL, async ({ req, res, params, body, send }) => {
    const me = await authenticateForBoard(req, storage, params.boardId ?? '');
    if (!mail.available) {
      throw new HttpError(409, 'conflict', 'This server sends no e-mail (SMTP_URL is not set)');
    }
    const outcome = await mail.change(me, await body(), linkOrigin(req, config.publicUrl));
    if (outcome.ok) {
      send(outcome.settings);
      return;
    }
    if (outcome.reason === 'unavailable') {
      throw new HttpError(409, 'conflict', 'This server sends no e-mail (SMTP_URL is not set)');
    }
    res.setHeader('Retry-After', String(outcome.retryAfterSeconds));
    throw new HttpError(
      429,
      'rate_limited',
      'A confirmation mail was sent a moment ago; try again in a few minutes',
    );
  });

  router.add(DELETE_MY_EMAIL, async ({ req, params, send }) => {
    const me = await authenticateForBoard(req, storage, params.boardId ?? '');
    await mail.remove(me);
    send(undefined);
  });

  router.add(MAIL_STATUS, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    if (me.role !== 'facilitator')
      throw new HttpError(403, 'forbidden', 'Only a facilitator sees the mail status');
    send(await mail.status(boardId));
  });

  router.add(SET_MAIL_SENDER, async ({ req, params, body, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    if (me.role !== 'facilitator')
      throw new HttpError(403, 'forbidden', 'Only a facilitator sets the sender name');
    send(await mail.setSenderName(me, await body()));
  });
}
