// A lean sync client that speaks both wire formats: y-websocket's (our server, @y/websocket-server) and
// Hocuspocus's (document name before every message, an Auth frame first). With a Y.Doc it applies what it
// receives like a provider does; without one it only scans frames, so one process can hold hundreds of observers.
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';

const SYNC = 0;
const AWARENESS = 1;
const AUTH = 2;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
const HOCUS_SYNC_REPLY = 4;
const HOCUS_AUTH_TOKEN = 0;
const HOCUS_AUTH_DENIED = 1;

/**
 * @typedef {{ url: string, framing: 'yws' | 'hocus', docName: string, token: string }} Target where one
 *   document lives and how to talk to it
 */

export class WireClient {
  /**
   * @param {Target} target
   * @param {{ doc?: Y.Doc, applyIncoming?: boolean, onPayload?: (payload: Buffer, at: number) => void,
   *   onAwareness?: () => void }} options
   *   `onPayload` sees every received update and sync step 2 payload, with the receive time; a writer that only
   *   needs its own state sets `applyIncoming: false`; `onAwareness` counts presence frames (not decoded)
   */
  constructor(target, options = {}) {
    this.target = target;
    this.doc = options.doc ?? null;
    this.onPayload = options.onPayload ?? null;
    this.onAwareness = options.onAwareness ?? null;
    this.applyIncoming = options.applyIncoming ?? true;
    this.prefix = target.framing === 'hocus' ? prefixFor(target.docName) : new Uint8Array(0);
    this.openedAt = 0;
    this.syncedAt = 0;
    this.bytesIn = 0;
    this.closed = false;
    this.ws = new WebSocket(target.url, { perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    this.synced = new Promise((resolve, reject) => {
      this.resolveSynced = resolve;
      this.rejectSynced = reject;
    });
    // A failure before sync rejects `synced`; after it only `closed` tells.
    this.synced.catch(() => {});
    this.ws.on('open', () => this.onOpen());
    this.ws.on('message', (data) => this.onMessage(data));
    this.ws.on('error', (error) => this.rejectSynced(error));
    this.ws.on('close', (code) => {
      this.closed = true;
      this.rejectSynced(new Error(`closed with ${code} before sync`));
    });
    if (this.doc) {
      this.doc.on('update', (update, origin) => {
        if (origin !== this) this.sendUpdate(update);
      });
    }
  }

  onOpen() {
    this.openedAt = performance.now();
    if (this.target.framing === 'hocus') {
      this.send((e) => {
        encoding.writeVarUint(e, AUTH);
        encoding.writeVarUint(e, HOCUS_AUTH_TOKEN);
        encoding.writeVarString(e, this.target.token);
      });
    }
    const stateVector = this.doc ? Y.encodeStateVector(this.doc) : new Uint8Array([0]);
    this.send((e) => {
      encoding.writeVarUint(e, SYNC);
      encoding.writeVarUint(e, STEP1);
      encoding.writeVarUint8Array(e, stateVector);
    });
  }

  onMessage(data) {
    const at = performance.now();
    this.bytesIn += data.byteLength;
    const decoder = decoding.createDecoder(data);
    if (this.target.framing === 'hocus') decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === AUTH && this.target.framing === 'hocus') {
      if (decoding.readVarUint(decoder) === HOCUS_AUTH_DENIED) this.rejectSynced(new Error('auth denied'));
      return;
    }
    if (type === AWARENESS) this.onAwareness?.();
    if (type !== SYNC && type !== HOCUS_SYNC_REPLY) return;
    const step = decoding.readVarUint(decoder);
    if (step === STEP1) {
      // Answer like a provider, so servers that wait for the client's state get it; observers have none.
      const stateVector = decoding.readVarUint8Array(decoder);
      const update = this.doc ? Y.encodeStateAsUpdate(this.doc, stateVector) : EMPTY_UPDATE;
      this.send((e) => {
        encoding.writeVarUint(e, SYNC);
        encoding.writeVarUint(e, STEP2);
        encoding.writeVarUint8Array(e, update);
      });
      return;
    }
    if (step !== STEP2 && step !== UPDATE) return;
    const payload = decoding.readVarUint8Array(decoder);
    if (this.doc && this.applyIncoming) Y.applyUpdate(this.doc, payload, this);
    this.onPayload?.(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength), at);
    if (step === STEP2 && !this.syncedAt) {
      this.syncedAt = at;
      this.resolveSynced(at);
    }
  }

  sendUpdate(update) {
    this.send((e) => {
      encoding.writeVarUint(e, SYNC);
      encoding.writeVarUint(e, UPDATE);
      encoding.writeVarUint8Array(e, update);
    });
  }

  /** One awareness entry for this client's Y.Doc client id (or `clientId`). */
  sendAwareness(clientId, clock, state) {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(state));
    this.send((e) => {
      encoding.writeVarUint(e, AWARENESS);
      encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
    });
  }

  /** Resolves once the server has answered a fresh step 1, i.e. has handled every frame sent before it. */
  roundTrip(timeoutMs = 60_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error('round trip timed out')), timeoutMs);
      const onMessage = (data) => {
        const decoder = decoding.createDecoder(data);
        if (this.target.framing === 'hocus') decoding.readVarString(decoder);
        const type = decoding.readVarUint(decoder);
        if ((type === SYNC || type === HOCUS_SYNC_REPLY) && decoding.readVarUint(decoder) === STEP2) done();
      };
      const done = (error) => {
        clearTimeout(timer);
        this.ws.off('message', onMessage);
        error ? reject(error) : resolve();
      };
      this.ws.on('message', onMessage);
      this.send((e) => {
        encoding.writeVarUint(e, SYNC);
        encoding.writeVarUint(e, STEP1);
        encoding.writeVarUint8Array(e, this.doc ? Y.encodeStateVector(this.doc) : new Uint8Array([0]));
      });
    });
  }

  send(write) {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const e = encoding.createEncoder();
    encoding.writeUint8Array(e, this.prefix);
    write(e);
    this.ws.send(encoding.toUint8Array(e));
  }

  close() {
    this.ws.terminate();
  }
}

const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

function prefixFor(docName) {
  const e = encoding.createEncoder();
  encoding.writeVarString(e, docName);
  return encoding.toUint8Array(e);
}

/** Opens `count` clients, at most `batch` handshakes at a time, and waits until each is synced. */
export async function openMany(count, make, batch = 50) {
  const clients = [];
  for (let i = 0; i < count; i += batch) {
    const wave = [];
    for (let j = i; j < Math.min(count, i + batch); j++) wave.push(make(j));
    await Promise.all(wave.map((c) => c.synced));
    clients.push(...wave);
  }
  return clients;
}
