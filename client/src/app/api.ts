import {
  AgreementResponse,
  BoardInfoResponse,
  CreateBoardResponse,
  type CreateInviteRequest,
  CreateInviteResponse,
  type ErrorCode,
  ErrorResponse,
  InviteInfoResponse,
  type JoinRequest,
  JoinResponse,
  type OpenRoundRequest,
  RoundSchema,
  RoundsResponse,
  type StanceRequest,
  type UpdateDecisionRuleRequest,
} from '@common-ground/shared';
import { z } from 'zod';

/** Why a request failed, reduced to what the UI explains differently. */
export type ApiFailure = { kind: 'network' } | { kind: 'http'; status: number; code: ErrorCode | null };

export class ApiError extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.kind === 'network' ? 'network' : `HTTP ${failure.status} ${failure.code ?? ''}`);
  }
}

type RequestInit = { method?: string; body?: unknown; token?: string };

async function send(path: string, init: RequestInit): Promise<Response> {
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
  if (!response.ok) {
    const parsed = ErrorResponse.safeParse(await response.json().catch(() => null));
    throw new ApiError({
      kind: 'http',
      status: response.status,
      code: parsed.success ? parsed.data.error.code : null,
    });
  }
  return response;
}

async function request<T>(schema: z.ZodType<T>, path: string, init: RequestInit = {}): Promise<T> {
  const response = await send(path, init);
  const json: unknown = await response.json().catch(() => null);
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

const board = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`;

/** Consensus rounds, the decision rule and the cooperation agreement of one board. */
export const roundsApi = {
  list: async (boardId: string, token: string) =>
    (await request(RoundsResponse, `${board(boardId)}/rounds`, { token })).rounds,
  open: (boardId: string, token: string, body: z.input<typeof OpenRoundRequest>) =>
    request(RoundSchema, `${board(boardId)}/rounds`, { method: 'POST', body, token }),
  stance: (boardId: string, token: string, roundId: string, body: z.input<typeof StanceRequest>) =>
    request(RoundSchema, `${board(boardId)}/rounds/${encodeURIComponent(roundId)}/stances`, {
      method: 'POST',
      body,
      token,
    }),
  close: (boardId: string, token: string, roundId: string) =>
    request(RoundSchema, `${board(boardId)}/rounds/${encodeURIComponent(roundId)}/close`, {
      method: 'POST',
      token,
    }),
  setDecisionRule: (boardId: string, token: string, body: UpdateDecisionRuleRequest) =>
    request(z.unknown(), `${board(boardId)}/decision-rule`, { method: 'PUT', body, token }),
  agreement: (boardId: string, token: string) =>
    request(AgreementResponse, `${board(boardId)}/export?format=json`, { token }),
  agreementMarkdown: async (boardId: string, token: string): Promise<Blob> =>
    (await send(`${board(boardId)}/export?format=md`, { token })).blob(),
};
