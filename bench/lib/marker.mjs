// Latency probes: the writer stamps `@@<seq>|<performance.now()>##` into the value it writes; observers find the
// stamp in the raw update bytes (Yjs stores strings as UTF-8), so no observer has to decode into a Y.Doc.
const OPEN = Buffer.from('@@');

export const stamp = (seq) => `@@${seq}|${performance.now().toFixed(3)}##`;

/** Calls `found(seq, sentAt)` for every stamp in `payload`. */
export function scanStamps(payload, found) {
  let at = payload.indexOf(OPEN);
  while (at !== -1) {
    const end = payload.indexOf(0x23, at + 2); // '#'
    if (end === -1) return;
    const [seq, sentAt] = payload.toString('latin1', at + 2, end).split('|');
    found(Number(seq), Number(sentAt));
    at = payload.indexOf(OPEN, end);
  }
}

/**
 * The number of the first stamp in `bytes`, null if there is none: a byte loop with no allocation, cheap enough
 * to run on every socket write inside a server (servers/probe.mjs).
 */
export function firstStampSeq(bytes) {
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] !== AT || bytes[i + 1] !== AT) continue;
    let j = i + 2;
    const sign = bytes[j] === MINUS ? -1 : 1;
    if (sign < 0) j++;
    let seq = 0;
    for (; j < bytes.length && bytes[j] >= ZERO && bytes[j] <= ZERO + 9; j++)
      seq = seq * 10 + bytes[j] - ZERO;
    return sign * seq;
  }
  return null;
}

const AT = 0x40;
const MINUS = 0x2d;
const ZERO = 0x30;
