import { z } from 'zod';
import type { DocUpdateEntry } from './bus';

/**
 * Wire formats of the Redis bus. Everything read back from Redis is checked here: a malformed message is
 * reported as null (the caller logs and skips it), never thrown.
 */

export interface UpdatesMessage {
  readonly instanceId: string;
  readonly docKey: string;
  readonly entries: readonly DocUpdateEntry[];
}

export interface AwarenessMessage {
  readonly instanceId: string;
  readonly docKey: string;
  readonly update: Uint8Array;
}

const MAX_ID_LENGTH = 200;
const MAX_SEQ_DIGITS = 15;

/**
 * Stream entry fields: `i` instance id, `d` document key, then per update `s` (decimal seq) followed by `u`
 * (the update's bytes). Fields are Buffers so updates travel byte for byte.
 */
export function encodeUpdateFields(message: UpdatesMessage): Buffer[] {
  const fields = [
    Buffer.from('i'),
    Buffer.from(message.instanceId),
    Buffer.from('d'),
    Buffer.from(message.docKey),
  ];
  for (const { seq, update } of message.entries) {
    fields.push(Buffer.from('s'), Buffer.from(String(seq)), Buffer.from('u'), Buffer.from(update));
  }
  return fields;
}

export function decodeUpdateFields(fields: unknown): UpdatesMessage | null {
  if (!Array.isArray(fields) || fields.length % 2 !== 0) return null;
  let instanceId: string | null = null;
  let docKey: string | null = null;
  let pendingSeq: number | null = null;
  const entries: DocUpdateEntry[] = [];
  for (let i = 0; i < fields.length; i += 2) {
    const name: unknown = fields[i];
    const value: unknown = fields[i + 1];
    if (!Buffer.isBuffer(name) || !Buffer.isBuffer(value)) return null;
    switch (name.toString('latin1')) {
      case 'i':
        if (instanceId !== null) return null;
        instanceId = parseId(value);
        if (instanceId === null) return null;
        break;
      case 'd':
        if (docKey !== null) return null;
        docKey = parseId(value);
        if (docKey === null) return null;
        break;
      case 's':
        if (pendingSeq !== null) return null;
        pendingSeq = parseSeq(value);
        if (pendingSeq === null) return null;
        break;
      case 'u':
        if (pendingSeq === null) return null;
        // A copy: the reply buffer may be a view into a larger one the client reuses.
        entries.push({ seq: pendingSeq, update: new Uint8Array(value) });
        pendingSeq = null;
        break;
      default:
        return null;
    }
  }
  if (instanceId === null || docKey === null || pendingSeq !== null || entries.length === 0) return null;
  return { instanceId, docKey, entries };
}

const AwarenessHeaderSchema = z.object({
  i: z.string().min(1).max(MAX_ID_LENGTH),
  d: z.string().min(1).max(MAX_ID_LENGTH),
});

/** A JSON header, a zero byte (JSON text never contains one), then the awareness update's bytes. */
export function encodeAwareness(message: AwarenessMessage): Buffer {
  const header = Buffer.from(JSON.stringify({ i: message.instanceId, d: message.docKey }));
  return Buffer.concat([header, Buffer.from([0]), message.update]);
}

export function decodeAwareness(payload: Buffer): AwarenessMessage | null {
  const end = payload.indexOf(0);
  if (end < 0) return null;
  let json: unknown;
  try {
    json = JSON.parse(payload.subarray(0, end).toString('utf8'));
  } catch {
    return null;
  }
  const header = AwarenessHeaderSchema.safeParse(json);
  if (!header.success) return null;
  return {
    instanceId: header.data.i,
    docKey: header.data.d,
    update: new Uint8Array(payload.subarray(end + 1)),
  };
}

export interface StreamEntry {
  readonly id: string;
  /** Unchecked: decode with decodeUpdateFields. */
  readonly fields: unknown;
}

const STREAM_ID = /^\d+-\d+$/;

/**
 * The entries of an `XREAD … STREAMS <one key>` reply (null when the read timed out). Throws if the reply
 * itself has an unexpected shape, since then no entry id can be trusted to resume from.
 */
export function parseReadReply(reply: unknown): StreamEntry[] {
  if (reply === null) return [];
  const stream: unknown = Array.isArray(reply) && reply.length === 1 ? reply[0] : null;
  const items: unknown = Array.isArray(stream) && stream.length === 2 ? stream[1] : null;
  if (!Array.isArray(items)) throw new Error('Unexpected XREAD reply shape');
  return items.map((item: unknown) => {
    const id: unknown = Array.isArray(item) ? item[0] : null;
    const text = Buffer.isBuffer(id) ? id.toString('latin1') : typeof id === 'string' ? id : '';
    if (!STREAM_ID.test(text)) throw new Error('Unexpected XREAD entry id');
    return { id: text, fields: Array.isArray(item) ? item[1] : null };
  });
}

function parseId(value: Buffer): string | null {
  if (value.length === 0 || value.length > MAX_ID_LENGTH) return null;
  const text = value.toString('utf8');
  return text.includes('\uFFFD') ? null : text;
}

function parseSeq(value: Buffer): number | null {
  const text = value.toString('latin1');
  if (!/^[1-9]\d*$/.test(text) || text.length > MAX_SEQ_DIGITS) return null;
  return Number(text);
}
