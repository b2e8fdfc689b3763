import {
  type Locale,
  type MailPreferences,
  MailSettingsResponse,
  MailStatusResponse,
} from '@common-ground/shared/api';
import { request, send } from '../app/request';

const base = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`;

/** The e-mail endpoints (docs/api.md, "E-mail: own address, confirmation, unsubscribe, status"). */
export const mailApi = {
  settings: (boardId: string, token: string) =>
    request(MailSettingsResponse, `${base(boardId)}/me/email`, { token }),
  save: (
    boardId: string,
    token: string,
    body: { address: string; preferences: MailPreferences; language: Locale },
  ) => request(MailSettingsResponse, `${base(boardId)}/me/email`, { method: 'PUT', token, body }),
  // 204 without a body: `send` alone, since `request` would read one.
  remove: async (boardId: string, token: string): Promise<void> => {
    await send(`${base(boardId)}/me/email`, { method: 'DELETE', token });
  },
  status: (boardId: string, token: string) =>
    request(MailStatusResponse, `${base(boardId)}/mail/status`, { token }),
  /** The facilitator's sender name for the board's mails; null = the board's title. */
  setSender: (boardId: string, token: string, name: string | null) =>
    request(MailStatusResponse, `${base(boardId)}/mail/sender`, { method: 'PUT', token, body: { name } }),
};
