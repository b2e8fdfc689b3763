import {
  ActivityQuery,
  ActivityResponse,
  AsOfQuery,
  AsOfResponse,
  GoalHistoryResponse,
  SinceLastVisitResponse,
  VoiceBalanceQuery,
  VoiceBalanceResponse,
} from '@common-ground/shared/api';
import { authenticateForBoard } from '../auth';
import type { AppDeps } from '../deps';
import { HttpError } from '../respond';
import { type Router, route } from '../router';

const ACTIVITY = route('GET', '/api/boards/:boardId/activity', {
  summary: 'The board’s activity feed, newest first',
  auth: 'participant',
  query: ActivityQuery,
  response: ActivityResponse,
});
const GOAL_HISTORY = route('GET', '/api/boards/:boardId/goals/:goalId/history', {
  summary: 'Every change of one goal, also of a removed one',
  auth: 'participant',
  response: GoalHistoryResponse,
});
const AS_OF = route('GET', '/api/boards/:boardId/as-of', {
  summary: 'The board as it stood at a moment',
  auth: 'participant',
  query: AsOfQuery,
  response: AsOfResponse,
});
const SINCE_LAST_VISIT = route('GET', '/api/boards/:boardId/since-last-visit', {
  summary: 'What changed since the caller’s last visit',
  auth: 'participant',
  response: SinceLastVisitResponse,
});
const VOICE_BALANCE = route('GET', '/api/boards/:boardId/voice-balance', {
  summary: 'Who contributed how much, by partner and kind, in a period',
  auth: 'participant',
  query: VoiceBalanceQuery,
  response: VoiceBalanceResponse,
});

/** Activity, goal history, "as of", "since your last visit" and voice balance: every participant may read them. */
export function registerActivityRoutes(router: Router, { storage, activity }: AppDeps): void {
  router.add(ACTIVITY, async ({ req, params, query, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    send(await activity.feed(boardId, me, query()));
  });

  router.add(GOAL_HISTORY, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    await authenticateForBoard(req, storage, boardId);
    const history = await activity.history(boardId, params.goalId ?? '');
    if (!history) throw new HttpError(404, 'not_found', 'This goal never was on this board');
    send(history);
  });

  router.add(AS_OF, async ({ req, params, query, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    send(await activity.asOf(boardId, me, query().at));
  });

  router.add(SINCE_LAST_VISIT, async ({ req, params, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    send(await activity.sinceLastVisit(boardId, me));
  });

  router.add(VOICE_BALANCE, async ({ req, params, query, send }) => {
    const boardId = params.boardId ?? '';
    const me = await authenticateForBoard(req, storage, boardId);
    const { from, to } = query();
    send(await activity.voiceBalance(boardId, me, from, to));
  });
}
