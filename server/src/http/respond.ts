import type { ServerResponse } from 'node:http';
import type { ErrorCode } from '@common-ground/shared/api';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; " +
    "object-src 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
};

/** Thrown by handlers; the router turns it into `{error: {code, message}}` with this status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
  });
  res.end(payload);
}

/**
 * A Markdown document the browser shows (or saves under `filename`); never cached, it changes with the board.
 * `language` (a BCP 47 tag from our own list, never the request's text) says which language it is written in; the
 * language may follow Accept-Language, hence the Vary.
 */
export function sendMarkdown(res: ServerResponse, filename: string, markdown: string, language = 'de'): void {
  res.writeHead(200, {
    'Content-Type': 'text/markdown; charset=utf-8',
    'Content-Length': Buffer.byteLength(markdown),
    'Content-Disposition': `inline; filename="${filename}"`,
    'Content-Language': language,
    'Cache-Control': 'no-store',
    Vary: 'Accept-Language',
  });
  res.end(markdown);
}

export function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendJson(res, status, { error: { code, message } });
}
