import { CloseCode } from '@common-ground/shared/protocol';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { checkOwnState, encodeAwarenessEntries, parseAwarenessUpdate } from './awarenessGuard';
import { ConnectionViolation } from './violation';

function awarenessUpdate(entries: { clientId: number; clock?: number; json: string }[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock = 1, json } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, json);
  }
  return encoding.toUint8Array(encoder);
}

function closeCodeOf(run: () => unknown): number | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof ConnectionViolation ? error.code : -1;
  }
}

describe('parseAwarenessUpdate', () => {
  it('decodes entries and re-encodes them byte for byte', () => {
    const update = awarenessUpdate([
      { clientId: 7, clock: 3, json: JSON.stringify({ participantId: 'alice' }) },
      { clientId: 8, clock: 1, json: 'null' },
    ]);
    const entries = parseAwarenessUpdate(update, 4096);
    expect(entries.map((e) => [e.clientId, e.clock, e.state])).toEqual([
      [7, 3, { participantId: 'alice' }],
      [8, 1, null],
    ]);
    expect(encodeAwarenessEntries(entries)).toEqual(update);
  });

  it('refuses a state above the size limit as a policy violation', () => {
    const json = JSON.stringify({ participantId: 'alice', padding: 'x'.repeat(5000) });
    expect(closeCodeOf(() => parseAwarenessUpdate(awarenessUpdate([{ clientId: 7, json }]), 4096))).toBe(
      CloseCode.Forbidden,
    );
  });

  it('refuses undecodable updates and non-JSON states as malformed', () => {
    const truncated = awarenessUpdate([{ clientId: 7, json: '{}' }]).slice(0, 3);
    expect(closeCodeOf(() => parseAwarenessUpdate(truncated, 4096))).toBe(CloseCode.UpdateRefused);
    const notJson = awarenessUpdate([{ clientId: 7, json: '{oops' }]);
    expect(closeCodeOf(() => parseAwarenessUpdate(notJson, 4096))).toBe(CloseCode.UpdateRefused);
  });
});

describe('checkOwnState', () => {
  const writer = { participantId: 'alice', canWrite: true };
  const reader = { participantId: 'alice', canWrite: false };
  const editing = { goalId: 'g1', field: 'title' };

  it('accepts own states, leaving (null) and the empty initial state', () => {
    for (const state of [
      { participantId: 'alice', editing },
      { participantId: 'alice', editing: null },
      null,
      {},
    ]) {
      expect(closeCodeOf(() => checkOwnState(state, writer))).toBeNull();
    }
  });

  it('refuses a state that claims another participant or does not match the schema', () => {
    expect(closeCodeOf(() => checkOwnState({ participantId: 'bob' }, writer))).toBe(CloseCode.Forbidden);
    expect(closeCodeOf(() => checkOwnState({ name: 'Mallory' }, writer))).toBe(CloseCode.Forbidden);
    expect(closeCodeOf(() => checkOwnState([], writer))).toBe(CloseCode.Forbidden);
  });

  it('refuses fields the schema does not have, at the top and inside editing', () => {
    const junk = { participantId: 'alice', padding: 'x'.repeat(4000) };
    expect(closeCodeOf(() => checkOwnState(junk, writer))).toBe(CloseCode.Forbidden);
    const nested = { participantId: 'alice', editing: { ...editing, cursor: 3 } };
    expect(closeCodeOf(() => checkOwnState(nested, writer))).toBe(CloseCode.Forbidden);
  });

  it('lets only a connection that may write claim to be editing', () => {
    expect(closeCodeOf(() => checkOwnState({ participantId: 'alice', editing }, reader))).toBe(
      CloseCode.Forbidden,
    );
    for (const state of [{ participantId: 'alice' }, { participantId: 'alice', editing: null }, null, {}]) {
      expect(closeCodeOf(() => checkOwnState(state, reader))).toBeNull();
    }
  });
});
