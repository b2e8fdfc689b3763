import {
  ActivityResponse,
  AsOfResponse,
  GoalHistoryResponse,
  NetworkResponse,
  SinceLastVisitResponse,
  VoiceBalanceResponse,
} from '@common-ground/shared/api';
import type { z } from 'zod';
import { type ApiResult, api } from './clients';

/** The body of a result with the expected status, validated against the shared response schema. */
export function bodyOf<T extends z.ZodType>(schema: T, result: ApiResult, status = 200): z.infer<T> {
  if (result.status !== status) {
    throw new Error(`Expected ${status}, got ${result.status}: ${JSON.stringify(result.body)}`);
  }
  return schema.parse(result.body);
}

/** The activity and network endpoints of one server, parsed (the raw `request` is there for error paths). */
export function activityApi(baseUrl: string) {
  const { request } = api(baseUrl);
  const base = (boardId: string) => `/api/boards/${boardId}`;
  return {
    request,
    activity: async (boardId: string, token: string, query = '') =>
      bodyOf(ActivityResponse, await request('GET', `${base(boardId)}/activity${query}`, { token })),
    history: async (boardId: string, token: string, goalId: string) =>
      bodyOf(
        GoalHistoryResponse,
        await request('GET', `${base(boardId)}/goals/${goalId}/history`, { token }),
      ),
    asOf: async (boardId: string, token: string, at: number) =>
      bodyOf(AsOfResponse, await request('GET', `${base(boardId)}/as-of?at=${at}`, { token })),
    sinceLastVisit: async (boardId: string, token: string) =>
      bodyOf(SinceLastVisitResponse, await request('GET', `${base(boardId)}/since-last-visit`, { token })),
    voiceBalance: async (boardId: string, token: string, query = '') =>
      bodyOf(VoiceBalanceResponse, await request('GET', `${base(boardId)}/voice-balance${query}`, { token })),
    network: async (boardId: string, token: string) =>
      bodyOf(NetworkResponse, await request('GET', `${base(boardId)}/network`, { token })),
    putProfile: (boardId: string, token: string, partnerId: string, body: unknown) =>
      request('PUT', `${base(boardId)}/partners/${partnerId}/profile`, { token, body }),
    addRelation: (boardId: string, token: string, body: unknown) =>
      request('POST', `${base(boardId)}/relations`, { token, body }),
    removeRelation: (boardId: string, token: string, relationId: string) =>
      request('DELETE', `${base(boardId)}/relations/${relationId}`, { token }),
  };
}
