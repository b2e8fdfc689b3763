import type {
  CreateBoardResponse,
  CreateInviteRequest,
  CreateInviteResponse,
  JoinRequest,
  JoinResponse,
  PartnerKind,
} from '@common-ground/shared/api';
import { MessageType } from '@common-ground/shared/protocol';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import { Awareness } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface ApiResult {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/**
 * Facilitator tokens of the boards created through `api(…).createBoard` (or that got an invite through
 * `createInvite`), by board id (random, so unique across servers): a later `join` onto such a board is confirmed
 * with it, whichever `api` instance joins.
 */
const facilitators = new Map<string, string>();

/** Typed fetch helpers against one server; `request` is the raw form for error-path tests. */
export function api(baseUrl: string) {
  const request = async (
    method: string,
    path: string,
    options: { body?: unknown; rawBody?: string; token?: string } = {},
  ): Promise<ApiResult> => {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON (static files): keep the text.
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
  const expectStatus = async <T>(status: number, result: Promise<ApiResult>): Promise<T> => {
    const { status: actual, body } = await result;
    if (actual !== status) throw new Error(`Expected ${status}, got ${actual}: ${JSON.stringify(body)}`);
    return body as T;
  };
  const joinUnconfirmed = (body: JoinRequest) =>
    expectStatus<JoinResponse>(201, request('POST', '/api/join', { body }));
  return {
    request,
    createBoard: async (title = 'Runder Tisch Südstadt', name?: string) => {
      const board = await expectStatus<CreateBoardResponse>(
        201,
        request('POST', '/api/boards', { body: { title, name } }),
      );
      facilitators.set(board.boardId, board.token);
      return board;
    },
    createInvite: async (boardId: string, token: string, body: CreateInviteRequest) => {
      const invite = await expectStatus<CreateInviteResponse>(
        201,
        request('POST', `/api/boards/${boardId}/invites`, { body, token }),
      );
      // Only a facilitator creates invites: a board made in the browser is known from here on.
      if (!facilitators.has(boardId)) facilitators.set(boardId, token);
      return invite;
    },
    /** Joins as the person at the table would end up: a proposed or claimed organisation is left waiting. */
    joinUnconfirmed,
    /**
     * Joins and, on a board created through this helper, has the facilitator confirm the proposed organisation or the
     * claimed membership at once (as at the table), so tests about other things start from confirmed partners.
     */
    join: async (body: JoinRequest): Promise<JoinResponse> => {
      const joined = await joinUnconfirmed(body);
      const facilitator = facilitators.get(joined.boardId);
      const pending = joined.pendingPartnerId;
      if (!facilitator || !pending) return joined;
      const base = `/api/boards/${joined.boardId}/partners/${pending}`;
      const path = body.partner ? `${base}/confirm` : `${base}/members/${joined.participantId}/confirm`;
      await expectStatus(200, request('POST', path, { token: facilitator }));
      return { ...joined, partnerId: pending, pendingPartnerId: null };
    },
  };
}

export interface SeededBoard {
  readonly boardId: string;
  readonly facilitator: { readonly participantId: string; readonly token: string };
  readonly partnerA: JoinResponse;
  readonly partnerB: JoinResponse;
  readonly observer: JoinResponse;
}

/** A board with a facilitator, two partners of different organisations and an observer. */
export async function seedBoard(baseUrl: string, title?: string): Promise<SeededBoard> {
  const client = api(baseUrl);
  const board = await client.createBoard(title);
  const partnerInvite = await client.createInvite(board.boardId, board.token, { role: 'partner' });
  const observerInvite = await client.createInvite(board.boardId, board.token, { role: 'observer' });
  const partner = (name: string, org: string, kind: PartnerKind) =>
    client.join({ code: partnerInvite.code, name, partner: { name: org, kind } });
  return {
    boardId: board.boardId,
    facilitator: { participantId: board.participantId, token: board.token },
    partnerA: await partner('Ayşe', 'Mieterverein Südstadt', 'residents'),
    partnerB: await partner('Bernd', 'Wohnbau GmbH', 'housing'),
    observer: await client.join({ code: observerInvite.code, name: 'Beamer' }),
  };
}

export interface BoardClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** Resolves once the provider received the server's state (sync step 2). */
  readonly synced: Promise<void>;
  destroy(): void;
}

export interface ConnectOptions {
  readonly doc?: Y.Doc;
  /** Connect to the record document instead of the board document. */
  readonly record?: boolean;
  /** Announce presence as this participant; without it the provider keeps y-protocols' empty initial state. */
  readonly participantId?: string;
  /** Cap of the provider's reconnect backoff (y-websocket's default is 2500 ms). */
  readonly maxBackoffTime?: number;
  /** The WebSocket class to connect with (e.g. one that adds headers); plain `ws` otherwise. */
  readonly websocket?: typeof globalThis.WebSocket;
}

/** A real y-websocket client, as the browser uses it (BroadcastChannel off: it would bypass the server). */
export function connectBoard(
  url: string,
  boardId: string,
  token: string,
  options: ConnectOptions = {},
): BoardClient {
  const doc = options.doc ?? new Y.Doc();
  const awareness = new Awareness(doc);
  if (options.participantId) awareness.setLocalState({ participantId: options.participantId });
  const provider = new WebsocketProvider(wsBase(url), options.record ? `${boardId}/record` : boardId, doc, {
    params: { token },
    // y-websocket types its polyfill as the DOM WebSocket; `ws` implements the part the provider uses.
    WebSocketPolyfill: options.websocket ?? (WebSocket as unknown as typeof globalThis.WebSocket),
    connect: true,
    disableBc: true,
    awareness,
    ...(options.maxBackoffTime ? { maxBackoffTime: options.maxBackoffTime } : {}),
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return;
      provider.off('sync', onSync);
      resolve();
    };
    provider.on('sync', onSync);
  });
  return {
    doc,
    provider,
    synced,
    destroy: () => {
      provider.destroy();
      awareness.destroy();
      doc.destroy();
    },
  };
}

