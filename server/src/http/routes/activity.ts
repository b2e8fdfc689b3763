import { ActivityQuery, type ActivityResponse, AsOfQuery, VoiceBalanceQuery } from '@common-ground/shared';
import type { ActivityService } from '../../activity/service';
import { authenticateForBoard } from '../auth';
import { parseInput } from '../body';
import type { AppDeps } from '../deps';
import { HttpError, sendJson } from '../respond';
import type { Router } from '../router';

/** The query parameters as an object (absent ones left out), for the shared zod schemas. */
const queryOf = (url: URL, names: readonly string[]) =>
  Object.fromEntries(
    names.flatMap((name) => (url.searchParams.has(name) ? [[name, url.searchParams.get(name)]] : [])),
  );

/** Activity, goal history, "as of", "since your last visit" and voice balance: every participant may read them. */
export function registerActivityRoutes(
  router: Router,
  { storage }: AppDeps,
  activity: ActivityService,
): void {
  router.add('GET', '/api/boards/:boardId/activity', async ({ req, res, url, params }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    const query = parseInput(ActivityQuery, queryOf(url, ['since', 'limit']));
    const response: ActivityResponse = await activity.feed(boardId, me, query);
    sendJson(res, 200, response);
  });

  router.add('GET', '/api/boards/:boardId/goals/:goalId/history', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    await authenticateForBoard(req, storage, boardId);
    const history = await activity.history(boardId, params.goalId ?? '');
    if (!history) throw new HttpError(404, 'not_found', 'This goal never was on this board');
    sendJson(res, 200, history);
  });

  router.add('GET', '/api/boards/:boardId/as-of', async ({ req, res, url, params }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    const { at } = parseInput(AsOfQuery, queryOf(url, ['at']));
    sendJson(res, 200, await activity.asOf(boardId, me, at));
  });

  router.add('GET', '/api/boards/:boardId/since-last-visit', async ({ req, res, params }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    sendJson(res, 200, await activity.sinceLastVisit(boardId, me));
  });

  router.add('GET', '/api/boards/:boardId/voice-balance', async ({ req, res, url, params }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    const { from, to } = parseInput(VoiceBalanceQuery, queryOf(url, ['from', 'to']));
    sendJson(res, 200, await activity.voiceBalance(boardId, me, from, to));
  });
}
