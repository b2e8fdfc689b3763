import {
  IdSchema,
  OpenRoundRequest,
  type RoundsResponse,
  StanceRequest,
  UpdateDecisionRuleRequest,
} from '@common-ground/shared';
import { RoundError } from '../../rounds/errors';
import { authenticateForBoard } from '../auth';
import { parseInput, readJson } from '../body';
import type { AppDeps } from '../deps';
import { HttpError, sendJson } from '../respond';
import type { Router } from '../router';

/** Runs a round-service call, turning its refusals into HTTP errors. */
export async function refusalsAsHttp<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof RoundError) throw new HttpError(error.status, error.code, error.message);
    throw error;
  }
}

function roundIdOf(params: Readonly<Record<string, string>>): string {
  const roundId = params.roundId ?? '';
  if (!IdSchema.safeParse(roundId).success)
    throw new HttpError(404, 'not_found', 'No such round on this board');
  return roundId;
}

export function registerRoundRoutes(router: Router, { config, storage, rounds }: AppDeps): void {
  const body = async (req: Parameters<typeof readJson>[0]) => readJson(req, config.limits.maxBodyBytes);

  router.add('GET', '/api/boards/:boardId/rounds', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    const response: RoundsResponse = { rounds: await rounds.list(boardId, me) };
    sendJson(res, 200, response);
  });

  router.add('POST', '/api/boards/:boardId/rounds', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    // The role is checked before the body is read, so a non-facilitator learns nothing about the goal ids.
    if (me.role !== 'facilitator')
      throw new HttpError(403, 'forbidden', 'Only the facilitator can open a round');
    const request = parseInput(OpenRoundRequest, await body(req));
    sendJson(res, 201, await refusalsAsHttp(() => rounds.open(boardId, me, request)));
  });

  router.add('POST', '/api/boards/:boardId/rounds/:roundId/stances', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    const roundId = roundIdOf(params);
    const request = parseInput(StanceRequest, await body(req));
    sendJson(res, 201, await refusalsAsHttp(() => rounds.recordStance(boardId, roundId, me, request)));
  });

  router.add('POST', '/api/boards/:boardId/rounds/:roundId/close', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    const roundId = roundIdOf(params);
    sendJson(res, 200, await refusalsAsHttp(() => rounds.close(boardId, roundId, me)));
  });

  router.add('POST', '/api/boards/:boardId/rounds/:roundId/cancel', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    const roundId = roundIdOf(params);
    sendJson(res, 200, await refusalsAsHttp(() => rounds.cancel(boardId, roundId, me)));
  });

  router.add('PUT', '/api/boards/:boardId/decision-rule', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    if (me.role !== 'facilitator') {
      throw new HttpError(403, 'forbidden', 'Only the facilitator can set the decision rule');
    }
    const request = parseInput(UpdateDecisionRuleRequest, await body(req));
    sendJson(res, 200, {
      rule: await refusalsAsHttp(() => rounds.setDecisionRule(boardId, me, request.rule)),
    });
  });
}
