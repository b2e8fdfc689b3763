import { AwarenessStateSchema } from '@common-ground/shared/schema';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { forbidden, malformed } from './violation';

export interface AwarenessEntry {
  readonly clientId: number;
  readonly clock: number;
  /** The state exactly as received (JSON), so re-encoding changes nothing. */
  readonly json: string;
  readonly state: unknown;
}

/** Decodes an awareness update; each state must be JSON of at most `maxStateBytes` bytes. */
export function parseAwarenessUpdate(update: Uint8Array, maxStateBytes: number): AwarenessEntry[] {
  const raw: { clientId: number; clock: number; json: string }[] = [];
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      raw.push({
        clientId: decoding.readVarUint(decoder),
        clock: decoding.readVarUint(decoder),
        json: decoding.readVarString(decoder),
      });
    }
  } catch {
    throw malformed('Awareness update does not decode');
  }
  return raw.map((entry) => {
    if (Buffer.byteLength(entry.json, 'utf8') > maxStateBytes) {
      throw forbidden(`Awareness state above ${maxStateBytes} bytes`);
    }
    try {
      return { ...entry, state: JSON.parse(entry.json) as unknown };
    } catch {
      throw malformed('Awareness state is not JSON');
    }
  });
}

/**
 * A state a connection sets for its own client id must be null (leaving), `{}` (y-protocols' initial state,
 * which claims no identity), or a valid AwarenessState (no other fields) naming the connection's own
 * participant. Only a connection that may write can say it is editing: an observer (or anyone on the record
 * document) claiming so would show others an "is editing" badge for changes that can never come.
 */
export function checkOwnState(state: unknown, conn: { participantId: string; canWrite: boolean }): void {
  if (state === null || isEmptyObject(state)) return;
  const parsed = AwarenessStateSchema.safeParse(state);
  if (!parsed.success) throw forbidden('Awareness state does not match the schema');
  if (parsed.data.participantId !== conn.participantId)
    throw forbidden('Awareness state claims another participant');
  if (parsed.data.editing && !conn.canWrite)
    throw forbidden('Awareness state claims editing without write access');
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, json } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

function isEmptyObject(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0
  );
}
