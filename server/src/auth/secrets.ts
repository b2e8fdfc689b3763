import { createHash, randomBytes } from 'node:crypto';

/** A participant's bearer token: 32 random bytes, base64url. Only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 10 characters of Crockford base32 (50 bits): short enough to type from a printed sheet. */
export function newInviteCode(): string {
  let code = '';
  for (const byte of randomBytes(10)) code += CROCKFORD[byte & 31];
  return code;
}
