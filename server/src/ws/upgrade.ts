import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { canWrite } from '@common-ground/shared/api';
import { BOARD_ID_PATTERN, CloseCode } from '@common-ground/shared/protocol';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import { hashToken } from '../auth/secrets';
import type { SocketLimits } from '../config';
import type { ConnectionHooks } from '../hooks/extension';
import type { RateLimiter } from '../http/rateLimit';
import type { Logger } from '../log';
import { boardDocKey, recordDocKey } from '../rooms/docKeys';
import { documentRef } from '../rooms/documentHooks';
import type { RoomRegistry } from '../rooms/registry';
import type { Room } from '../rooms/room';
import { ConnectionViolation, StorageWriteError } from '../rooms/violation';
import type { ParticipantRecord, Storage } from '../storage/types';
import { WsConnection } from './connection';
import { EarlyFrames } from './earlyFrames';
import { MessageRate } from './messageRate';
import { handleMessage } from './messages';
import { RefusalPenalty } from './refusalPenalty';
import { SocketCaps, type SocketSlot } from './socketCaps';

export interface UpgradeDeps {
  readonly storage: Pick<Storage, 'people'>;
  readonly rooms: RoomRegistry;
  /** Told of every accepted socket and of its close (presence, visits: the hook pipeline). */
  readonly hooks: ConnectionHooks;
  readonly log: Logger;
  readonly wss: WebSocketServer;
  readonly limiter: RateLimiter;
  readonly maxConnections: number;
  readonly maxBufferedBytes: number;
  /** What one socket may send, and how many sockets one token or one address may hold open. */
  readonly socketLimits: SocketLimits;
  /** The clock of the per-socket budgets. */
  readonly now: () => number;
}

/** What the per-socket part needs besides UpgradeDeps: who is kept out after repeated refusals. */
interface SocketDeps extends UpgradeDeps {
  readonly penalty: RefusalPenalty;
}

const WS_PATH = /^\/ws\/([^/]+)(\/record)?$/;

type UpgradeDecision =
  | {
      readonly status: 200;
      readonly participant: ParticipantRecord;
      readonly docKey: string;
      readonly isBoardDoc: boolean;
    }
  | { readonly status: 401 | 403 | 404 };

/** Which document the request wants and whether its token may open it; reads storage, allocates nothing. */
export async function authorizeUpgrade(
  requestUrl: string,
  storage: Pick<Storage, 'people'>,
): Promise<UpgradeDecision> {
  const url = new URL(requestUrl, 'http://upgrade.invalid');
  const match = WS_PATH.exec(url.pathname);
  const boardId = match?.[1];
  if (!match || !boardId || !BOARD_ID_PATTERN.test(boardId)) return { status: 404 };
  const token = url.searchParams.get('token');
  if (!token) return { status: 401 };
  const participant = await storage.people.findParticipantByTokenHash(hashToken(token));
  if (!participant) return { status: 401 };
  if (participant.boardId !== boardId) return { status: 403 };
  const isBoardDoc = match[2] === undefined;
  return {
    status: 200,
    participant,
    docKey: isBoardDoc ? boardDocKey(boardId) : recordDocKey(boardId),
    isBoardDoc,
  };
}

/** Seconds a client is asked to wait when the server, its token or its address is at its connection cap. */
const BUSY_RETRY_AFTER_S = 5;
/**
 * Frames a socket may send before its room has loaded; they wait in order. A client sends a handful (sync step
 * 1 and 2, awareness, edits made offline), so more than this is a flood.
 */
const MAX_EARLY_FRAMES = 256;

/**
 * Authenticates the upgrade request before anything is allocated: a refused request gets a plain HTTP answer and
 * its socket is destroyed; no room is loaded and no frame is ever read from it. Before that, rate limits (429),
 * the connection cap (503) and the caps per token and per address (429), all counting requests still being
 * authenticated, refuse floods and reconnect storms at the cost of a few header bytes each.
 */
