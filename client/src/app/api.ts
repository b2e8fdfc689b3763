import {
  ActivityResponse,
  AgreementResponse,
  AmendmentSchema,
  AsOfResponse,
  BOARD_CREATE_KEY_HEADER,
  BoardInfoResponse,
  CreateBoardResponse,
  type CreateInviteRequest,
  CreateInviteResponse,
  type CreateRelationRequest,
  type FacilitationRequest,
  FacilitationResponse,
  GoalHistoryResponse,
  type JoinRequest,
  JoinResponse,
  NetworkResponse,
  type OpenRoundRequest,
  PartnerProfileSchema,
  RelationSchema,
  RoundSchema,
  RoundsResponse,
  type StanceRequest,
  type UpdateDecisionRuleRequest,
  type UpdateProfileRequest,
  VoiceBalanceResponse,
} from '@common-ground/shared/api';
import { z } from 'zod';
import type { Locale } from '../i18n/languages';
import { request, send } from './request';

export const api = {
  /** `createKey` only where the server requires one (see leanApi.config). */
  createBoard: (title: string, name?: string, createKey?: string) =>
    request(CreateBoardResponse, '/api/boards', {
      method: 'POST',
      body: name ? { title, name } : { title },
      ...(createKey === undefined ? {} : { headers: { [BOARD_CREATE_KEY_HEADER]: createKey } }),
    }),
  getBoard: (boardId: string, token: string) =>
    request(BoardInfoResponse, `/api/boards/${encodeURIComponent(boardId)}`, { token }),
  createInvite: (boardId: string, token: string, body: CreateInviteRequest) =>
    request(CreateInviteResponse, `/api/boards/${encodeURIComponent(boardId)}/invites`, {
      method: 'POST',
      body,
      token,
    }),
  join: (body: JoinRequest) => request(JoinResponse, '/api/join', { method: 'POST', body }),
  /** A board archive from another server; the importer becomes `facilitator` of it (docs/api.md). */
  importBoard: (archive: unknown, facilitator: string, createKey?: string) =>
    request(CreateBoardResponse, `/api/boards/import?facilitator=${encodeURIComponent(facilitator)}`, {
      method: 'POST',
      body: archive,
      ...(createKey === undefined ? {} : { headers: { [BOARD_CREATE_KEY_HEADER]: createKey } }),
    }),
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
  cancel: (boardId: string, token: string, roundId: string) =>
    request(RoundSchema, `${board(boardId)}/rounds/${encodeURIComponent(roundId)}/cancel`, {
      method: 'POST',
      token,
    }),
  setDecisionRule: (boardId: string, token: string, body: UpdateDecisionRuleRequest) =>
    request(z.unknown(), `${board(boardId)}/decision-rule`, { method: 'PUT', body, token }),
  agreement: (boardId: string, token: string) =>
    request(AgreementResponse, `${board(boardId)}/export?format=json`, { token }),
  /** The agreement as Markdown, written in `locale` (the reader's language, not necessarily the board's). */
  agreementMarkdown: async (boardId: string, token: string, locale: Locale): Promise<Blob> =>
    (await send(`${board(boardId)}/export?format=md&lang=${encodeURIComponent(locale)}`, { token })).blob(),
};

/** Proposed amendments of a goal's wording (facilitator adopts or dismisses). */
export const amendmentsApi = {
  resolve: (boardId: string, token: string, amendmentId: string, action: 'adopt' | 'dismiss') =>
    request(AmendmentSchema, `${board(boardId)}/amendments/${encodeURIComponent(amendmentId)}/${action}`, {
      method: 'POST',
      token,
    }),
};

/** Focus, timer and agenda of a session (facilitator changes them; everyone reads). */
export const facilitationApi = {
  get: (boardId: string, token: string) =>
    request(FacilitationResponse, `${board(boardId)}/facilitation`, { token }),
  change: (boardId: string, token: string, body: FacilitationRequest) =>
    request(FacilitationResponse, `${board(boardId)}/facilitation`, { method: 'PUT', body, token }),
};

const query = (params: Record<string, number | undefined>): string => {
  const entries = Object.entries(params).filter(([, value]) => value !== undefined);
  return entries.length === 0 ? '' : `?${entries.map(([key, value]) => `${key}=${value}`).join('&')}`;
};

/** The network inventory and the server's attributed record: activity, history, "as of", voice balance. */
export const transparencyApi = {
  network: (boardId: string, token: string) =>
    request(NetworkResponse, `${board(boardId)}/network`, { token }),
  putProfile: (boardId: string, token: string, partnerId: string, body: UpdateProfileRequest) =>
    request(PartnerProfileSchema, `${board(boardId)}/partners/${encodeURIComponent(partnerId)}/profile`, {
      method: 'PUT',
      body,
      token,
    }),
  addRelation: (boardId: string, token: string, body: z.input<typeof CreateRelationRequest>) =>
    request(RelationSchema, `${board(boardId)}/relations`, { method: 'POST', body, token }),
  removeRelation: async (boardId: string, token: string, relationId: string) => {
    await send(`${board(boardId)}/relations/${encodeURIComponent(relationId)}`, { method: 'DELETE', token });
  },
  activity: (boardId: string, token: string, limit = 200) =>
    request(ActivityResponse, `${board(boardId)}/activity${query({ limit })}`, { token }),
  history: (boardId: string, token: string, goalId: string) =>
    request(GoalHistoryResponse, `${board(boardId)}/goals/${encodeURIComponent(goalId)}/history`, { token }),
  asOf: (boardId: string, token: string, at: number) =>
    request(AsOfResponse, `${board(boardId)}/as-of${query({ at })}`, { token }),
  voiceBalance: (boardId: string, token: string, period: { from?: number; to?: number }) =>
    request(VoiceBalanceResponse, `${board(boardId)}/voice-balance${query(period)}`, { token }),
};
