import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  BOARD_CREATE_KEY_HEADER,
  BoardInfoResponse,
  CreateBoardRequest,
  CreateBoardResponse,
  linkReachOf,
  ServerConfigResponse,
} from '@common-ground/shared/api';
import { BOARD_ID_PATTERN } from '@common-ground/shared/protocol';
import { initBoard, randomId, writeRecordEntries } from '@common-ground/shared/schema';
import * as Y from 'yjs';
import { colorForIndex } from '../../auth/colors';
import { hashToken, newToken } from '../../auth/secrets';
import { boardDocKey, recordDocKey } from '../../rooms/docKeys';
import { toParticipant, toPartner } from '../../rooms/record';
import type { NewParticipant } from '../../storage/types';
import { authenticateForBoard } from '../auth';
import type { AppDeps } from '../deps';
import { linkOrigin } from '../linkOrigin';
import { TokenBuckets } from '../rateLimit';
import { HttpError } from '../respond';
import { type Router, route } from '../router';

/** The update that `fn` makes on an empty document. */
function initialUpdate(fn: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  try {
    fn(doc);
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

const HOUR_MS = 60 * 60 * 1000;

/**
 * Compares in constant time. Both sides are hashed first, so they have the same length and not even the key's
 * length shows in the timing.
 */
function sameKey(given: string, expected: string): boolean {
  return timingSafeEqual(Buffer.from(hashToken(given), 'hex'), Buffer.from(hashToken(expected), 'hex'));
}

/** 403 unless the request carries the server's board creation key (when the operator set one). */
export function requireCreateKey(req: IncomingMessage, key: string | null): void {
  if (key === null) return;
  // Node joins a repeated header into one string; that never matches a key, as it should not.
  const given = req.headers[BOARD_CREATE_KEY_HEADER];
  if (typeof given !== 'string' || given === '') {
    throw new HttpError(403, 'create_key_invalid', 'Creating a board on this server needs its creation key');
  }
  if (!sameKey(given, key)) throw new HttpError(403, 'create_key_invalid', 'Wrong board creation key');
}

const SERVER_CONFIG = route('GET', '/api/config', {
  summary: 'What a client must know before creating a board',
  auth: 'none',
  response: ServerConfigResponse,
});
const CREATE_BOARD = route('POST', '/api/boards', {
  summary: 'Create a board; the answer carries the facilitator’s token',
  auth: 'none',
  body: CreateBoardRequest,
  status: 201,
  response: CreateBoardResponse,
  errors: [403, 429],
});
const BOARD_INFO = route('GET', '/api/boards/:boardId', {
  summary: 'The board, the caller and everyone on it',
  auth: 'participant',
  response: BoardInfoResponse,
});

export function registerBoardRoutes(router: Router, { config, storage, limiter }: AppDeps): void {
  // Creating a board needs no token: without its own limit anyone could fill the storage at the general API rate.
  const creations = new TokenBuckets(config.boardCreation.perHour, config.now, HOUR_MS);

  router.add(SERVER_CONFIG, async ({ req, send }) => {
    send({
      boardCreateKeyRequired: config.boardCreation.key !== null,
      linksReachable: linkReachOf(linkOrigin(req, config.publicUrl)),
    });
  });

  router.add(CREATE_BOARD, async ({ req, res, body: readBody, send }) => {
    // Every attempt counts, refused or not, so that guessing the creation key is bounded too.
    const retryAfter = creations.take(limiter.clientAddress(req));
    if (retryAfter > 0) {
      res.setHeader('Retry-After', String(retryAfter));
      throw new HttpError(429, 'rate_limited', 'Too many boards created from this address; try again later');
    }
    requireCreateKey(req, config.boardCreation.key);
    const body = await readBody();
    const now = config.now();
    const boardId = randomId();
    const token = newToken();
    const facilitator: NewParticipant = {
      id: randomId(),
      boardId,
      name: body.name ?? 'Moderation',
      role: 'facilitator',
      partnerId: null,
      color: colorForIndex(0),
      tokenHash: hashToken(token),
      createdAt: now,
    };
    const boardUpdate = initialUpdate((doc) => initBoard(doc, body.title, now));
    const recordUpdate = initialUpdate((doc) =>
      writeRecordEntries(doc, { participants: [toParticipant(facilitator)] }),
    );
    // Board, facilitator and both documents' first updates exist together or not at all.
    await storage.accounts.createBoard({
      board: { id: boardId, title: body.title, createdAt: now },
      facilitator,
      initialUpdates: [
        { docKey: boardDocKey(boardId), update: boardUpdate },
        { docKey: recordDocKey(boardId), update: recordUpdate },
      ],
    });
    send({ boardId, participantId: facilitator.id, token });
  });

  router.add(BOARD_INFO, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    const board = BOARD_ID_PATTERN.test(boardId) ? await storage.accounts.getBoard(boardId) : null;
    if (!board) throw new HttpError(404, 'not_found', 'No such board');
    const [partners, participants] = await Promise.all([
      storage.partners.listPartners(boardId),
      storage.accounts.listParticipants(boardId),
    ]);
    send({
      boardId,
      title: board.title,
      me: toParticipant(me),
      partners: partners.map(toPartner),
      participants: participants.map(toParticipant),
    });
  });
}
