import { MessageType } from '@common-ground/shared/protocol';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { frames } from '../../helpers/clients';
import type { Random } from './random';

/** Who sends the frame: a partner on the board document, an observer on it, or a partner on the record. */
export type FuzzTarget = 'writer' | 'observer' | 'record';

export interface FuzzIdentity {
  readonly participantId: string;
  readonly otherParticipantId: string;
  /** A client id some other connection already owns. */
  readonly foreignClientId: number;
}

export interface FuzzCase {
  readonly seed: number;
  readonly target: FuzzTarget;
  /** Base frame and mutation, e.g. `update/truncate`: names the case in a failure message. */
  readonly kind: string;
  readonly frame: Uint8Array;
  /** The close code the server must answer with (pinned regressions). */
  readonly mustClose?: number;
  /** Frames sent before `frame` on the same socket. */
  readonly setup?: readonly Uint8Array[];
}

/** Each pinned update as a writer's live update and as its sync step 2; both must be refused with 4400. */
export function pinnedCases(pinned: readonly { name: string; hex: string }[]): FuzzCase[] {
  return pinned.flatMap(({ name, hex }, index) => {
    const update = new Uint8Array(Buffer.from(hex, 'hex'));
    const step2 = message(MessageType.Sync, (encoder) => {
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(encoder, update);
    });
    // As a live update it comes after the socket's (empty) sync step 2: before it, an update that refers to what
    // the board lacks waits for that step 2 (a client typing on after working offline).
    const synced = message(MessageType.Sync, (encoder) => {
      encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(encoder, new Uint8Array([0, 0]));
    });
    return [
      {
        seed: -1 - index,
        target: 'writer',
        kind: `pinned ${name}/update`,
        frame: frames.update(update),
        mustClose: 4400,
        setup: [synced],
      },
      { seed: -1 - index, target: 'writer', kind: `pinned ${name}/step 2`, frame: step2, mustClose: 4400 },
    ];
  });
}

function message(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** A real Yjs update from a fresh client: text, map and array edits like the board's. */
function randomUpdate(random: Random): Uint8Array {
  const doc = new Y.Doc();
  const name = random.pick(['goals', 'board', 'fuzz', 'comments']);
  if (random.next() < 0.5) doc.getText(`${name}-text`).insert(0, 'x'.repeat(random.int(1, 40)));
  else doc.getMap(name).set(`k${random.int(0, 9)}`, random.int(0, 1000));
  if (random.next() < 0.3) doc.getArray(`${name}-list`).push([random.int(0, 9)]);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

const BASES: Record<string, (random: Random, id: FuzzIdentity) => Uint8Array> = {
  update: (random) => frames.update(randomUpdate(random)),
  step2: (random) =>
    message(MessageType.Sync, (e) => {
      encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(e, randomUpdate(random));
    }),
  step1: (random) =>
    message(MessageType.Sync, (e) => {
      encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep1);
      const sv = encoding.createEncoder();
      const entries = random.int(0, 3);
      encoding.writeVarUint(sv, entries);
      for (let i = 0; i < entries; i++) {
        encoding.writeVarUint(sv, random.int(0, 2 ** 30));
        encoding.writeVarUint(sv, random.int(0, 1000));
      }
      encoding.writeVarUint8Array(e, encoding.toUint8Array(sv));
    }),
  ownAwareness: (random, id) =>
    frames.awareness([{ clientId: random.int(1, 2 ** 30), state: { participantId: id.participantId } }]),
  foreignAwareness: (random, id) =>
    frames.awareness([
      {
        clientId: id.foreignClientId,
        clock: random.int(2, 1000),
        state: { participantId: id.participantId },
      },
    ]),
  impostorAwareness: (random, id) =>
    frames.awareness([{ clientId: random.int(1, 2 ** 30), state: { participantId: id.otherParticipantId } }]),
  bigAwareness: (random, id) =>
    frames.awareness([
      {
        clientId: random.int(1, 2 ** 30),
        state: { participantId: id.participantId, pad: 'p'.repeat(5000) },
      },
    ]),
  queryAwareness: () => new Uint8Array([MessageType.QueryAwareness]),
  auth: (random) =>
    message(MessageType.Auth, (e) => encoding.writeVarString(e, 'x'.repeat(random.int(0, 9)))),
  random: (random) => random.bytes(random.int(0, 64)),
};

/** A varint that claims about 4 GiB follows. */
const HUGE_LENGTH = [0xff, 0xff, 0xff, 0xff, 0x0f];

const MUTATIONS: Record<string, (frame: Uint8Array, random: Random) => Uint8Array> = {
  none: (frame) => frame,
  truncate: (frame, random) => frame.slice(0, random.int(0, Math.max(0, frame.length - 1))),
  flip: (frame, random) => {
    const copy = frame.slice();
    for (let i = random.int(1, 4); i > 0 && copy.length > 0; i--) {
      copy[random.int(0, copy.length - 1)] = random.int(0, 255);
    }
    return copy;
  },
  hugeLength: (frame, random) => {
    // Keep the message type (and the sync step), then claim an absurd payload length.
    const keep = frame[0] === MessageType.Sync ? 2 : 1;
    return Uint8Array.from([...frame.slice(0, keep), ...HUGE_LENGTH, ...random.bytes(random.int(0, 8))]);
  },
  overlongVarint: (frame) => Uint8Array.from([...new Array(12).fill(0x80), ...frame]),
  wrongLength: (frame, random) => {
    const keep = frame[0] === MessageType.Sync ? 2 : 1;
    const payload = frame.slice(keep + 1);
    const claimed = Math.max(0, payload.length + random.pick([-3, -1, 1, 2, 50]));
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, claimed);
    return Uint8Array.from([...frame.slice(0, keep), ...encoding.toUint8Array(encoder), ...payload]);
  },
  unknownType: (frame, random) => {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, random.pick([4, 5, 17, 127, 128, 300, 2 ** 31]));
    return Uint8Array.from([...encoding.toUint8Array(encoder), ...frame.slice(1)]);
  },
  unknownSyncStep: (frame, random) =>
    Uint8Array.from([MessageType.Sync, random.pick([3, 4, 99]), ...frame.slice(2)]),
  trailingGarbage: (frame, random) => Uint8Array.from([...frame, ...random.bytes(random.int(1, 16))]),
  empty: () => new Uint8Array(0),
};

const TARGETS: readonly FuzzTarget[] = ['writer', 'writer', 'writer', 'observer', 'record'];

/** The case of one seed: the same seed always gives the same target, kind and bytes. */
export function fuzzCase(seed: number, random: Random, identity: FuzzIdentity): FuzzCase {
  const target = random.pick(TARGETS);
  const base = random.pick(Object.keys(BASES));
  const mutation = random.next() < 0.2 ? 'none' : random.pick(Object.keys(MUTATIONS));
  const build = BASES[base];
  const mutate = MUTATIONS[mutation];
  if (!build || !mutate) throw new Error('unreachable');
  return { seed, target, kind: `${base}/${mutation}`, frame: mutate(build(random, identity), random) };
}
