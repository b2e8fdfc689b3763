import {
  ConfirmMemberResponse,
  ConfirmPartnerResponse,
  type CreatePartnerRequest,
  DeclinePartnerResponse,
  PartnerSchema,
} from '@common-ground/shared/api';
import { request } from '../app/request';

const partner = (boardId: string, partnerId: string) =>
  `/api/boards/${encodeURIComponent(boardId)}/partners/${encodeURIComponent(partnerId)}`;

/** The confirmation endpoints (docs/api.md, "Organisations and confirmation"). */
export const partnersApi = {
  create: (boardId: string, token: string, body: CreatePartnerRequest) =>
    request(PartnerSchema, `/api/boards/${encodeURIComponent(boardId)}/partners`, {
      method: 'POST',
      token,
      body,
    }),
  confirm: (boardId: string, token: string, partnerId: string) =>
    request(ConfirmPartnerResponse, `${partner(boardId, partnerId)}/confirm`, { method: 'POST', token }),
  decline: (boardId: string, token: string, partnerId: string) =>
    request(DeclinePartnerResponse, `${partner(boardId, partnerId)}/decline`, { method: 'POST', token }),
  confirmMember: (boardId: string, token: string, partnerId: string, participantId: string) =>
    request(
      ConfirmMemberResponse,
      `${partner(boardId, partnerId)}/members/${encodeURIComponent(participantId)}/confirm`,
      { method: 'POST', token },
    ),
};
