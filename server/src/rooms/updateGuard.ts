import * as Y from 'yjs';
import { malformed, tooBig } from './violation';

/**
 * Checks a client's document update before anything is applied: it must decode as a Yjs update, and the document
 * must stay under its size budget (`docBytes` approximates the encoded document size).
 */
export function checkClientUpdate(update: Uint8Array, docBytes: number, maxDocBytes: number): void {
  if (docBytes + update.byteLength > maxDocBytes) {
    throw tooBig(`Update would grow the document above ${maxDocBytes} bytes`);
  }
  try {
    Y.decodeUpdate(update);
  } catch {
    throw malformed('Update does not decode');
  }
}
