import type { IncomingMessage, ServerResponse } from 'node:http';
import { EXPORT_TAGS } from '../exports/catalogues';
import { sendCalendar } from './calendarFile';
import type { AppDeps } from './deps';
import { exportLocale } from './exportLanguage';
import { linkOrigin } from './linkOrigin';
import { HttpError } from './respond';

const FEED_PATH = /^\/cal\/([^/]+)\.ics$/;

/**
 * `GET /cal/<token>.ics`: a participant's calendar feed. No bearer token (calendar apps cannot send one): the
 * address is the secret. Every way of not being a current feed — malformed, guessed, ended, a removed person —
 * answers the same 404, so the answer tells a guesser nothing.
 */
export async function serveCalendarFeed(
  { calendar, config }: Pick<AppDeps, 'calendar' | 'config'>,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    throw new HttpError(405, 'invalid_input', 'A calendar feed is only read');
  }
  const token = FEED_PATH.exec(url.pathname)?.[1];
  const locale = exportLocale(url.searchParams.get('lang') ?? undefined, req);
  const body = token ? await calendar.feed(token, locale, linkOrigin(req, config.publicUrl)) : null;
  if (body === null) throw new HttpError(404, 'not_found', 'No such calendar feed');
  sendCalendar(req, res, 'common-ground.ics', body, EXPORT_TAGS[locale]);
}
