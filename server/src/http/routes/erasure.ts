import { ErasureResponse, IdSchema } from '@common-ground/shared/api';
import type { ParticipantRecord } from '../../storage/types';
import { authenticateForBoard } from '../auth';
import type { AppDeps } from '../deps';
import { refusalsAsHttp } from '../refusals';
import { HttpError } from '../respond';
import { type Router, route } from '../router';

const ERASE_PERSON = route('POST', '/api/boards/:boardId/people/:participantId/erase', {
  summary:
    'Erase a person’s personal data from the board (for someone who asked): their name becomes a pseudonym, ' +
    'access, e-mail and calendar feed go; their contributions stay under the pseudonym and their organisation',
  auth: 'facilitator',
  response: ErasureResponse,
  errors: [409],
});
const ERASE_ME = route('POST', '/api/boards/:boardId/me/erase', {
  summary: 'Erase my personal data from the board (and leave it): my name becomes a pseudonym',
  auth: 'participant',
  response: ErasureResponse,
  errors: [409],
});

const answer = (participant: ParticipantRecord): ErasureResponse => {
  if (participant.erased === undefined) throw new Error('an erased participant without a pseudonym number');
  return { participantId: participant.id, erased: participant.erased };
};

/** Erasure (DSGVO Art. 17): by the person, or by a facilitator for someone who asked. */
export function registerErasureRoutes(router: Router, { storage, erasure }: AppDeps): void {
  router.add(ERASE_PERSON, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    if (me.role !== 'facilitator') {
      throw new HttpError(403, 'forbidden', 'Only a facilitator can erase someone else’s data');
    }
    const participantId = params.participantId ?? '';
    if (!IdSchema.safeParse(participantId).success) {
      throw new HttpError(404, 'not_found', 'No such person on this board');
    }
    send(answer(await refusalsAsHttp(() => erasure.erase(boardId, me, participantId))));
  });

  router.add(ERASE_ME, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    send(answer(await refusalsAsHttp(() => erasure.erase(boardId, me, me.id))));
  });
}
