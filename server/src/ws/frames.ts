import * as ws from 'ws';

interface FrameOptions {
  fin: boolean;
  opcode: number;
  mask: boolean;
  readOnly: boolean;
  rsv1: boolean;
}
/** ws exports its Sender (`frame` is documented @public in ws/lib/sender.js); @types/ws does not declare it. */
const { Sender } = ws as unknown as { Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] } };

/** Above this, framing once would copy the payload; ws writes a large message's header and payload apart. */
export const MAX_SHARED_FRAME_BYTES = 64 * 1024;

/**
 * The last message framed: a broadcast sends one message to every socket in a row, so one entry is enough (a
 * message is never changed once sent).
 */
let last: { message: Uint8Array; frame: Buffer } | null = null;

/**
 * The message as one final, unmasked binary websocket frame (what ws itself would write), built once per
 * message and shared by every socket it goes to: an update sent to 500 observers is framed once, not 500 times.
 * null for messages too large to share (send those through ws).
 */
export function sharedFrame(message: Uint8Array): Buffer | null {
  if (message.byteLength > MAX_SHARED_FRAME_BYTES) return null;
  if (last?.message !== message) {
    const payload = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
    const parts = Sender.frame(payload, { fin: true, opcode: 2, mask: false, readOnly: false, rsv1: false });
    last = { message, frame: Buffer.concat(parts) };
  }
  return last.frame;
}
