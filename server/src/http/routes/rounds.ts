import {
  DecisionRuleResponse,
  IdSchema,
  OpenRoundRequest,
  RoundSchema,
  RoundsResponse,
  StanceRequest,
  UpdateDecisionRuleRequest,
} from '@common-ground/shared/api';
import { authenticateForBoard } from '../auth';
import type { AppDeps } from '../deps';
import { refusalsAsHttp } from '../refusals';
import { HttpError } from '../respond';
import { type Router, route } from '../router';

function roundIdOf(params: Readonly<Record<string, string>>): string {
  const roundId = params.roundId ?? '';
  if (!IdSchema.safeParse(roundId).success)
    throw new HttpError(404, 'not_found', 'No such round on this board');
  return roundId;
}

const LIST_ROUNDS = route('GET', '/api/boards/:boardId/rounds', {
  summary: 'The board’s consensus rounds, as far as the caller may see their stances',
  auth: 'participant',
  response: RoundsResponse,
});
const OPEN_ROUND = route('POST', '/api/boards/:boardId/rounds', {
  summary: 'Open a consensus round on a goal’s current wording',
  auth: 'facilitator',
  body: OpenRoundRequest,
  status: 201,
  response: RoundSchema,
  errors: [409],
});
const GIVE_STANCE = route('POST', '/api/boards/:boardId/rounds/:roundId/stances', {
  summary: 'Give (or change) a partner’s stance in an open round',
  auth: 'participant',
  body: StanceRequest,
  status: 201,
  response: RoundSchema,
  errors: [409],
});
const CLOSE_ROUND = route('POST', '/api/boards/:boardId/rounds/:roundId/close', {
  summary: 'Close a round now and decide it by the board’s rule',
  auth: 'facilitator',
  response: RoundSchema,
  errors: [409],
});
const CANCEL_ROUND = route('POST', '/api/boards/:boardId/rounds/:roundId/cancel', {
  summary: 'End a round without a decision',
  auth: 'facilitator',
  response: RoundSchema,
  errors: [409],
});
const SET_DECISION_RULE = route('PUT', '/api/boards/:boardId/decision-rule', {
  summary: 'Set the rule by which the board’s next rounds decide',
  auth: 'facilitator',
  body: UpdateDecisionRuleRequest,
  response: DecisionRuleResponse,
  errors: [409],
});

export function registerRoundRoutes(router: Router, { storage, rounds }: AppDeps): void {
  router.add(LIST_ROUNDS, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    send({ rounds: await rounds.list(boardId, me) });
  });

  router.add(OPEN_ROUND, async ({ req, params, body, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    // The role is checked before the body is read, so a non-facilitator learns nothing about the goal ids.
    if (me.role !== 'facilitator')
      throw new HttpError(403, 'forbidden', 'Only the facilitator can open a round');
    const request = await body();
    send(await refusalsAsHttp(() => rounds.open(boardId, me, request)));
  });

  router.add(GIVE_STANCE, async ({ req, params, body, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    const roundId = roundIdOf(params);
    const request = await body();
    send(await refusalsAsHttp(() => rounds.recordStance(boardId, roundId, me, request)));
  });

  router.add(CLOSE_ROUND, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    const roundId = roundIdOf(params);
    send(await refusalsAsHttp(() => rounds.close(boardId, roundId, me)));
  });

  router.add(CANCEL_ROUND, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    const roundId = roundIdOf(params);
    send(await refusalsAsHttp(() => rounds.cancel(boardId, roundId, me)));
  });

  router.add(SET_DECISION_RULE, async ({ req, params, body, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    if (me.role !== 'facilitator') {
      throw new HttpError(403, 'forbidden', 'Only the facilitator can set the decision rule');
    }
    const request = await body();
    send({ rule: await refusalsAsHttp(() => rounds.setDecisionRule(boardId, me, request.rule)) });
  });
}
