import type { IncomingMessage, ServerResponse } from 'node:http';
import { etagOf, notModified } from './etag';

/**
 * An iCalendar file with a strong ETag: a calendar app that polls a feed with If-None-Match gets a 304 without
 * a body while nothing changed (the files carry no "now": DTSTAMP is each entry's own time). `private`: a feed
 * is one person's, and never for a shared cache; `no-cache`: revalidated on every poll, so changes show at once.
 * `language` is a BCP 47 tag from our own list; it may follow Accept-Language, hence the Vary.
 */
export function sendCalendar(
  req: IncomingMessage,
  res: ServerResponse,
  filename: string,
  body: string,
  language: string,
): void {
  const etag = etagOf(body);
  const headers = {
    ETag: etag,
    'Cache-Control': 'private, no-cache',
    'Content-Language': language,
    Vary: 'Accept-Language',
  };
  if (notModified(req.headers['if-none-match'], etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Content-Disposition': `inline; filename="${filename}"`,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
