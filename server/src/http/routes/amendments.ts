import { AmendmentSchema, AmendmentsResponse, IdSchema } from '@common-ground/shared/api';
import { authenticateForBoard } from '../auth';
import type { AppDeps } from '../deps';
import { refusalsAsHttp } from '../refusals';
import { HttpError } from '../respond';
import { type Router, route } from '../router';

function amendmentIdOf(params: Readonly<Record<string, string>>): string {
  const amendmentId = params.amendmentId ?? '';
  if (!IdSchema.safeParse(amendmentId).success) {
    throw new HttpError(404, 'not_found', 'No such amendment on this board');
  }
  return amendmentId;
}

const LIST_AMENDMENTS = route('GET', '/api/boards/:boardId/amendments', {
  summary: 'Proposed, adopted and dismissed amendments of the board’s goals',
  auth: 'participant',
  response: AmendmentsResponse,
});
const DECIDE_AMENDMENT = {
  adopt: route('POST', '/api/boards/:boardId/amendments/:amendmentId/adopt', {
    summary: 'Adopt an amendment: its wording becomes the goal’s',
    auth: 'facilitator',
    response: AmendmentSchema,
    errors: [409],
  }),
  dismiss: route('POST', '/api/boards/:boardId/amendments/:amendmentId/dismiss', {
    summary: 'Dismiss an amendment',
    auth: 'facilitator',
    response: AmendmentSchema,
    errors: [409],
  }),
};

/** Proposed amendments: everyone on the board reads them; only the facilitator adopts or dismisses one. */
export function registerAmendmentRoutes(router: Router, { storage, amendments }: AppDeps): void {
  router.add(LIST_AMENDMENTS, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    await authenticateForBoard(req, storage, boardId);
    send({ amendments: await amendments.list(boardId) });
  });

  for (const action of ['adopt', 'dismiss'] as const) {
    router.add(DECIDE_AMENDMENT[action], async ({ req, params, send }) => {
      const boardId = params.boardId ?? '';
      const me = await authenticateForBoard(req, storage, boardId);
      const amendmentId = amendmentIdOf(params);
      send(await refusalsAsHttp(() => amendments[action](boardId, amendmentId, me)));
    });
  }
}