/** Tracks clients so `afterEach(() => pool.destroyAll())` leaves no timers or sockets behind. */
export function createClientPool() {
  const clients: { destroy(): void }[] = [];
  return {
    connect(url: string, boardId: string, token: string, options?: ConnectOptions): BoardClient {
      const client = connectBoard(url, boardId, token, options);
      clients.push(client);
      return client;
    },
    raw(url: string, path: string): RawSocket {
      const socket = openRawSocket(url, path);
      clients.push(socket);
      return socket;
    },
    destroyAll(): void {
      for (const client of clients.splice(0)) client.destroy();
    },
  };
}

export const wsBase = (url: string): string => `${url.replace(/^http/, 'ws')}/ws`;

export interface RawSocket {
  readonly ws: WebSocket;
  /** Every binary frame received so far, in order. */
  readonly received: Uint8Array[];
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  destroy(): void;
}

/** A bare `ws` socket for sending hand-made frames; `path` is e.g. `/ws/<boardId>?token=...`. */
export function openRawSocket(url: string, path: string): RawSocket {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${path}`);
  const received: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  ws.on('error', () => {
    // Errors surface as the close code the tests assert on.
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
  });
  return { ws, received, opened, closed, destroy: () => ws.terminate() };
}

/** The HTTP status with which the server answers an upgrade request (101 if it accepts). */
export function upgradeStatus(url: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${path}`);
    ws.on('error', () => {
      // The refusal below is what we want to see.
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once('open', () => {
      resolve(101);
      ws.terminate();
    });
    ws.once('close', () => reject(new Error('closed without an HTTP answer')));
  });
}

/** Hand-made y-websocket frames for raw-socket tests. */
export const frames = {
  /** A sync "update" frame carrying `update`. */
  update(update: Uint8Array): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    syncProtocol.writeUpdate(encoder, update);
    return encoding.toUint8Array(encoder);
  },
  /** A sync step 1 from an empty document: the server answers with step 2 after the frames before it. */
  syncStep1(): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Sync);
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
    encoding.writeVarUint8Array(encoder, new Uint8Array([0]));
    return encoding.toUint8Array(encoder);
  },
  awareness(entries: { clientId: number; clock?: number; state: unknown }[]): Uint8Array {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, entries.length);
    for (const { clientId, clock = 1, state } of entries) {
      encoding.writeVarUint(inner, clientId);
      encoding.writeVarUint(inner, clock);
      encoding.writeVarString(inner, JSON.stringify(state));
    }
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MessageType.Awareness);
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
    return encoding.toUint8Array(encoder);
  },
};

/** True for a sync step 2 frame (the server's answer to a step 1). */
export const isSyncStep2 = (frame: Uint8Array): boolean =>
  frame[0] === MessageType.Sync && frame[1] === syncProtocol.messageYjsSyncStep2;

/** The update a fresh document makes with `edit`: something to send that the server has never seen. */
export function editUpdate(edit: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  edit(doc);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
