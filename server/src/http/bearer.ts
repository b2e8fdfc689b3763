import type { IncomingMessage } from 'node:http';

/** The token of `Authorization: Bearer <token>` (scheme case-insensitive); undefined without one. */
export function bearerToken(req: IncomingMessage): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}