export function createUpgradeHandler(upgradeDeps: UpgradeDeps) {
  const deps: SocketDeps = {
    ...upgradeDeps,
    penalty: new RefusalPenalty(upgradeDeps.now, upgradeDeps.socketLimits.refusalsBeforePause),
  };
  let authenticating = 0;
  const caps = new SocketCaps(deps.socketLimits);
  const upgrade = async (
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    slot: SocketSlot,
  ): Promise<void> => {
    let decision: UpgradeDecision;
    authenticating++;
    try {
      decision = await authorizeUpgrade(req.url ?? '/', deps.storage);
    } catch (error) {
      deps.log.error('upgrade failed', { error });
      slot.release();
      refuse(socket, 500);
      return;
    } finally {
      authenticating--;
    }
    // The client went away while its token was looked up: there is nobody to answer.
    if (socket.destroyed || !socket.writable) return;
    if (decision.status !== 200) {
      // Given back before the answer, not once the stream has closed: a client that retries at once finds it free.
      slot.release();
      refuse(socket, decision.status);
      return;
    }
    const { participant, docKey, isBoardDoc } = decision;
    const penalised = deps.penalty.retryAfterSeconds(participant.id);
    if (penalised > 0) {
      slot.release();
      refuse(socket, 429, penalised);
      return;
    }
    deps.wss.handleUpgrade(req, socket, head, (ws) => {
      deps.wss.emit('connection', ws, req);
      accept(deps, ws, socket, participant, docKey, isBoardDoc);
    });
  };
  // One listener for every socket: a closure each would stay on every idle socket for its lifetime.
  const onSocketError = (error: Error) => deps.log.debug('upgrade socket error', { error });
  return (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', onSocketError);
    const token = tokenOf(req.url ?? '/');
    const retryAfter = deps.limiter.upgrade(req, token);
    if (retryAfter > 0) {
      refuse(socket, 429, retryAfter);
      return;
    }
    if (deps.wss.clients.size + authenticating >= deps.maxConnections) {
      refuse(socket, 503, BUSY_RETRY_AFTER_S);
      return;
    }
    // Keyed by the token's hash: the secret itself stays out of a map that lives as long as the server.
    const slot = caps.admit(token === null ? null : hashToken(token), deps.limiter.clientAddress(req));
    if (!slot) {
      refuse(socket, 429, BUSY_RETRY_AFTER_S);
      return;
    }
    // The TCP stream closes however the connection ends: refused, gone while authenticating or loading, closed.
    socket.once('close', slot.release);
    upgrade(req, socket, head, slot).catch((error: unknown) => {
      deps.log.error('upgrade failed', { error });
      socket.destroy();
    });
  };
}

/**
 * Joins the socket to its room. Loading is asynchronous: frames that arrive meanwhile wait in order and are
 * handled once the room is there (an empty sync step 1 may be answered at once, see EarlyFrames); a socket that
 * closed meanwhile never joins; a load that fails closes it with 1011.
 */
