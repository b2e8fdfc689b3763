import {
  DeviceLinkResponse,
  ErasureResponse,
  PeopleResponse,
  PersonSchema,
  RedeemDeviceLinkResponse,
  type Role,
} from '@common-ground/shared/api';
import { z } from 'zod';
import { request } from '../app/request';

const base = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`;
const person = (boardId: string, participantId: string) =>
  `${base(boardId)}/people/${encodeURIComponent(participantId)}`;

/** The people endpoints (docs/api.md, "People and devices"). */
export const peopleApi = {
  list: (boardId: string, token: string) => request(PeopleResponse, `${base(boardId)}/people`, { token }),
  changeRole: (boardId: string, token: string, participantId: string, role: Role) =>
    request(PersonSchema, `${person(boardId, participantId)}/role`, {
      method: 'POST',
      token,
      body: { role },
    }),
  remove: (boardId: string, token: string, participantId: string) =>
    request(PersonSchema, `${person(boardId, participantId)}/remove`, { method: 'POST', token }),
  erase: (boardId: string, token: string, participantId: string) =>
    request(ErasureResponse, `${person(boardId, participantId)}/erase`, { method: 'POST', token }),
  eraseMe: (boardId: string, token: string) =>
    request(ErasureResponse, `${base(boardId)}/me/erase`, { method: 'POST', token }),
  reentry: (boardId: string, token: string, participantId: string) =>
    request(DeviceLinkResponse, `${person(boardId, participantId)}/reentry`, { method: 'POST', token }),
  deviceLink: (boardId: string, token: string) =>
    request(DeviceLinkResponse, `${base(boardId)}/device-links`, { method: 'POST', token }),
  leave: (boardId: string, token: string) =>
    request(z.object({ left: z.literal(true) }), `${base(boardId)}/leave`, { method: 'POST', token }),
  redeem: (code: string) =>
    request(RedeemDeviceLinkResponse, '/api/device-links/redeem', { method: 'POST', body: { code } }),
};
