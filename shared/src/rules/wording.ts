import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * One field of a wording as it is compared: NFC so that "ü" typed on different keyboards (one code point or
 * u + combining diaeresis) is the same wording, trailing whitespace dropped because a stray space or newline at
 * the end is invisible and must not read as "changed since agreement".
 */
export const canonicalText = (text: string): string => text.normalize('NFC').trimEnd();

/** The string that is hashed; a JSON array keeps the boundary between title and description unambiguous. */
export function canonicalWording(title: string, description: string): string {
  return JSON.stringify([canonicalText(title), canonicalText(description)]);
}

/**
 * SHA-256 hex of the canonical wording. Synchronous and identical in Node and browsers (WebCrypto's digest is
 * async only), so clients can show "changed since agreement" while rendering.
 */
export function wordingHash(title: string, description: string): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalWording(title, description))));
}