function accept(
  deps: SocketDeps,
  ws: WebSocket,
  stream: Duplex,
  participant: ParticipantRecord,
  docKey: string,
  isBoardDoc: boolean,
): void {
  // Only the id outlives the handshake: an idle socket keeps what it needs, not the participant's record.
  const participantId = participant.id;
  const conn = new WsConnection(
    ws,
    stream,
    participantId,
    isBoardDoc && canWrite(participant.role),
    deps.maxBufferedBytes,
  );
  let room: Room | null = null;
  // Known from now on, so that removing the person closes this socket even while its room is still loading.
  void deps.hooks.onConnect({ ...documentRef(docKey), socket: conn });
  // Frames that arrive while the room loads; dropped once it is there.
  let early: EarlyFrames | null = new EarlyFrames(ws, deps.maxBufferedBytes * PREVIEW_SHARE);
  let closed = false;
  // The room's own key once joined: this one is cut from the request URL and would keep all of it alive.
  let key = docKey;

  const rate = new MessageRate(deps.socketLimits, deps.now);

  ws.on('message', (data) => {
    if (ws.readyState !== ws.OPEN) return;
    const frame = toBytes(data);
    const verdict = rate.admit(frame);
    if (verdict === 'drop') return;
    if (verdict === 'close') {
      const reason = 'Too many changes in a short time';
      deps.log.info('closing socket', { docKey: key, participantId, code: CloseCode.TooManyChanges, reason });
      conn.close(CloseCode.TooManyChanges, reason);
      return;
    }
    if (room) {
      const joined = room;
      guarded(deps, conn, key, () => handleMessage(joined, conn, frame));
    } else if (early && early.size < MAX_EARLY_FRAMES) {
      early.push(frame);
    } else {
      conn.close(CloseCode.TryAgainLater, 'Too many messages before the document was loaded');
    }
  });
  // `ws` reports protocol errors (e.g. a frame above maxPayload) here and then closes with the fitting code.
  ws.on('error', (error) => deps.log.info('socket error', { docKey: key, participantId, error }));
  ws.on('close', () => {
    closed = true;
    early?.close();
    early = null;
    let left: Room | null = null;
    try {
      if (room && deps.rooms.disconnect(room, conn)) left = room;
    } catch (error) {
      deps.log.error('disconnect failed', { docKey: key, error });
    }
    void deps.hooks.onDisconnect({ ...documentRef(key), socket: conn, room: left });
  });

  deps.rooms
    .connect(key, conn, () => !closed && ws.readyState === ws.OPEN, early)
    .then(
      (joined) => {
        if (!joined) {
          // Closed while loading (nothing to do), or the server is shutting down.
          conn.close(CloseCode.GoingAway, 'Server is restarting');
          return;
        }
        room = joined;
        key = joined.docKey;
        const waiting = early?.take() ?? [];
        early = null;
        for (const item of waiting) {
          if (ws.readyState !== ws.OPEN) break;
          if (item instanceof Uint8Array) guarded(deps, conn, key, () => handleMessage(joined, conn, item));
          else
            guarded(deps, conn, key, () =>
              joined.answerSyncStep1(conn, item.preview.stateVector ?? FULL_STATE),
            );
        }
      },
      (error: unknown) => {
        deps.log.error('room could not be loaded', { docKey: key, error });
        conn.close(CloseCode.InternalError, 'Document could not be loaded');
      },
    );
}

/** Runs a socket's action; a violation or malformed frame closes that socket with the fitting code. */
function guarded(deps: SocketDeps, conn: WsConnection, docKey: string, action: () => void): void {
  const { log } = deps;
  try {
    action();
  } catch (error) {
    if (error instanceof StorageWriteError) return; // the room already closed every socket with 1011
    const participantId = conn.participantId;
    if (error instanceof ConnectionViolation) {
      if (error.code === CloseCode.UpdateRefused) deps.penalty.note(participantId);
      log.info('closing socket', { docKey, participantId, code: error.code, reason: error.message });
      conn.close(error.code, error.message);
      return;
    }
    deps.penalty.note(participantId);
    log.info('malformed frame', { docKey, participantId, error });
    conn.close(CloseCode.UpdateRefused, 'Malformed message');
  }
}

/**
 * The largest share of a socket's send buffer limit a preview may take: the rest (2 MB by default) is for what
 * the room sends after it, possibly before it drained — its sync step 1, presence, what changed since the
 * snapshot — without the socket looking like a slow consumer. Larger boards are answered once loaded, as before.
 */
const PREVIEW_SHARE = 0.75;

/** The empty state vector: asks for the whole document. */
const FULL_STATE = new Uint8Array([0]);

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function tokenOf(requestUrl: string): string | null {
  try {
    return new URL(requestUrl, 'http://upgrade.invalid').searchParams.get('token');
  } catch {
    return null;
  }
}

function refuse(socket: Duplex, status: number, retryAfterSeconds?: number): void {
  const body = `${STATUS_CODES[status] ?? 'Error'}\n`;
  const retry = retryAfterSeconds ? `Retry-After: ${retryAfterSeconds}\r\n` : '';
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
      `Connection: close\r\n${retry}Content-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
