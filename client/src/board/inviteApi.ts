import { InviteListResponse, InviteSummary } from '@common-ground/shared/api';
import { request } from '../app/request';

const invites = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/invites`;

/** Listing and revoking a board's invites (docs/api.md); creating one stays in `api.createInvite`. */
export const inviteApi = {
  list: async (boardId: string, token: string) =>
    (await request(InviteListResponse, invites(boardId), { token })).invites,
  revoke: (boardId: string, token: string, inviteId: string) =>
    request(InviteSummary, `${invites(boardId)}/${encodeURIComponent(inviteId)}/revoke`, {
      method: 'POST',
      token,
    }),
};
