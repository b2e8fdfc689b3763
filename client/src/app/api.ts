import {
  BoardInfoResponse,
  CreateBoardResponse,
  type CreateInviteRequest,
  CreateInviteResponse,
  type ErrorCode,
  ErrorResponse,
  InviteInfoResponse,
  type JoinRequest,
  JoinResponse,
} from '@common-ground/shared';
import type { z } from 'zod';

/** Why a request failed, reduced to what the UI explains differently. */
export type ApiFailure = { kind: 'network' } | { kind: 'http'; status: number; code: ErrorCode | null };

export class ApiError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.kind === 'network' ? 'network' : `HTTP ${failure.status} ${failure.code ?? ''}`);
  }
}

async function request<T>(
  schema: z.ZodType<T>,
  path: string,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? null : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError({ kind: 'network' });
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ErrorResponse.safeParse(json);
    throw new ApiError({
      kind: 'http',
      status: response.status,
      code: parsed.success ? parsed.data.error.code : null,
    });
  }
  const parsed = schema.safeParse(json);
  // A response we cannot read is a server fault, not the person's: report it like a 500.
  if (!parsed.success) throw new ApiError({ kind: 'http', status: 500, code: 'internal' });
  return parsed.data;
}

export const api = {
  createBoard: (title: string, name?: string) =>
    request(CreateBoardResponse, '/api/boards', { method: 'POST', body: name ? { title, name } : { title } }),
  getBoard: (boardId: string, token: string) =>
    request(BoardInfoResponse, `/api/boards/${encodeURIComponent(boardId)}`, { token }),
  createInvite: (boardId: string, token: string, body: CreateInviteRequest) =>
    request(CreateInviteResponse, `/api/boards/${encodeURIComponent(boardId)}/invites`, {
      method: 'POST',
      body,
      token,
    }),
  getInvite: (code: string) => request(InviteInfoResponse, `/api/invites/${encodeURIComponent(code)}`),
  join: (body: JoinRequest) => request(JoinResponse, '/api/join', { method: 'POST', body }),
};
