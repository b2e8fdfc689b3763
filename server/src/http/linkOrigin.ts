import type { IncomingMessage } from 'node:http';

/**
 * The origin of the links handed out for this request (invites, device links, the projector's QR code):
 * PUBLIC_URL when set (behind a proxy, or round-table mode's LAN address), else the host the request came to.
 */
export const linkOrigin = (req: IncomingMessage, publicUrl: string | null): string =>
  publicUrl ?? `${encrypted(req) ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`;

// A request on the HTTPS listener (TLS_CERT/TLS_KEY) arrives on a TLS socket.
const encrypted = (req: IncomingMessage): boolean =>
  'encrypted' in req.socket && req.socket.encrypted === true;
