import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONFIRM_PATH, UNSUBSCRIBE_PATH } from '../mail/compose';
import { mailPage } from '../mail/pages';
import type { MailService } from '../mail/service';
import { exportLocale } from './exportLanguage';
import { HttpError } from './respond';

/** A one-click body is `List-Unsubscribe=One-Click`; anything far larger is no unsubscribe request. */
const MAX_BODY_BYTES = 1024;

/**
 * The pages the links in mails open, outside /api: `GET /mail/confirm?token=` confirms an address (double opt-in),
 * `GET /mail/unsubscribe?token=` shows a button, and `POST` to the same address unsubscribes (RFC 8058 one-click:
 * a mail program posts `List-Unsubscribe=One-Click`, without login; 200 again for a repeated POST). Returns false
 * for other paths.
 */
export async function serveMailPage(
  mail: MailService,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const isConfirm = url.pathname === CONFIRM_PATH;
  if (!isConfirm && url.pathname !== UNSUBSCRIBE_PATH) return false;
  const method = req.method ?? 'GET';
  const token = url.searchParams.get('token');
  const fallback = exportLocale(undefined, req);
  if (isConfirm && method === 'GET') {
    send(res, mailPage(await mail.confirm(token), fallback, null));
    return true;
  }
  if (!isConfirm && method === 'GET') {
    // The form posts to this very address, token included.
    send(res, mailPage(await mail.unsubscribe(token, false), fallback, `${url.pathname}${url.search}`));
    return true;
  }
  if (!isConfirm && method === 'POST') {
    await drain(req);
    send(res, mailPage(await mail.unsubscribe(token, true), fallback, null));
    return true;
  }
  res.setHeader('Allow', isConfirm ? 'GET' : 'GET, POST');
  throw new HttpError(405, 'invalid_input', 'Method not allowed');
}

function send(res: ServerResponse, page: { status: number; html: string }): void {
  res.writeHead(page.status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(page.html),
    'Cache-Control': 'no-store',
  });
  res.end(page.html);
}

/** Reads (and ignores) the small form body, so the connection can carry the next request. */
async function drain(req: IncomingMessage): Promise<void> {
  const declared = Number(req.headers['content-length']);
  const tooLarge = () => new HttpError(413, 'too_large', 'Request body is too large');
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw tooLarge();
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_BODY_BYTES) throw tooLarge();
  }
}
