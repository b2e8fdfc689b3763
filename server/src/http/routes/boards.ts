import {
  BOARD_ID_PATTERN,
  type BoardInfoResponse,
  CreateBoardRequest,
  type CreateBoardResponse,
  initBoard,
  randomId,
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

export function registerBoardRoutes(router: Router, { config, storage }: AppDeps): void {
  router.add('POST', '/api/boards', async ({ req, res }) => {
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
