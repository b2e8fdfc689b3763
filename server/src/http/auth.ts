import type { IncomingMessage } from 'node:http';
import { BOARD_ID_PATTERN } from '@common-ground/shared/protocol';
import { hashToken } from '../auth/secrets';
import type { ParticipantRecord, Storage } from '../storage/types';
import { bearerToken } from './bearer';
import { HttpError } from './respond';

/** The participant behind `Authorization: Bearer <token>`; 401 without or with an unknown token. */
export async function authenticate(
  req: IncomingMessage,
  storage: Pick<Storage, 'people'>,
): Promise<ParticipantRecord> {
  const token = bearerToken(req);
  if (!token) throw new HttpError(401, 'unauthorized', 'Missing bearer token');
  const participant = await storage.people.findParticipantByTokenHash(hashToken(token));
  if (!participant) throw new HttpError(401, 'unauthorized', 'Unknown token');
  return participant;
}

/**
 * Like authenticate, and the participant must belong to `boardId` (403 otherwise). An id that cannot be a board
 * id is 404 before anything else, so no path trick gets further than this check.
 */
export async function authenticateForBoard(
  req: IncomingMessage,
  storage: Pick<Storage, 'people'>,
  boardId: string,
): Promise<ParticipantRecord> {
  if (!BOARD_ID_PATTERN.test(boardId)) throw new HttpError(404, 'not_found', 'No such board');
  const participant = await authenticate(req, storage);
  if (participant.boardId !== boardId) throw new HttpError(403, 'forbidden', 'Token is for another board');
  return participant;
}
