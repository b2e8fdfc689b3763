import { MAX_MAIL_SENDER_NAME_CHARS } from '@common-ground/shared/api';
import { oneLine } from './text';

/** The address in MAIL_FROM (`Name <address>` or a bare address); null when it holds none. */
export function mailAddressOf(from: string): string | null {
  const address = (/<([^<>\s]+@[^<>\s]+)>/.exec(from)?.[1] ?? from).trim();
  return /^[^\s@<>"]+@[^\s@<>"]+$/.test(address) ? address : null;
}

/**
 * A board's sender name as it goes into the From header: one line, at most MAX_MAIL_SENDER_NAME_CHARS, and no
 * `=?`, which would let a typed name pose as an RFC 2047 encoded word that a mail program decodes into something
 * else. Quotes, commas and angle brackets are nodemailer's to quote (it writes the name as a quoted string, or as
 * an encoded word when it is not ASCII); null when nothing is left.
 */
export function displayName(name: string): string | null {
  const cleaned = oneLine(name).replace(/=\?/g, '= ?').slice(0, MAX_MAIL_SENDER_NAME_CHARS).trim();
  return cleaned === '' ? null : cleaned;
}

/** The From of a board's mails: its sender name with MAIL_FROM's address, or MAIL_FROM as it is without a name. */
export function fromOf(configured: string, name: string | null): string | { name: string; address: string } {
  const address = mailAddressOf(configured);
  const shown = name === null ? null : displayName(name);
  return address === null || shown === null ? configured : { name: shown, address };
}
