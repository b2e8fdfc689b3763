import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  BOARD_CREATE_KEY_HEADER,
  BOARD_ID_PATTERN,
  type BoardInfoResponse,
  CreateBoardRequest,
  type CreateBoardResponse,
  initBoard,
  randomId,
  type ServerConfigResponse,
  writeRecordEntries,
} from '@common-ground/shared';
import * as Y from 'yjs';
import { colorForIndex } from '../../auth/colors';
import { hashToken, newToken } from '../../auth/secrets';
import { boardDocKey, recordDocKey } from '../../rooms/docKeys';
import { toParticipant, toPartner } from '../../rooms/record';
import type { NewParticipant } from '../../storage/types';
import { authenticateForBoard } from '../auth';
import { parseInput, readJson } from '../body';
import type { AppDeps } from '../deps';
import { TokenBuckets } from '../rateLimit';
import { HttpError, sendJson } from '../respond';
import type { Router } from '../router';

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
function requireCreateKey(req: IncomingMessage, key: string | null): void {
  if (key === null) return;
  // Node joins a repeated header into one string; that never matches a key, as it should not.
  const given = req.headers[BOARD_CREATE_KEY_HEADER];
  if (typeof given !== 'string' || given === '') {
    throw new HttpError(403, 'create_key_invalid', 'Creating a board on this server needs its creation key');
  }
  if (!sameKey(given, key)) throw new HttpError(403, 'create_key_invalid', 'Wrong board creation key');
}

export function registerBoardRoutes(router: Router, { config, storage, limiter }: AppDeps): void {
  // Creating a board needs no token: without its own limit anyone could fill the storage at the general API rate.
  const creations = new TokenBuckets(config.boardCreation.perHour, config.now, HOUR_MS);

  router.add('GET', '/api/config', async ({ res }) => {
    const response: ServerConfigResponse = { boardCreateKeyRequired: config.boardCreation.key !== null };
    sendJson(res, 200, response);
  });

  router.add('POST', '/api/boards', async ({ req, res }) => {
    // Every attempt counts, refused or not, so that guessing the creation key is bounded too.
    const retryAfter = creations.take(limiter.clientAddress(req));
    if (retryAfter > 0) {
      res.setHeader('Retry-After', String(retryAfter));
      throw new HttpError(429, 'rate_limited', 'Too many boards created from this address; try again later');
    }
    requireCreateKey(req, config.boardCreation.key);
    const body = parseInput(CreateBoardRequest, await readJson(req, config.limits.maxBodyBytes));
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
    await storage.createBoard({
      board: { id: boardId, title: body.title, createdAt: now },
      facilitator,
      initialUpdates: [
        { docKey: boardDocKey(boardId), update: boardUpdate },
        { docKey: recordDocKey(boardId), update: recordUpdate },
      ],
    });
    const response: CreateBoardResponse = { boardId, participantId: facilitator.id, token };
    sendJson(res, 201, response);
  });

  router.add('GET', '/api/boards/:boardId', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    const board = BOARD_ID_PATTERN.test(boardId) ? await storage.getBoard(boardId) : null;
    if (!board) throw new HttpError(404, 'not_found', 'No such board');
    const [partners, participants] = await Promise.all([
      storage.listPartners(boardId),
      storage.listParticipants(boardId),
    ]);
    const response: BoardInfoResponse = {
      boardId,
      title: board.title,
      me: toParticipant(me),
      partners: partners.map(toPartner),
      participants: participants.map(toParticipant),
    };
    sendJson(res, 200, response);
  });
}
