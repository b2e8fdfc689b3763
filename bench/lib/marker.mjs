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
